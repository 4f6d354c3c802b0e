#include "report/migrate_render.hpp"

#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::report {

using json = nlohmann::json;

std::string render_migrate_snapshot(const verify::MigrationSnapshot& s, const std::string& file, const Bytes32& hash,
                                    bool as_json) {
    json gaps = json::array(), totals = json::array(), tables = json::array();
    for (const auto& g : s.gaps) gaps.push_back(g.message);
    for (const auto& t : s.totals)
        totals.push_back({{"variable", t.variable}, {"sum", t.sum}, {"on_chain", t.on_chain.to_dec()},
                          {"summed", t.summed.to_dec()}, {"equal", t.on_chain == t.summed}});
    for (const auto& t : s.tables) tables.push_back({{"name", t.name}, {"entries", t.entries.size()}});
    if (as_json)
        return json{{"file", file}, {"hash", to_hex(hash)}, {"contract", to_checksum(s.contract)}, {"block", s.block},
                    {"tables", tables}, {"totals", totals}, {"coverage_checked", s.coverage_checked},
                    {"coverage_probed_keys", s.coverage_probed_keys}, {"coverage_gaps", gaps}}
                   .dump(2) + "\n";
    std::string out = "snapshot of " + to_checksum(s.contract) + " at block " + std::to_string(s.block) + " -> " + file +
                      "\n  hash " + to_hex(hash) + "\n";
    for (const auto& t : s.tables) out += "  table " + t.name + ": " + std::to_string(t.entries.size()) + " entries\n";
    for (const auto& t : s.totals)
        out += "  total " + t.variable + " = " + t.on_chain.to_dec() + (t.on_chain == t.summed ? " = " : " != ") +
               "sum of " + t.sum + " (" + t.summed.to_dec() + ")\n";
    if (!s.coverage_checked)
        out += "  coverage: probed " + std::to_string(s.coverage_probed_keys) +
               " addresses the contract's transactions name (a node's storage cannot be enumerated)\n";
    for (const auto& g : s.gaps) out += "  coverage gap: " + g.message + "\n";
    return out;
}

std::string render_migrate_claim(const std::string& table, size_t leaves, const Bytes32& root, const std::string& file,
                                 bool as_json) {
    if (as_json) return json{{"table", table}, {"leaves", leaves}, {"root", to_hex(root)}, {"file", file}}.dump(2) + "\n";
    return "claim tree of table " + table + ": " + std::to_string(leaves) + " leaves, root " + to_hex(root) +
           "\n  proofs -> " + file + "\n";
}

std::string render_migrate_plan(const pipeline::MigrationPlan& p, const std::string& file, bool as_json) {
    size_t entry_steps = 0;
    for (const auto& s : p.steps) entry_steps += s.kind == "batch" || s.kind == "claim";
    const double per_entry = p.entries ? double(p.entry_gas) / double(p.entries) : 0;
    const char* unit = p.strategy == "push" ? "batches" : "claims";
    json roots = json::array();
    for (const auto& [table, root] : p.roots) roots.push_back({{"table", table}, {"root", to_hex(root)}});
    if (as_json)
        return json{{"file", file}, {"strategy", p.strategy}, {"old_contract", to_checksum(p.old_contract)},
                    {"new_contract", to_checksum(p.new_contract)}, {"steps", p.steps.size()}, {unit, entry_steps},
                    {"entries", p.entries}, {"entry_gas", p.entry_gas}, {"gas_per_entry", per_entry}, {"roots", roots}}
                   .dump(2) + "\n";
    std::string out = p.strategy + " plan -> " + file + "\n";
    for (const auto& s : p.steps) {
        if (s.kind == "claim" && s.first >= 3 && s.first + 1 < p.entries) continue;  // the first claims and the last
        out += "  " + s.id + "  gas " + std::to_string(s.gas);
        if (s.kind == "batch")
            out += "  " + s.table + " entries " + std::to_string(s.first) + ".." + std::to_string(s.first + s.count - 1);
        if (s.kind == "claim") out += "  " + s.table + " entry " + std::to_string(s.first) + " by " + to_checksum(s.from);
        out += "\n";
    }
    for (const auto& [table, root] : p.roots) out += "  root of " + table + ": " + to_hex(root) + "\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", per_entry);
    out += "  " + std::to_string(p.entries) + " entries in " + std::to_string(entry_steps) + " " + unit + ", " + buf +
           " gas per entry\n  announce: " + to_checksum(p.old_contract) + " -> " + to_checksum(p.new_contract) + "\n";
    return out;
}

