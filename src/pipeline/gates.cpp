// The gate table (gate.hpp). To add a gate: write its run function and give
// it an entry here, in pipeline order.
#include "pipeline/gate.hpp"

#include <fstream>
#include <iterator>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/canonical_json.hpp"

namespace suture::pipeline {
namespace {

using nlohmann::json;

json contract_json(const ContractRef& c) { return {{"build", c.build}, {"contract", c.contract}}; }

json call_json(const CallConfig& c) { return {{"function", c.function}, {"args", c.args}}; }

json target_json(const Manifest& m) {
    const TargetConfig* t = m.target(m.patch.target);
    if (!t) return nullptr;
    json j{{"name", t->name}, {"address", to_checksum(t->address)}, {"proxy", t->proxy}, {"route", t->route}};
    if (t->admin) j["admin"] = to_checksum(*t->admin);
    if (const ChainConfig* c = m.chain(t->chain)) j["chain_id"] = std::to_string(c->chain_id);
    return j;
}

json code_section(const Manifest& m) {
    return {{"target", target_json(m)}, {"old", contract_json(m.patch.old_contract)},
            {"new", contract_json(m.patch.new_contract)}};
}

bool always(const Manifest&) { return true; }

json exploit_section(const Manifest& m) {
    json j = code_section(m);
    j["poc"] = m.patch.poc.value_or("");
    return j;
}

json replay_section(const Manifest& m) {
    json j = code_section(m);
    if (m.patch.replay)
        j["replay"] = {{"from_block", std::to_string(m.patch.replay->from_block)},
                       {"to_block", std::to_string(m.patch.replay->to_block)}};
    json diffs = json::array();
    for (const auto& d : m.patch.expected_differences) diffs.push_back({{"function", d.function}, {"reason", d.reason}});
    j["expected_differences"] = diffs;
    return j;
}

json fuzz_section(const Manifest& m) {
    json j = replay_section(m);
    j.erase("replay");
    j["fuzz"] = {{"runs", std::to_string(m.patch.fuzz.runs)},
                 {"depth", std::to_string(m.patch.fuzz.depth)},
                 {"seed", m.patch.fuzz.seed ? std::to_string(*m.patch.fuzz.seed) : ""}};
    return j;
}

// The invariants gate runs fuzz sequences too: the budget is part of its input.
json invariants_section(const Manifest& m) {
    json j = fuzz_section(m);
    j["invariants"] = m.patch.invariants;
    // Only when set: manifests without derived holders keep their input hash.
    if (m.patch.holders_from_history) j["holders"] = "history";
    if (m.patch.holders_max) j["holders_max"] = std::to_string(*m.patch.holders_max);
    return j;
}

json simulate_section(const Manifest& m) {
    json j = code_section(m);
    j["initializer"] = m.deploy.initializer ? call_json(*m.deploy.initializer) : json();
    return j;
}

const GateDef kGates[] = {
    {"check", always, code_section, gate_check},
    {"exploit", [](const Manifest& m) { return m.patch.poc.has_value(); }, exploit_section, gate_exploit},
    {"replay", [](const Manifest& m) { return m.patch.replay.has_value(); }, replay_section, gate_replay},
    {"fuzz", [](const Manifest& m) { return m.patch.fuzz_configured; }, fuzz_section, gate_fuzz},
    {"invariants", [](const Manifest& m) { return !m.patch.invariants.empty(); }, invariants_section, gate_invariants},
    {"simulate", always, simulate_section, gate_simulate},
};

Result<Bytes32> file_hash(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return input_error(path + ": cannot be read");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return keccak256(bytes);
}

// Everything the gate reads: its manifest section, the two contracts as
// compiled, the new layout, the code live behind the target, the PoC file.
}  // namespace

Result<Bytes32> gate_input_hash(const GateDef& g, const GateContext& ctx) {
    nlohmann::json in{{"gate", g.name},
                      {"manifest", g.section(ctx.manifest)},
                      {"old_artifact", to_hex(ctx.code.old_artifact_hash)},
                      {"new_artifact", to_hex(ctx.code.new_artifact_hash)},
                      {"layout", to_hex(ctx.code.layout_hash)},
                      {"target_code", to_hex(ctx.chain.old_code_hash())}};
    if (ctx.manifest.patch.poc) {
        SUTURE_TRY(poc, file_hash(*ctx.manifest.patch.poc));
        in["poc"] = to_hex(poc);
    }
    SUTURE_TRY(text, ledger::canonical_json(in));
    return keccak256(text);
}


std::span<const GateDef> gates() { return kGates; }

const GateDef* find_gate(std::string_view name) {
    for (const auto& g : kGates)
        if (name == g.name) return &g;
    return nullptr;
}

std::string gate_names() {
    std::string s;
    for (const auto& g : kGates) s += (s.empty() ? "" : ", ") + std::string(g.name);
    return s;
}

}  // namespace suture::pipeline
