// The patch reports `suture demo` leaves in its work dir: the same Markdown
// and HTML `suture report` writes (report/patch_render.hpp), built from the
// ledger, approvals counted under the manifest's policy.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"

namespace suture::demo {

struct ReportFiles {
    std::string markdown, html;  // absolute paths
    bool ledger_intact = false;
};

// Writes `dir`/`stem`.md and `dir`/`stem`.html (atomically).
Result<ReportFiles> write_reports(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id, const std::string& dir,
                                  const std::string& stem);

}  // namespace suture::demo
