// Renderings of the check gate's result (upgrade/check_gate.hpp): human text,
// JSON and SARIF 2.1.0. Pure functions returning values; the CLI decides where
// they go (the gates never print, DESIGN.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "upgrade/check.hpp"
#include "upgrade/check_gate.hpp"

namespace suture::report {

// One contract's report: header, findings, findings allowed by annotations,
// the storage-layout table, ABI changes, and the verdict line.
std::string check_text(const upgrade::CheckReport& r);
// {old, new, safe, findings[], layout[], abi[]}
nlohmann::json check_json(const upgrade::CheckReport& r);

// The whole gate result: one report for a pair (its JSON gains "deployed" when
// the old version was live code), or every report of a build and a summary.
std::string check_text(const upgrade::CheckResult& r);
nlohmann::json check_json(const upgrade::CheckResult& r);

// Every finding of every report in one SARIF run.
nlohmann::json check_sarif(const upgrade::CheckResult& r, const std::string& tool_version);
nlohmann::json findings_sarif(const Findings& findings, const std::string& tool_version);

// Writes `doc` (2-space indented, newline-terminated) to `path`: an input error
// naming the file when it cannot be written completely.
Status write_json_file(const std::string& path, const nlohmann::json& doc, std::string_view what);

}  // namespace suture::report
