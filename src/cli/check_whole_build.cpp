#include "cli/check_whole_build.hpp"

#include <fstream>
#include <iostream>

#include "upgrade/check_output.hpp"

namespace suture::cli {

namespace {

// The process ends once the reports are printed: the DOM of a large build
// (hundreds of thousands of nodes) goes back to the OS at exit instead of being
// freed node by node, which was a fifth of the run on all of OpenZeppelin.
// Reachable from a static, so leak checkers do not report it.
void keep_until_exit(solidity::BuildSet&& set) {
    static auto* kept = new std::vector<solidity::BuildSet>();
    kept->push_back(std::move(set));
}

}  // namespace

Result<int> check_whole_build(solidity::BuildSet&& set, const upgrade::BuildCheckOptions& opt,
                              const std::string& sarif, const GlobalOptions& g) {
    SUTURE_TRY(reports, upgrade::check_build(set, opt));
    size_t failed = 0;
    for (const auto& r : reports) failed += has_errors(r.findings) ? 1 : 0;
    if (!sarif.empty()) {  // one SARIF run holding every contract's findings
        upgrade::CheckReport all;
        for (const auto& r : reports) all.findings.insert(all.findings.end(), r.findings.begin(), r.findings.end());
        std::ofstream out(sarif);
        out << upgrade::report_sarif(all, SUTURE_VERSION).dump(2) << "\n";
        if (!out) return input_error(sarif + ": cannot write the SARIF file");
    }
    const char* what = opt.select == upgrade::BuildSelection::all ? "contract" : "upgradeable contract";
    if (g.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : reports) list.push_back(upgrade::report_json(r));
        nlohmann::json j{{"build", set.path},
                         {"checked", reports.size()},
                         {"failed", failed},
                         {"safe", failed == 0},
                         {"contracts", std::move(list)}};
        std::cout << j.dump(2) << "\n";
    } else {
        for (const auto& r : reports) std::cout << upgrade::report_text(r) << "\n";
        if (reports.empty())
            std::cout << "suture check: no " << what << " found in " << set.path << "\n";
        else
            std::cout << (failed ? "FAILED" : "SUCCESS") << ": " << reports.size() << " " << what
                      << (reports.size() == 1 ? "" : "s") << " checked, " << reports.size() - failed << " passed, "
                      << failed << " failed\n";
    }
    keep_until_exit(std::move(set));
    return failed ? 1 : 0;
}

}  // namespace suture::cli
