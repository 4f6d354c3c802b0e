#include "demo/demo_report.hpp"

#include <filesystem>

#include "core/atomic_file.hpp"
#include "report/patch_render.hpp"
#include "report/patch_report.hpp"

namespace suture::demo {
namespace {

Status write_text(const std::string& path, const std::string& text) {
    return write_file_atomically(path, BytesView(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

}  // namespace

Result<ReportFiles> write_reports(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id, const std::string& dir,
                                  const std::string& stem) {
    report::PatchReportOptions opts;
    opts.patch_id = patch_id;
    opts.policy = m.policy;
    SUTURE_TRY(r, report::build_patch_report(l, opts));
    const auto base = std::filesystem::absolute(dir) / stem;
    ReportFiles out;
    out.markdown = base.string() + ".md";
    out.html = base.string() + ".html";
    out.ledger_intact = r.integrity.intact;
    SUTURE_CHECK(write_text(out.markdown, report::patch_markdown(r)));
    SUTURE_CHECK(write_text(out.html, report::patch_html(r)));
    return out;
}

}  // namespace suture::demo
