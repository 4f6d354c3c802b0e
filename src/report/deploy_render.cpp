#include "report/deploy_render.hpp"

#include <algorithm>
#include <sstream>

#include "core/hex.hpp"
#include "report/check_render.hpp"
#include "upgrade/proxy_json.hpp"

namespace suture::report {
namespace {

nlohmann::json tx_json(const deploy::TxRequest& t) {
    nlohmann::json j{{"step", t.step}, {"from", to_checksum(t.from)}, {"value", t.value.to_dec()}, {"data", to_hex(t.data)}};
    j["to"] = t.to ? nlohmann::json(to_checksum(*t.to)) : nlohmann::json(nullptr);
    return j;
}

std::string finding_line(const Finding& f) {
    return std::string(severity_name(f.severity)) + "[" + f.code + "] " + f.message;
}

// What the check compared: "A -> B (old: the live code 0x.. at block N)".
std::string check_subject(const upgrade::CheckResult& c) {
    if (c.reports.empty()) return "";
    const auto& r = c.reports.front();
    std::string s = (r.old_contract.empty() ? "" : r.old_contract + " -> ") + r.new_contract;
    if (c.live) s += " (old: " + c.live->deployed.describe() + ")";
    return s;
}

void check_section(std::ostringstream& o, const deploy::CheckGateRun& g, bool refused) {
    const auto& v = g.verdict;
    if (g.check) {
        if (refused) {
            o << report::check_text(*g.check) << "\n";  // everything `suture check` says: findings and layout
        } else {
            size_t warnings = 0;
            for (const auto& rep : g.check->reports)
                for (const auto& f : rep.findings) warnings += !f.suppressed && f.severity == Severity::warning;
            o << "check: " << check_subject(*g.check) << ": no blocking finding (" << warnings << " warning(s), "
              << v.allowed.size() << " error(s) allowed by --allow)\n";
            for (const auto& rep : g.check->reports)
                for (const auto& f : rep.findings)
                    if (!f.suppressed && f.severity == Severity::warning) o << "  " << finding_line(f) << "\n";
        }
    } else {
        for (const auto& f : g.own) o << "check: " << finding_line(f) << "\n";
    }
    for (const auto& n : g.notes) o << "note: " << n << "\n";
    for (const auto& a : v.allowed)
        o << "  allowed by --allow " << a.finding.code << ": " << a.finding.message << "\n    reason: " << a.reason
          << "\n";
    for (const auto& a : v.unused) o << "note: --allow " << a.code << " matched no error-level finding\n";
    if (refused) {
        o << "refused by the check gate: " << v.blocking.size() << " error-level finding(s) (";
        for (size_t i = 0; i < v.blocking.size(); ++i) o << (i ? ", " : "") << v.blocking[i].code;
        o << "); nothing was sent. To deploy anyway, allow each with --allow CODE --reason TEXT\n";
    }
}

void simulation_section(std::ostringstream& o, const deploy::Simulation& s) {
    if (!s.ran) return;
    o << "simulation (" << s.method << "), in order:\n";
    for (const auto& st : s.steps)
        o << (st.ok ? "  ok       " : "  REVERTS  ") << st.step << "\n           " << st.detail << "\n";
    if (!s.ok()) o << "refused by the simulation: the transactions would revert; nothing was sent\n";
}

void sent_line(std::ostringstream& o, const deploy::MemoryRecorder::Entry& e, const char* prefix) {
    o << prefix << e.request.step << "\n  tx " << to_hex(e.hash) << " nonce " << e.nonce
      << (e.success ? " ok" : e.mined ? " REVERTED" : " not mined") << "\n";
}

}  // namespace

std::string deploy_text(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& rec) {
    std::ostringstream out;
    out << "route " << deploy::route_name(o.route) << (o.mechanism.empty() ? "" : " (" + o.mechanism + ")") << " for "
        << to_checksum(o.before.address) << ", a " << upgrade::proxy_pattern_name(o.before.kind) << " proxy\n";
    check_section(out, o.check, o.refused == "check");
    simulation_section(out, o.simulation);
    if (!o.refused.empty()) return out.str();
    if (o.implementation)
        out << "new implementation: " << to_checksum(*o.implementation) << (o.planned.empty() ? "" : " (predicted)")
            << "\n";
    if (!o.planned.empty()) {
        out << "dry run: these transactions would be sent, in this order:\n";
        for (const auto& t : o.planned)
            out << "  " << t.step << "\n    from " << to_checksum(t.from) << " to "
                << (t.to ? to_checksum(*t.to) : std::string("(create)")) << " value " << t.value.to_dec()
                << "\n    data " << to_hex(t.data) << "\n";
    }
    const size_t rollback_from = std::min(o.rollback_first_sent, rec.entries.size());
    for (size_t i = 0; i < rollback_from; ++i) sent_line(out, rec.entries[i], "sent: ");
    if (o.timelock_operation) out << "timelock operation: " << to_hex(*o.timelock_operation) << "\n";
    if (o.safe_tx_hash) out << "safeTxHash: " << to_hex(*o.safe_tx_hash) << "\n";
    if (!o.safe_batch_file.empty()) out << "Safe Transaction Builder file: " << o.safe_batch_file << "\n";
    for (const auto& n : o.notes) out << "note: " << n << "\n";
    for (const auto& c : o.verification.checks)
        out << (c.ok ? "  ok    " : "  FAIL  ") << c.name << ": " << c.detail << "\n";
    if (o.verification.ran())
        out << (o.verification.ok() ? "post-deploy verification passed\n" : "post-deploy verification FAILED\n");
    // The rollback comes after the check that failed, as it happened.
    for (size_t i = rollback_from; i < rec.entries.size(); ++i) sent_line(out, rec.entries[i], "rollback sent: ");
    if (o.rolled_back || !o.rollback_detail.empty()) out << "rollback: " << o.rollback_detail << "\n";
    if (o.pending) out << "the upgrade is not live yet (see notes)\n";
    return out.str();
}

nlohmann::json sent_json(const deploy::MemoryRecorder& rec) {
    auto out = nlohmann::json::array();
    for (const auto& e : rec.entries) {
        auto j = tx_json(e.request);
        j["hash"] = to_hex(e.hash);
        j["nonce"] = e.nonce;
        j["mined"] = e.mined;
        j["success"] = e.success;
        out.push_back(j);
    }
    return out;
}

std::string sent_before_failure_text(const deploy::MemoryRecorder& rec) {
    std::ostringstream o;
    for (const auto& e : rec.entries) o << "sent before the failure: " << e.request.step << " tx " << to_hex(e.hash) << "\n";
    if (rec.entries.empty()) o << "nothing was sent\n";
    return o.str();
}

nlohmann::json deploy_json(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& rec) {
    nlohmann::json j{{"route", deploy::route_name(o.route)}, {"mechanism", o.mechanism},
                     {"before", upgrade::to_json(o.before)}, {"pending", o.pending}};
    // The gates, in order; `refused` names the one that stopped the run.
    nlohmann::json check{{"passed", o.check.passed()}};
    if (o.check.check) check["result"] = check_json(*o.check.check);
    auto own = nlohmann::json::array();
    for (const auto& f : o.check.own) own.push_back({{"severity", severity_name(f.severity)}, {"code", f.code}, {"message", f.message}});
    check["own"] = own;
    auto allowed = nlohmann::json::array();
    for (const auto& a : o.check.verdict.allowed)
        allowed.push_back({{"code", a.finding.code}, {"message", a.finding.message}, {"reason", a.reason}});
    check["allowed"] = allowed;
    auto blocking = nlohmann::json::array();
    for (const auto& f : o.check.verdict.blocking) blocking.push_back({{"code", f.code}, {"message", f.message}});
    check["blocking"] = blocking;
    auto unused = nlohmann::json::array();
    for (const auto& a : o.check.verdict.unused) unused.push_back({{"code", a.code}, {"reason", a.reason}});
    check["unusedAllowances"] = unused;
    check["notes"] = o.check.notes;
    j["check"] = check;
    auto steps = nlohmann::json::array();
    for (const auto& s : o.simulation.steps) steps.push_back({{"step", s.step}, {"ok", s.ok}, {"detail", s.detail}});
    j["simulation"] = {{"ran", o.simulation.ran}, {"block", o.simulation.block}, {"method", o.simulation.method}, {"ok", o.simulation.ok()}, {"steps", steps}};
    j["refused"] = o.refused.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.refused);
    if (o.implementation) j["implementation"] = to_checksum(*o.implementation);
    auto planned = nlohmann::json::array();
    for (const auto& t : o.planned) planned.push_back(tx_json(t));
    j["planned"] = planned;
    j["sent"] = sent_json(rec);
    if (o.timelock_operation) j["timelockOperation"] = to_hex(*o.timelock_operation);
    if (o.safe_tx_hash) j["safeTxHash"] = to_hex(*o.safe_tx_hash);
    if (!o.safe_batch_file.empty()) j["safeBatchFile"] = o.safe_batch_file;
    auto checks = nlohmann::json::array();
    for (const auto& c : o.verification.checks) checks.push_back({{"check", c.name}, {"ok", c.ok}, {"detail", c.detail}});
    j["verification"] = {{"ran", o.verification.ran()}, {"ok", o.verification.ok()}, {"checks", checks}};
    j["rolledBack"] = o.rolled_back;
    if (!o.rollback_detail.empty()) j["rollback"] = o.rollback_detail;
    j["notes"] = o.notes;
    if (o.after) j["after"] = upgrade::to_json(*o.after);
    return j;
}

}  // namespace suture::report
