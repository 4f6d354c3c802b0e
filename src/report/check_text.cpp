// Human text of the check gate's result.
#include <sstream>
#include <vector>

#include "report/check_render.hpp"
#include "report/layout_table.hpp"

namespace suture::report {
namespace {

std::string where(const Location& l) {
    if (l.file.empty()) return l.other;
    std::string s = l.file;
    if (l.line) s += ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
    return s;
}

std::string pad(std::string s, size_t n) {
    if (s.size() < n) s.append(n - s.size(), ' ');
    return s;
}

}  // namespace

std::string check_text(const upgrade::CheckReport& r) {
    // Sections are separated by one blank line; an empty one is left out (no
    // stray blank lines when there is nothing to say).
    std::vector<std::string> sections;
    sections.push_back("suture check: " + (r.old_contract.empty() ? "" : r.old_contract + " -> ") + r.new_contract +
                       "\n");
    int errors = 0, warnings = 0, suppressed = 0;
    std::ostringstream found;
    for (const auto& f : r.findings) {
        if (f.suppressed) {
            ++suppressed;
            continue;
        }
        if (f.severity == Severity::error) ++errors;
        if (f.severity == Severity::warning) ++warnings;
        found << severity_name(f.severity) << "[" << f.code << "] " << where(f.location) << ": " << f.message << "\n";
        if (!f.hint.empty()) found << "    fix: " << f.hint << "\n";
    }
    if (!found.str().empty()) sections.push_back(found.str());
    if (suppressed) {
        std::ostringstream o;
        o << "Allowed by annotations (" << suppressed << "):\n";
        for (const auto& f : r.findings)
            if (f.suppressed)
                o << "  " << f.code << " " << where(f.location) << ": " << f.message << "\n    allowed by "
                  << f.suppressed_by << "\n";
        sections.push_back(o.str());
    }
    if (!r.layout.empty()) sections.push_back("Storage layout:\n" + layout_table(r.layout));
    if (!r.abi.empty()) {
        std::ostringstream o;
        o << "ABI changes:\n";
        for (const auto& a : r.abi)
            o << "  " << pad(a.kind, 9) << pad(a.change, 8) << a.signature << (a.detail.empty() ? "" : "  " + a.detail)
              << "\n";
        sections.push_back(o.str());
    }
    std::ostringstream verdict;
    verdict << errors << " error(s), " << warnings << " warning(s), " << suppressed
            << " allowed: " << (errors ? "NOT SAFE to upgrade" : "no blocking finding") << "\n";
    sections.push_back(verdict.str());
    std::string out;
    for (size_t i = 0; i < sections.size(); ++i) out += (i ? "\n" : "") + sections[i];
    return out;
}

std::string check_text(const upgrade::CheckResult& r) {
    if (!r.whole_build) return r.reports.empty() ? std::string() : check_text(r.reports.front());
    std::ostringstream o;
    for (const auto& rep : r.reports) o << check_text(rep) << "\n";
    const char* what = r.select == upgrade::BuildSelection::all ? "contract" : "upgradeable contract";
    size_t failed = r.failed();
    if (r.reports.empty())
        o << "suture check: no " << what << " found in " << r.build_path << "\n";
    else
        o << (failed ? "FAILED" : "SUCCESS") << ": " << r.reports.size() << " " << what
          << (r.reports.size() == 1 ? "" : "s") << " checked, " << r.reports.size() - failed << " passed, " << failed
          << " failed\n";
    return o.str();
}

}  // namespace suture::report
