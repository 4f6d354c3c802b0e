// The patch report as Markdown (patch_render.hpp).
#include <sstream>

#include "core/hex.hpp"
#include "report/layout_table.hpp"
#include "report/patch_render.hpp"

namespace suture::report {
namespace {

// Ledger text in running Markdown or a table cell: markup characters are
// backslash-escaped, <, > and & become entities (GitHub renders inline HTML),
// line breaks become spaces (a table row is one line).
std::string md(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '\n':
        case '\r': out += ' '; break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!':
            out += '\\';
            out += c;
            break;
        default: out += c;
        }
    }
    return out;
}

// A code span (hashes, addresses); a backtick in ledger text would end it early.
std::string code(std::string s) {
    for (char& c : s)
        if (c == '`') c = '\'';
    return "`" + s + "`";
}

std::string location(const Finding& f) {
    if (!f.location.file.empty())
        return f.location.file + (f.location.line ? ":" + std::to_string(f.location.line) : "");
    return f.location.other;
}

void integrity(std::ostream& o, const PatchReport& r) {
    if (r.integrity.intact) {
        o << "Ledger " << code(r.ledger_path) << ": " << r.integrity.records << " records, audit chain verified; head "
          << code(to_hex(r.integrity.head)) << ".\n\n";
    } else {
        o << "> **WARNING: THE LEDGER DOES NOT VERIFY.** `suture log verify` fails on " << code(r.ledger_path)
          << ": what follows may have been edited.\n>\n";
        for (const auto& p : r.integrity.problems) o << "> - " << md(p) << "\n";
        o << "\n";
    }
    if (!r.read_errors.empty()) {
        o << "> **Parts of the ledger could not be read** (left out below):\n>\n";
        for (const auto& e : r.read_errors) o << "> - " << md(e) << "\n";
        o << "\n";
    }
}

void gates(std::ostream& o, const PatchReport& r) {
    o << "## Gates\n\n";
    if (r.gates.empty()) {
        o << "No gate has run.\n\n";
        return;
    }
    o << "| run | gate | verdict | findings | time | input hash |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& g : r.gates)
        o << "| " << g.id << (g.latest ? "" : " (superseded)") << " | " << md(g.gate) << " | **" << md(g.verdict)
          << "** | " << g.findings.size() + g.unreadable_findings.size() << " | " << utc_text(g.time) << " | "
          << code(to_hex(g.input_hash)) << " |\n";
    o << "\n";
    for (const auto& g : r.gates) {
        if (!g.latest || (g.findings.empty() && g.unreadable_findings.empty())) continue;
        o << "### Findings of " << md(g.gate) << " (run " << g.id << ")\n\n";
        o << "| severity | code | message | location | allowed |\n| --- | --- | --- | --- | --- |\n";
        for (const auto& f : g.findings)
            o << "| " << severity_name(f.severity) << " | " << md(f.code) << " | " << md(f.message)
              << (f.hint.empty() ? "" : " Fix: " + md(f.hint)) << " | " << md(location(f)) << " | "
              << (f.suppressed ? "yes: " + md(f.suppressed_by) : "no") << " |\n";
        for (const auto& u : g.unreadable_findings) o << "| ? | (unreadable) | " << md(u) << " | | |\n";
        o << "\n";
    }
}

void details(std::ostream& o, const PatchReport& r) {
    o << "## Storage layout\n\n";
    if (r.layout.empty()) o << "No storage-layout comparison recorded.\n\n";
    else o << "```\n" << layout_table(r.layout) << "```\n\n";

    o << "## Behaviour differences\n\n";
    if (r.differences.empty()) {
        o << "None recorded.\n\n";
    } else {
        o << "| gate | where | old code | new code | expected |\n| --- | --- | --- | --- | --- |\n";
        for (const auto& d : r.differences)
            o << "| " << md(d.gate) << " | " << md(d.difference.where) << " | " << md(d.difference.old_result) << " | "
              << md(d.difference.new_result) << " | "
              << (d.difference.expected ? "yes: " + md(d.difference.reason) : "**no**") << " |\n";
        o << "\n";
    }
    if (!r.gains.empty()) {
        o << "## Attacker gain\n\n| asset | attacker | old code | new code |\n| --- | --- | --- | --- |\n";
        for (const auto& g : r.gains)
            o << "| " << md(g.asset) << " | " << code(g.holder) << " | " << md(g.old_code) << " | " << md(g.new_code)
              << " |\n";
        o << "\n";
    }
}

