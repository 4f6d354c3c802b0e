// The patch report (patch_report.hpp) in each output format of
// `suture report`. Pure functions of the model; the CLI writes the result.
// Every format opens with the ledger's integrity: a ledger that does not
// verify is the first thing a reader sees.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/patch_report.hpp"

namespace suture::report {

// Keys documented in docs/report.md ("schema": "suture-patch-report/1").
nlohmann::json patch_json(const PatchReport& r);

// GitHub-flavoured Markdown; ledger text is escaped so it cannot break a table or inject markup.
std::string patch_markdown(const PatchReport& r);

// One self-contained HTML page: inline CSS and SVG, no scripts, no external
// assets; every ledger string HTML-escaped.
std::string patch_html(const PatchReport& r);

// SARIF 2.1.0: the findings of the latest run of each gate, each result
// carrying its gate and run id in "properties".
nlohmann::json patch_sarif(const PatchReport& r, const std::string& tool_version);

}  // namespace suture::report