std::string render_migrate_execution(const pipeline::MigrationExecution& e, const pipeline::MigrationPlan& p,
                                     bool as_json) {
    if (as_json)
        return json{{"already_done", e.already_done}, {"executed", e.executed}, {"steps", e.executed_ids},
                    {"new_contract", to_checksum(p.new_contract)}}
                   .dump(2) + "\n";
    return "executed " + std::to_string(e.executed) + " steps (" + std::to_string(e.already_done) +
           " already done on chain); new contract " + to_checksum(p.new_contract) + "\n";
}

std::string render_migrate_node_execution(const pipeline::NodeMigration& m, const pipeline::MigrationPlan& p,
                                          const std::string& ledger, bool as_json) {
    json settled = json::array();
    for (const auto& s : m.settled) settled.push_back({{"step", s.step_id}, {"hash", to_hex(s.hash)}, {"state", s.state}});
    if (as_json) {
        json out = json::parse(render_migrate_execution(m.execution, p, true));
        out["ledger"] = ledger;
        out["deployment"] = m.deployment;
        out["resumed"] = m.resumed;
        out["settled"] = settled;
        json hashes = json::array();
        for (const auto& h : m.execution.hashes) hashes.push_back(to_hex(h));
        out["transactions"] = hashes;
        return out.dump(2) + "\n";
    }
    std::string out;
    if (m.resumed) out += "resumed the interrupted migration (ledger record " + std::to_string(m.deployment) + ")\n";
    for (const auto& s : m.settled) out += "  " + s.step_id + " " + to_hex(s.hash) + ": " + s.state + "\n";
    out += render_migrate_execution(m.execution, p, false);
    if (m.deployment) out += "steps recorded in the ledger " + ledger + " (record " + std::to_string(m.deployment) + ")\n";
    return out;
}

std::string render_migrate_verification(const verify::MigrationVerification& v, bool as_json) {
    json mism = json::array();
    for (const auto& m : v.mismatches)
        mism.push_back({{"table", m.table}, {"field", m.field}, {"expected", m.expected}, {"actual", m.actual},
                        {"message", m.message}});
    if (as_json)
        return json{{"ok", v.ok()}, {"entries", v.entries_checked}, {"values", v.values_checked}, {"mismatches", mism}}
                   .dump(2) + "\n";
    std::string out = v.ok() ? "migration verified: " : "migration NOT verified: ";
    out += std::to_string(v.entries_checked) + " entries, " + std::to_string(v.values_checked) + " values read back\n";
    for (const auto& m : v.mismatches) out += "  " + m.message + "\n";
    return out;
}

std::string migrate_proofs_json(const verify::SnapshotTable& table, const verify::MerkleTree& tree) {
    json encoding = json::array(), entries = json::array();
    for (const auto& k : table.keys) encoding.push_back(k.type.canonical());
    for (const auto& c : table.columns) encoding.push_back(c.type.canonical());
    for (size_t i = 0; i < table.entries.size(); ++i) {
        const auto& e = table.entries[i];
        json values = json::array(), proof = json::array();
        for (size_t k = 0; k < e.key.size(); ++k) values.push_back(abi::value_to_json(table.keys[k].type, e.key[k]));
        for (size_t c = 0; c < e.values.size(); ++c) values.push_back(abi::value_to_json(table.columns[c].type, e.values[c]));
        for (const auto& p : tree.proof(i)) proof.push_back(to_hex(p));
        entries.push_back({{"value", values}, {"leaf", to_hex(tree.leaf(i))}, {"proof", proof}});
    }
    return json{{"format", "suture-migration-claim/1"}, {"table", table.name}, {"root", to_hex(tree.root())},
                {"leafEncoding", encoding}, {"entries", entries}}
        .dump(1);
}

}  // namespace suture::report
