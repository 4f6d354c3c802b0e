#include "report/fuzz_render.hpp"

#include <cstdio>

#include "core/abi_value.hpp"
#include "core/finding_json.hpp"
#include "core/hex.hpp"

namespace suture::report {
namespace {

using verify::FuzzCall;
using verify::FuzzFinding;
using verify::FuzzFindingKind;
using verify::FuzzReport;

std::string gate_name(const FuzzReport& r) { return r.compare ? "fuzz gate" : "invariants gate"; }

std::string headline(const FuzzReport& r) {
    const auto& x = r.result;
    if (x.passed()) {
        if (r.compare) return "PASSED: no call or sequence behaves differently on the new code, no invariant broken by it";
        return "PASSED: no invariant broken by the new code";
    }
    size_t diffs = 0, broken = 0;
    for (const auto& f : x.findings) {
        if (f.kind == FuzzFindingKind::difference) ++diffs;
        if (f.kind == FuzzFindingKind::broken_by_patch) ++broken;
    }
    std::string s = "FAILED:";
    if (diffs) s += " " + std::to_string(diffs) + (diffs == 1 ? " function behaves" : " functions behave") + " differently on the new code";
    if (diffs && broken) s += ";";
    if (broken) s += " " + std::to_string(broken) + (broken == 1 ? " invariant" : " invariants") + " broken by the new code";
    return s;
}

std::string rate(double n, double seconds) {
    if (seconds <= 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", n / seconds);
    return buf;
}

std::string args_text(const FuzzCall& c, const abi::AbiEntry& e) {
    std::string s;
    for (size_t i = 0; i < c.args.size(); ++i) s += (i ? ", " : "") + abi::format_value(e.inputs[i].type, c.args[i]);
    return s;
}

std::string call_text(const FuzzCall& c, const verify::FuzzResult& x) {
    const abi::AbiEntry& e = *x.functions[c.function].entry;
    std::string s = to_checksum(c.sender) + " -> " + e.name + "(" + args_text(c, e) + ")";
    if (c.value != uint256()) s += " with " + c.value.to_dec() + " wei";
    return s;
}

nlohmann::json finding_object(const FuzzFinding& f, const verify::FuzzResult& x) {
    nlohmann::json j;
    j["kind"] = verify::fuzz_finding_kind_name(f.kind);
    j["function"] = f.function;
    if (!f.invariant.empty()) {
        j["invariant"] = f.invariant;
        j["old"] = f.old_why;
        j["new"] = f.new_why;
    }
    j["oldOutcome"] = f.old_outcome;
    j["newOutcome"] = f.new_outcome;
    j["foundLength"] = f.found_length;
    j["calls"] = nlohmann::json::array();
    for (const FuzzCall& c : f.calls)
        j["calls"].push_back({{"from", to_checksum(c.sender)}, {"to", to_checksum(x.target)}, {"value", c.value.to_dec()},
                              {"data", to_hex(c.calldata)}, {"call", call_text(c, x)}});
    j["items"] = nlohmann::json::array();
    for (const auto& i : f.items) j["items"].push_back({{"what", i.what}, {"old", i.old_text}, {"new", i.new_text}});
    return j;
}

std::string word_hex(const uint256& v) { return to_hex(v.to_bytes32()); }
std::string sol_bytes(const Bytes& b) { return "hex\"" + to_hex(b).substr(2) + "\""; }

void write_account(std::string& out, const verify::AccountSnapshot& a, bool with_balance) {
    const std::string at = to_checksum(a.address);
    if (!a.code.empty()) out += "        vm.etch(" + at + ", " + sol_bytes(a.code) + ");\n";
    for (const auto& [k, v] : a.slots)
        out += "        vm.store(" + at + ", bytes32(" + word_hex(k) + "), bytes32(" + word_hex(v) + "));\n";
    if (with_balance) {
        out += "        vm.deal(" + at + ", " + a.balance.to_dec() + ");\n";
        if (a.nonce) out += "        vm.setNonce(" + at + ", " + std::to_string(a.nonce) + ");\n";
    }
}

}  // namespace

std::string fuzz_text(const FuzzReport& r) {
    const verify::FuzzResult& x = r.result;
    std::string out = gate_name(r) + ": " + headline(r) + "\n";
    out += "  target:     " + to_checksum(x.target) + "\n";
    out += "  new code:   " + r.new_code + "\n";
    out += "  state:      " + r.state + "\n";
    out += "  fuzzed:     " + std::to_string(x.runs) + " sequences, " + std::to_string(x.calls) +
           " calls on each implementation (seed " + std::to_string(x.seed) + ", " + rate(double(x.calls), x.seconds) +
           " calls/s)\n";
    std::string news;
    size_t new_count = 0;
    for (const auto& f : x.functions)
        if (!f.in_old) news += std::string(new_count++ ? ", " : "") + f.entry->canonical();
    out += "  functions:  " + std::to_string(x.functions.size()) +
           (new_count ? " (" + std::to_string(new_count) + " new, not in the old code: " + news + ")" : std::string()) + "\n";
    if (r.compare)
        out += "  compared:   " + std::to_string(x.compared) + " calls" +
               (x.declared ? "; " + std::to_string(x.declared) + " differed as declared" : std::string()) +
               (x.new_only_calls ? "; " + std::to_string(x.new_only_calls) + " calls of new functions (exists in new)" : std::string()) + "\n";
    if (x.coverage_points)
        out += "  coverage:   " + std::to_string(x.coverage_points) + " branch targets reached (both codes); corpus of " +
               std::to_string(x.corpus) + (x.corpus == 1 ? " sequence\n" : " sequences\n");
    out += "  senders:    " + std::to_string(x.senders.size()) + "; constants: " + std::to_string(x.pool_words) + "\n";
    if (!x.invariants.empty()) {
        out += "  invariants:";
        for (size_t i = 0; i < x.invariants.size(); ++i) out += (i ? "; " : " ") + x.invariants[i];
        out += "\n";
    }
    for (size_t i = 0; i < x.findings.size(); ++i) {
        const FuzzFinding& f = x.findings[i];
        const Finding& g = x.report[i];
        out += "  " + std::string(severity_name(g.severity)) + " [" + g.code + "] " + g.message + "\n";
        out += "      reproducer (" + std::to_string(f.calls.size()) + (f.calls.size() == 1 ? " call" : " calls") +
               ", minimized from " + std::to_string(f.found_length) + "):\n";
        for (size_t c = 0; c < f.calls.size(); ++c) out += "        " + std::to_string(c + 1) + ". " + call_text(f.calls[c], x) + "\n";
        for (const auto& item : f.items) out += "      " + item.what + ": old " + item.old_text + ", new " + item.new_text + "\n";
        if (!g.hint.empty()) out += "      hint: " + g.hint + "\n";
    }
    return out;
}

nlohmann::json fuzz_json(const FuzzReport& r) {
    const verify::FuzzResult& x = r.result;
    nlohmann::json j;
    j["gate"] = r.compare ? "fuzz" : "invariants";
    j["passed"] = x.passed();
    j["target"] = to_checksum(x.target);
    j["newCode"] = r.new_code;
    j["state"] = r.state;
    j["seed"] = x.seed;
    j["runs"] = x.runs;
    j["calls"] = x.calls;
    j["compared"] = x.compared;
    j["declared"] = x.declared;
    j["newOnlyCalls"] = x.new_only_calls;
    j["coverage"] = {{"branchTargets", x.coverage_points}, {"corpus", x.corpus}};
    j["seconds"] = x.seconds;
    j["functions"] = nlohmann::json::array();
    for (const auto& f : x.functions)
        j["functions"].push_back({{"signature", f.entry->canonical()}, {"payable", f.payable}, {"inOld", f.in_old}});
    j["senders"] = nlohmann::json::array();
    for (const auto& s : x.senders) j["senders"].push_back(to_checksum(s));
    j["invariants"] = x.invariants;
    j["findings"] = nlohmann::json::array();
    for (const auto& f : x.findings) j["findings"].push_back(finding_object(f, x));
    j["report"] = findings_json(x.report);
    return j;
}

nlohmann::json fuzz_reproducer_json(const FuzzReport& r, size_t index) {
    const verify::FuzzResult& x = r.result;
    const FuzzFinding& f = x.findings.at(index);
    nlohmann::json j;
    j["finding"] = finding_object(f, x);
    j["seed"] = x.seed;
    j["target"] = to_checksum(x.target);
    j["transactions"] = nlohmann::json::array();
    j["oldResults"] = nlohmann::json::array();
    for (const FuzzCall& c : f.calls) {
        j["transactions"].push_back({{"from", to_checksum(c.sender)}, {"to", to_checksum(x.target)},
                                     {"value", c.value.to_dec()}, {"data", to_hex(c.calldata)}});
        j["oldResults"].push_back({{"success", c.old_success}, {"output", to_hex(c.old_output)}});
    }
    return j;
}

std::string fuzz_foundry_test(const FuzzReport& r, size_t index, const std::string& name) {
    const verify::FuzzResult& x = r.result;
    const FuzzFinding& f = x.findings.at(index);
    const Finding& g = x.report.at(index);
    std::string out;
    out += "// SPDX-License-Identifier: UNLICENSED\n";
    out += "// Written by `suture verify fuzz` (seed " + std::to_string(x.seed) + "): [" + g.code + "] " + g.message + "\n";
    out += "// test_old_code replays the calls on the state they ran on and checks what the old\n";
    out += "// code did (passes); test_new_code_behaves_as_old installs " + r.new_name + " first (fails while\n";
    out += "// the finding stands). Needs no fork and no library.\n";
    out += "pragma solidity >=0.8.13;\n\n";
    out += "interface Vm {\n"
           "    function etch(address, bytes calldata) external;\n"
           "    function store(address, bytes32, bytes32) external;\n"
           "    function load(address, bytes32) external view returns (bytes32);\n"
           "    function deal(address, uint256) external;\n"
           "    function setNonce(address, uint64) external;\n"
           "    function prank(address) external;\n"
           "}\n\n";
    out += "contract " + name + " {\n";
    out += "    Vm constant vm = Vm(address(uint160(uint256(keccak256(\"hevm cheat code\")))));\n";
    out += "    address constant TARGET = " + to_checksum(x.target) + ";\n\n";
    out += "    function setUp() public {\n";
    for (const auto& a : f.prestate) write_account(out, a, true);
    out += "    }\n\n";
    out += "    function _installNewCode() internal {\n";
    for (const auto& a : f.install) write_account(out, a, false);
    out += "    }\n\n";
    out += "    function _replay() internal {\n";
    out += "        bool ok;\n        bytes memory ret;\n";
    for (size_t i = 0; i < f.calls.size(); ++i) {
        const FuzzCall& c = f.calls[i];
        const std::string n = std::to_string(i + 1);
        out += "        // " + call_text(c, x) + "\n";
        if (c.value != uint256()) out += "        vm.deal(address(this), " + c.value.to_dec() + ");\n";
        out += "        vm.prank(" + to_checksum(c.sender) + ");\n";
        out += "        (ok, ret) = TARGET.call{value: " + c.value.to_dec() + "}(" + sol_bytes(c.calldata) + ");\n";
        out += std::string("        require(") + (c.old_success ? "ok" : "!ok") + ", \"call " + n + ": " +
               (c.old_success ? "the old code succeeded" : "the old code reverted") + "\");\n";
        out += "        require(keccak256(ret) == keccak256(" + sol_bytes(c.old_output) + "), \"call " + n +
               ": return data differs from the old code's\");\n";
    }
    for (const auto& [k, v] : f.old_final_slots)
        out += "        require(vm.load(TARGET, bytes32(" + word_hex(k) + ")) == bytes32(" + word_hex(v) +
               "), \"storage slot " + k.to_hex() + " differs from the old code's\");\n";
    out += "    }\n\n";
    out += "    function test_old_code() public {\n        _replay();\n    }\n\n";
    out += "    function test_new_code_behaves_as_old() public {\n        _installNewCode();\n        _replay();\n    }\n";
    out += "}\n";
    return out;
}

std::string fuzz_progress_text(const verify::FuzzProgress& p) {
    return "fuzz: " + std::to_string(p.runs) + " runs, " + std::to_string(p.calls) + " calls, " + std::to_string(p.findings) +
           (p.findings == 1 ? " finding, " : " findings, ") + rate(double(p.calls), p.seconds) + " calls/s";
}

}  // namespace suture::report
