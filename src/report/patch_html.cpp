// The patch report as one self-contained HTML page (patch_render.hpp).
// A Content-Security-Policy forbids scripts and every external load, so even
// text that slipped past escaping could not run or phone home.
#include <sstream>

#include "core/hex.hpp"
#include "report/html_text.hpp"
#include "report/patch_render.hpp"
#include "report/patch_svg.hpp"

namespace suture::report {
namespace {

constexpr const char* kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1b1b1b}
h1{font-size:24px;margin:8px 0}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td{overflow-wrap:anywhere}td.time{white-space:nowrap;overflow-wrap:normal}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.banner{padding:10px 14px;border-radius:6px;margin:10px 0}
.ok{background:#e8f5e9;border:1px solid #a5d6a7}.tampered{background:#ffebee;border:3px solid #c62828;color:#8e0000;font-size:16px}
.warn{background:#fff8e1;border:1px solid #ffcc80}
.verdict{font-weight:600;padding:1px 8px;border-radius:10px;color:#fff}
.verdict-pass{background:#2e7d32}.verdict-fail{background:#c62828}.verdict-error{background:#ef6c00}.verdict-skipped{background:#757575}
tr.superseded td{color:#888}.status{font-size:16px;font-weight:600}
.row-same td{color:#555}.row-bad td{background:#ffebee}
)css";

std::string e(std::string_view s) { return html_escape(s); }

std::string verdict_badge(const std::string& v) {
    return "<span class=\"verdict verdict-" + e(v) + "\">" + e(v) + "</span>";
}

std::string location(const Finding& f) {
    if (!f.location.file.empty())
        return f.location.file + (f.location.line ? ":" + std::to_string(f.location.line) : "") +
               (f.location.column ? ":" + std::to_string(f.location.column) : "");
    return f.location.other;
}

void integrity(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"integrity\">\n";
    if (r.integrity.intact) {
        o << "<div class=\"banner ok\">Ledger <code>" << e(r.ledger_path) << "</code>: " << r.integrity.records
          << " records, audit chain verified. Head <code>" << to_hex(r.integrity.head) << "</code></div>\n";
    } else {
        o << "<div class=\"banner tampered\" id=\"tampered\"><strong>THE LEDGER DOES NOT VERIFY.</strong> "
          << "<code>suture log verify</code> fails on <code>" << e(r.ledger_path)
          << "</code>: what follows may have been edited.<ul>";
        for (const auto& p : r.integrity.problems) o << "<li>" << e(p) << "</li>";
        o << "</ul></div>\n";
    }
    if (!r.read_errors.empty()) {
        o << "<div class=\"banner warn\" id=\"read-errors\"><strong>Parts of the ledger could not be read</strong> "
             "(left out below):<ul>";
        for (const auto& x : r.read_errors) o << "<li>" << e(x) << "</li>";
        o << "</ul></div>\n";
    }
    o << "</section>\n";
}

void incident_and_timeline(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"incident\"><h2>Incident</h2>\n";
    if (r.incident)
        o << "<p><strong>" << e(r.incident->info.title) << "</strong> (incident " << r.incident->id << ", "
          << e(r.incident->info.severity) << ", opened " << utc_text(r.incident->time) << ")</p>\n<p>"
          << e(r.incident->info.description) << "</p>\n";
    else
        o << "<p>No incident linked.</p>\n";
    o << "</section>\n<section id=\"timeline\"><h2>Timeline</h2>\n<table><tr><th>#</th><th>time</th><th>event</th></tr>\n";
    for (const auto& ev : r.timeline)
        o << "<tr><td>" << ev.seq << "</td><td class=\"time\">" << utc_text(ev.time) << "</td><td>" << e(ev.summary)
          << "</td></tr>\n";
    o << "</table></section>\n";
}

void gates(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"gates\"><h2>Gates</h2>\n";
    if (r.gates.empty()) {
        o << "<p>No gate has run.</p></section>\n";
        return;
    }
    o << gate_timeline_svg(r.gates);
    o << "<table id=\"gate-verdicts\"><tr><th>run</th><th>gate</th><th>verdict</th><th>findings</th><th>time</th>"
         "<th>input hash</th></tr>\n";
    for (const auto& g : r.gates)
        o << "<tr" << (g.latest ? "" : " class=\"superseded\"") << "><td>" << g.id << (g.latest ? "" : " (superseded)")
          << "</td><td>" << e(g.gate) << "</td><td>" << verdict_badge(g.verdict) << "</td><td>"
          << g.findings.size() + g.unreadable_findings.size() << "</td><td class=\"time\">" << utc_text(g.time) << "</td><td><code>"
          << to_hex(g.input_hash) << "</code></td></tr>\n";
    o << "</table>\n";
    for (const auto& g : r.gates) {
        if (!g.latest || (g.findings.empty() && g.unreadable_findings.empty())) continue;
        o << "<h3>Findings of " << e(g.gate) << " (run " << g.id << ")</h3>\n<table class=\"findings\"><tr>"
          << "<th>severity</th><th>code</th><th>message</th><th>location</th><th>allowed</th></tr>\n";
        for (const auto& f : g.findings)
            o << "<tr><td>" << severity_name(f.severity) << "</td><td><code>" << e(f.code) << "</code></td><td>"
              << e(f.message) << (f.hint.empty() ? "" : "<br><em>Fix:</em> " + e(f.hint)) << "</td><td><code>"
              << e(location(f)) << "</code></td><td>" << (f.suppressed ? "yes: " + e(f.suppressed_by) : "no")
              << "</td></tr>\n";
        for (const auto& u : g.unreadable_findings)
            o << "<tr><td>?</td><td>(unreadable)</td><td><code>" << e(u) << "</code></td><td></td><td></td></tr>\n";
        o << "</table>\n";
    }
    o << "</section>\n";
}

std::string layout_cell(const std::string& label, const std::string& type, const std::string& slot, int offset) {
    if (offset < 0) return "<td></td>";
    return "<td><code>" + e(slot) + ":" + std::to_string(offset) + "</code> " + e(label) + " <span class=\"mono\">" +
           e(type) + "</span></td>";
}

void details(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"layout\"><h2>Storage layout</h2>\n";
    if (r.layout.empty()) {
        o << "<p>No storage-layout comparison recorded.</p>\n";
    } else {
        o << "<table id=\"layout-table\"><tr><th>namespace</th><th>old</th><th>new</th><th>status</th></tr>\n";
        for (const auto& row : r.layout) {
            const bool fine = row.status == "same" || row.status == "append" || row.status == "gap" ||
                              row.status == "renamed" || row.status == "retyped";
            o << "<tr class=\"" << (row.status == "same" ? "row-same" : fine ? "" : "row-bad") << "\"><td>"
              << e(row.ns) << "</td>" << layout_cell(row.old_label, row.old_type, row.old_slot, row.old_offset)
              << layout_cell(row.new_label, row.new_type, row.new_slot, row.new_offset) << "<td>" << e(row.status)
              << "</td></tr>\n";
        }
        o << "</table>\n";
    }
    o << "</section>\n<section id=\"differences\"><h2>Behaviour differences</h2>\n";
    if (r.differences.empty()) {
        o << "<p>None recorded.</p>\n";
    } else {
        o << "<table><tr><th>gate</th><th>where</th><th>old code</th><th>new code</th><th>expected</th></tr>\n";
        for (const auto& d : r.differences)
            o << "<tr><td>" << e(d.gate) << "</td><td><code>" << e(d.difference.where) << "</code></td><td>"
              << e(d.difference.old_result) << "</td><td>" << e(d.difference.new_result) << "</td><td>"
              << (d.difference.expected ? "yes: " + e(d.difference.reason) : "<strong>no</strong>") << "</td></tr>\n";
        o << "</table>\n";
    }
    o << "</section>\n";
    if (!r.gains.empty()) o << "<section id=\"gains\"><h2>Attacker gain</h2>\n" << gain_chart_svg(r.gains) << "</section>\n";
}

void approvals(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"approvals\"><h2>Approvals</h2>\n";
    if (r.digest) o << "<p>Current patch digest: <code>" << to_hex(r.digest->digest) << "</code></p>\n";
    if (r.approval_summary)
        o << "<p>Counted " << r.approval_summary->counted << " of " << r.approval_summary->threshold
          << " required.</p>\n";
    if (r.approvals.empty()) {
        o << "<p>No approvals recorded.</p></section>\n";
        return;
    }
    o << "<table id=\"approval-table\"><tr><th>reviewer</th><th>digest</th><th>signature</th><th>standing</th>"
         "<th>time</th></tr>\n";
    for (const auto& a : r.approvals) {
        const std::string standing = !a.valid ? "bad signature" : !a.standing.empty() ? a.standing
                                     : a.current ? "signs the current digest"
                                                 : "other digest";
        o << "<tr><td><code class=\"signer\">" << to_checksum(a.reviewer) << "</code></td><td><code>" << to_hex(a.digest)
          << "</code></td><td><code>" << e(a.signature) << "</code></td><td>" << e(standing) << "</td><td>"
          << utc_text(a.time) << "</td></tr>\n";
    }
    o << "</table></section>\n";
}

void transactions(std::ostream& o, const PatchReport& r) {
    o << "<section id=\"transactions\"><h2>Transactions</h2>\n";
    if (r.transactions.empty()) {
        o << "<p>Nothing deployed.</p>\n";
    } else {
        o << "<table id=\"tx-table\"><tr><th>step</th><th>what</th><th>nonce</th><th>transaction</th><th>status</th>"
             "<th>block</th></tr>\n";
        for (const auto& t : r.transactions)
            o << "<tr><td><code>" << e(t.step_id) << "</code></td><td>" << e(t.description) << "</td><td>"
              << (t.nonce ? std::to_string(*t.nonce) : "") << "</td><td><code>" << (t.tx_hash ? to_hex(*t.tx_hash) : "")
              << "</code></td><td>" << e(t.status) << "</td><td>"
              << (t.block ? std::to_string(*t.block) : "") << "</td></tr>\n";
        o << "</table>\n";
    }
    o << "</section>\n<section id=\"final-state\"><h2>Final on-chain state</h2>\n";
    if (r.final_state.empty()) {
        o << "<p>Not recorded.</p>\n";
    } else {
        o << "<table><tr><th>fact</th><th>value</th></tr>\n";
        for (const auto& s : r.final_state)
            o << "<tr><td>" << e(s.name) << "</td><td><code>" << e(s.value) << "</code></td></tr>\n";
        o << "</table>\n";
    }
    o << "</section>\n";
}

}  // namespace

std::string patch_html(const PatchReport& r) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      << "<title>Patch " << r.patch.id << ": " << e(r.patch.info.name) << "</title>\n<style>" << kStyle
      << "</style></head>\n<body>\n<h1>Patch " << r.patch.id << ": " << e(r.patch.info.name) << "</h1>\n";
    integrity(o, r);
    o << "<p class=\"status\" id=\"status\">Status: " << e(r.status) << "</p>\n<p>Recorded " << utc_text(r.patch.time);
    if (!r.patch.info.manifest.empty()) o << " from <code>" << e(r.patch.info.manifest) << "</code>";
    o << "</p>\n";
    incident_and_timeline(o, r);
    gates(o, r);
    details(o, r);
    approvals(o, r);
    transactions(o, r);
    o << "</body></html>\n";
    return o.str();
}

}  // namespace suture::report
