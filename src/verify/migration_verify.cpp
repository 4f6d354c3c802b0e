#include "verify/migration_verify.hpp"

namespace suture::verify {
namespace {

std::string key_text(const SnapshotTable& t, const std::vector<abi::AbiValue>& key) {
    std::string s;
    for (size_t k = 0; k < key.size(); ++k) s += (k ? "/" : "") + abi::format_value(t.keys[k].type, key[k]);
    return s;
}

}  // namespace

Result<MigrationVerification> verify_migration(const MigrationSpec& spec, const MigrationSnapshot& snapshot,
                                               const MigrationTargets& targets, evm::StateBackend& state) {
    if (!targets.old_layout || !targets.new_layout) return internal_error("verify_migration: layouts missing");
    MigrationVerification out;
    for (const auto& ts : spec.tables) {
        if (!ts.moved) continue;
        const SnapshotTable* want = snapshot.table(ts.name);
        if (!want) return input_error("snapshot has no table " + ts.name);
        std::vector<std::vector<abi::AbiValue>> keys;
        keys.reserve(want->entries.size());
        for (const auto& e : want->entries) keys.push_back(e.key);
        auto got = read_table(ts, *targets.new_layout, state, targets.new_contract, std::move(keys));
        if (!got) return std::move(got).error().context("new contract");
        if (got->columns.size() != want->columns.size())
            return input_error("table " + ts.name + ": the new contract's fields give " +
                               std::to_string(got->columns.size()) + " columns, the snapshot has " +
                               std::to_string(want->columns.size()));
        for (size_t c = 0; c < want->columns.size(); ++c)
            if (got->columns[c].name != want->columns[c].name || !(got->columns[c].type == want->columns[c].type))
                return input_error("table " + ts.name + ": column " + want->columns[c].name + " " +
                                   want->columns[c].type.canonical() + " is " + got->columns[c].name + " " +
                                   got->columns[c].type.canonical() + " in the new contract");
        for (size_t i = 0; i < want->entries.size(); ++i) {
            const auto& w = want->entries[i];
            const auto& g = got->entries[i];
            ++out.entries_checked;
            for (size_t c = 0; c < w.values.size(); ++c) {
                ++out.values_checked;
                if (w.values[c] == g.values[c]) continue;
                MigrationMismatch m{ts.name, want->columns[c].name, w.key,
                                    abi::format_value(want->columns[c].type, w.values[c]),
                                    abi::format_value(want->columns[c].type, g.values[c]), {}};
                m.message = ts.name + " " + key_text(*want, w.key) + ": " + m.field + " is " + m.actual +
                            " in the new contract, the snapshot has " + m.expected;
                out.mismatches.push_back(std::move(m));
            }
        }
    }
    for (const auto& total : snapshot.totals) {
        auto now = read_variable(*targets.new_layout, state, targets.new_contract, total.variable);
        if (!now) return std::move(now).error().context("new contract: total " + total.variable);
        auto old = read_variable(*targets.old_layout, state, targets.old_contract, total.variable);
        if (!old) return std::move(old).error().context("old contract: total " + total.variable);
        auto add = [&](const std::string& what, const uint256& expected, const uint256& actual) {
            if (expected == actual) return;
            out.mismatches.push_back({"", total.variable, {}, expected.to_dec(), actual.to_dec(),
                                      "total " + total.variable + ": " + what + " is " + actual.to_dec() +
                                          ", expected " + expected.to_dec()});
        };
        add("the new contract's", total.summed, *now);
        add("the old contract's (sum of " + total.sum + " in the snapshot is " + total.summed.to_dec() + ")",
            total.summed, *old);
    }
    if (!targets.paused_variable.empty()) {
        auto paused = read_variable(*targets.old_layout, state, targets.old_contract, targets.paused_variable);
        if (!paused) return std::move(paused).error().context("old contract: " + targets.paused_variable);
        if (*paused == uint256(0))
            out.mismatches.push_back({"", targets.paused_variable, {}, "true", "false",
                                      "the old contract is not paused (" + targets.paused_variable + " is false)"});
    }
    return out;
}

}  // namespace suture::verify
