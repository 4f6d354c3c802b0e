// Renderings of a CheckReport: human text, JSON and SARIF 2.1.0. Pure
// functions returning strings; the CLI decides where they go.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "upgrade/check.hpp"

namespace suture::upgrade {

std::string report_text(const CheckReport& r);
nlohmann::json report_json(const CheckReport& r);
nlohmann::json report_sarif(const CheckReport& r, const std::string& tool_version);

}  // namespace suture::upgrade