void approvals(std::ostream& o, const PatchReport& r) {
    o << "## Approvals\n\n";
    if (r.digest) o << "Current patch digest: " << code(to_hex(r.digest->digest)) << "\n\n";
    if (r.approval_summary)
        o << "Counted " << r.approval_summary->counted << " of " << r.approval_summary->threshold << " required.\n\n";
    if (r.approvals.empty()) {
        o << "No approvals recorded.\n\n";
        return;
    }
    o << "| reviewer | digest | signature | standing | time |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& a : r.approvals) {
        std::string standing = !a.valid ? "bad signature" : !a.standing.empty() ? a.standing
                               : a.current                                      ? "signs the current digest"
                                                                                : "other digest";
        o << "| " << code(to_checksum(a.reviewer)) << " | " << code(to_hex(a.digest)) << " | "
          << code(a.signature.substr(0, 18) + "…") << " | " << md(standing) << " | " << utc_text(a.time) << " |\n";
    }
    o << "\n";
}

void transactions(std::ostream& o, const PatchReport& r) {
    o << "## Transactions\n\n";
    if (r.transactions.empty()) {
        o << "Nothing deployed.\n\n";
    } else {
        o << "| step | what | nonce | transaction | status | block |\n| --- | --- | --- | --- | --- | --- |\n";
        for (const auto& t : r.transactions)
            o << "| " << md(t.step_id) << " | " << md(t.description) << " | "
              << (t.nonce ? std::to_string(*t.nonce) : "") << " | " << (t.tx_hash ? code(to_hex(*t.tx_hash)) : "")
              << " | " << md(t.status) << " | "
              << (t.block ? std::to_string(*t.block) : "") << " |\n";
        o << "\n";
    }
    o << "## Final on-chain state\n\n";
    if (r.final_state.empty()) {
        o << "Not recorded.\n\n";
        return;
    }
    o << "| fact | value |\n| --- | --- |\n";
    for (const auto& s : r.final_state) o << "| " << md(s.name) << " | " << md(s.value) << " |\n";
    o << "\n";
}

}  // namespace

std::string patch_markdown(const PatchReport& r) {
    std::ostringstream o;
    o << "# Patch " << r.patch.id << ": " << md(r.patch.info.name) << "\n\n";
    integrity(o, r);
    o << "**Status:** " << md(r.status) << "  \n**Recorded:** " << utc_text(r.patch.time);
    if (!r.patch.info.manifest.empty()) o << "  \n**Manifest:** " << md(r.patch.info.manifest);
    o << "\n\n## Incident\n\n";
    if (r.incident)
        o << "**" << md(r.incident->info.title) << "** (incident " << r.incident->id << ", "
          << md(r.incident->info.severity) << ", opened " << utc_text(r.incident->time) << ")\n\n"
          << (r.incident->info.description.empty() ? "" : md(r.incident->info.description) + "\n\n");
    else
        o << "No incident linked.\n\n";
    o << "## Timeline\n\n| # | time | event |\n| --- | --- | --- |\n";
    for (const auto& e : r.timeline) o << "| " << e.seq << " | " << utc_text(e.time) << " | " << md(e.summary) << " |\n";
    o << "\n";
    gates(o, r);
    details(o, r);
    approvals(o, r);
    transactions(o, r);
    return o.str();
}

}  // namespace suture::report
