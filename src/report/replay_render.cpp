#include "report/replay_render.hpp"

#include <cstdio>

#include "core/hex.hpp"

namespace suture::report {
namespace {

const char* headline(verify::ReplayVerdict v) {
    switch (v) {
    case verify::ReplayVerdict::identical: return "PASSED: every transaction touching the target behaves the same on the new code";
    case verify::ReplayVerdict::expected_only: return "PASSED: the new code differs only where declared";
    case verify::ReplayVerdict::differences: return "FAILED: the new code changes transactions the patch did not declare";
    case verify::ReplayVerdict::fork_mismatch:
        return "FAILED: the old code's replay disagrees with the chain's receipts (EVM or fork wrong), nothing proven";
    }
    return "FAILED";
}

std::string per_second(double n, double seconds) {
    if (seconds <= 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", n / seconds);
    return buf;
}

// Differing items listed under a finding in the text form.
constexpr size_t kItemsShown = 6;

// The difference a finding reports (same transaction), if it reports one.
const verify::TxDifference* difference_of(const verify::ReplayResult& x, const Finding& f) {
    if (f.code != "replay-difference" && f.code != "replay-expected-difference") return nullptr;
    for (const auto& d : x.differences)
        if (to_hex(d.hash) == f.location.other) return &d;
    return nullptr;
}

std::string plural(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string replay_text(const verify::ReplayReport& r) {
    const verify::ReplayResult& x = r.result;
    std::string out = std::string("replay gate: ") + headline(x.verdict) + "\n";
    out += "  target:    " + to_checksum(r.target) + "\n";
    out += "  new code:  " + r.new_code + "\n";
    out += "  history:   " + r.history + "\n";
    out += "  state:     " + r.state + "\n";
    out += "  replayed:  " + plural(x.blocks, "block", "blocks") + ", " + plural(x.transactions, "transaction", "transactions") +
           " on each implementation (" + per_second(double(x.transactions) * 2, x.seconds) + " tx/s)\n";
    out += "  compared:  " + std::to_string(x.compared) + " of " + std::to_string(x.touching) +
           " touching the target; " + std::to_string(x.identical) + " identical, " +
           std::to_string(x.differences.size()) + " different\n";
    out += "  receipts:  " + std::to_string(x.receipts_matched) + " of " + std::to_string(x.receipts_checked) +
           " match the old code's run\n";
    out += "  gas:       old " + std::to_string(x.old_gas) + ", new " + std::to_string(x.new_gas) +
           " (compared transactions)\n";
    for (const auto& f : x.findings) {
        out += std::string("  ") + severity_name(f.severity) + " [" + f.code + "] " + f.message + "\n";
        out += "      tx " + f.location.other + "\n";
        if (const verify::TxDifference* d = difference_of(x, f)) {
            size_t shown = 0;
            for (const auto& i : d->items) {
                if (++shown > kItemsShown) {
                    out += "      ... " + std::to_string(d->items.size() - kItemsShown) + " more (--json lists all)\n";
                    break;
                }
                out += "      " + i.what + ": old " + i.old_text + ", new " + i.new_text + "\n";
            }
            out += "      gas: old " + std::to_string(d->old_gas) + ", new " + std::to_string(d->new_gas) + "\n";
        }
        if (f.suppressed) out += "      expected: " + f.suppressed_by + "\n";
        if (!f.hint.empty()) out += "      hint: " + f.hint + "\n";
    }
    return out;
}

nlohmann::json replay_json(const verify::ReplayReport& r) {
    const verify::ReplayResult& x = r.result;
    nlohmann::json diffs = nlohmann::json::array();
    for (const auto& d : x.differences) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& i : d.items) items.push_back({{"what", i.what}, {"old", i.old_text}, {"new", i.new_text}});
        diffs.push_back({{"tx", to_hex(d.hash)},
                         {"block", d.block},
                         {"sender", to_checksum(d.sender)},
                         {"function", d.function},
                         {"expected", d.expected.has_value()},
                         {"rule", d.expected ? nlohmann::json(d.expected->source) : nlohmann::json(nullptr)},
                         {"old", d.old_outcome},
                         {"new", d.new_outcome},
                         {"oldReentered", d.old_reentered},
                         {"oldGas", d.old_gas},
                         {"newGas", d.new_gas},
                         {"items", items}});
    }
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : x.findings)
        findings.push_back({{"severity", severity_name(f.severity)}, {"code", f.code}, {"message", f.message},
                            {"hint", f.hint}, {"tx", f.location.other}, {"expectedBy", f.suppressed_by}});
    nlohmann::json mismatches = nlohmann::json::array();
    for (const auto& m : x.mismatches) mismatches.push_back({{"tx", to_hex(m.hash)}, {"block", m.block}, {"what", m.what}});
    return {{"verdict", verify::replay_verdict_name(x.verdict)},
            {"passed", x.passed()},
            {"target", to_checksum(r.target)},
            {"newCode", r.new_code},
            {"history", r.history},
            {"state", r.state},
            {"blocks", {{"first", x.first_block}, {"last", x.last_block}, {"count", x.blocks}}},
            {"transactions", x.transactions},
            {"touching", x.touching},
            {"compared", x.compared},
            {"identical", x.identical},
            {"receipts", {{"checked", x.receipts_checked}, {"matched", x.receipts_matched}}},
            {"gas", {{"old", x.old_gas}, {"new", x.new_gas}}},
            {"seconds", x.seconds},
            {"differences", diffs},
            {"mismatches", mismatches},
            {"findings", findings}};
}

std::string replay_progress_text(const verify::ReplayProgress& p) {
    return "replay: block " + std::to_string(p.blocks) + "/" + std::to_string(p.total_blocks) + ", " +
           std::to_string(p.transactions) + " tx, " + per_second(double(p.transactions), p.seconds) + " tx/s, " +
           plural(p.differences, "difference", "differences");
}

}  // namespace suture::report
