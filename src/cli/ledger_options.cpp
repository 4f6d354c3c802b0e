#include "cli/ledger_options.hpp"

#include <cstdlib>

#include "report/patch_report.hpp"

namespace suture::cli {

CLI::Option* add_ledger_option(CLI::App* cmd, std::string& path) {
    return cmd->add_option("--ledger", path,
                           "Ledger file (default: the manifest's ledger, $SUTURE_LEDGER, or ./suture.ledger)");
}

std::string ledger_path(const std::string& option, const std::string& from_manifest) {
    if (!option.empty()) return option;
    if (!from_manifest.empty()) return from_manifest;
    if (const char* env = std::getenv("SUTURE_LEDGER"); env && *env) return env;
    return "suture.ledger";
}

std::string format_utc(int64_t unix_seconds) { return report::utc_text(unix_seconds); }

}  // namespace suture::cli
