#include "pipeline/migrate_spec.hpp"

#include <algorithm>

#include "pipeline/toml_reader.hpp"

namespace suture::pipeline {

Result<MigrateSpecFile> load_migrate_spec(const std::string& path) {
    SUTURE_TRY(doc, parse_toml_file(path));
    TomlTable root(doc, "", path);
    SUTURE_CHECK(root.only({"migrate"}));
    SUTURE_TRY(m_opt, root.table("migrate"));
    if (!m_opt) return root.error_here("no [migrate] table");
    TomlTable& m = *m_opt;
    SUTURE_CHECK(m.only({"contract", "paused", "not_moved", "table", "total", "push", "claim"}));
    MigrateSpecFile out;
    SUTURE_TRY(contract, m.address("contract"));
    out.snapshot.contract = contract;
    SUTURE_TRY(paused, m.optional_string("paused"));
    if (paused) out.paused_variable = *paused;
    SUTURE_TRY(tables, m.tables("table"));
    if (tables.empty()) return m.error_here("no [[migrate.table]]");
    for (auto& t : tables) {
        SUTURE_CHECK(t.only({"name", "events", "keys", "fields", "setter", "claim", "claimed"}));
        verify::SnapshotTableSpec ts;
        SUTURE_TRY(name, t.string("name"));
        SUTURE_TRY(events, t.strings("events"));
        SUTURE_TRY(keys, t.strings("keys"));
        SUTURE_TRY(fields, t.strings("fields"));
        SUTURE_TRY(setter, t.optional_string("setter"));
        SUTURE_TRY(claim, t.optional_string("claim"));
        SUTURE_TRY(claimed, t.optional_string("claimed"));
        if (claim.has_value() != claimed.has_value())
            return t.error_at(claim ? "claim" : "claimed", "give both claim and claimed (the view that says an entry was claimed)");
        if (events.empty()) return t.error_at("events", "give at least one event");
        if (keys.empty() || keys.size() > 2) return t.error_at("keys", "give one or two argument names");
        if (fields.empty()) return t.error_at("fields", "give at least one state variable");
        ts = {name, events, keys, fields, true};
        if (setter) out.calls.setters.push_back({name, *setter});
        if (claim) out.calls.claims.push_back({name, *claim, *claimed});
        out.snapshot.tables.push_back(std::move(ts));
    }
    SUTURE_TRY(not_moved, m.strings("not_moved"));
    for (const auto& name : not_moved) {
        auto it = std::find_if(out.snapshot.tables.begin(), out.snapshot.tables.end(),
                               [&](const verify::SnapshotTableSpec& t) { return t.name == name; });
        if (it == out.snapshot.tables.end()) return m.error_at("not_moved", "no table named " + name);
        it->moved = false;
    }
    SUTURE_TRY(totals, m.tables("total"));
    for (auto& t : totals) {
        SUTURE_CHECK(t.only({"variable", "sum"}));
        SUTURE_TRY(variable, t.string("variable"));
        SUTURE_TRY(sum, t.string("sum"));
        out.snapshot.totals.push_back({variable, sum});
    }
    SUTURE_TRY(push, m.table("push"));
    if (push) {
        SUTURE_CHECK(push->only({"max_batch_gas", "pause", "paused", "next_batch", "finalize", "finalized"}));
        SUTURE_TRY(gas, push->optional_uint("max_batch_gas"));
        if (gas) out.calls.max_batch_gas = static_cast<int64_t>(*gas);
        for (auto [key, field] : {std::pair{"pause", &out.calls.pause}, {"paused", &out.calls.paused},
                                  {"next_batch", &out.calls.next_batch}, {"finalize", &out.calls.finalize},
                                  {"finalized", &out.calls.finalized}}) {
            SUTURE_TRY(v, push->optional_string(key));
            if (v) *field = *v;
        }
    }
    SUTURE_TRY(claim, m.table("claim"));
    if (claim) {
        SUTURE_CHECK(claim->only({"set_roots", "roots_set"}));
        for (auto [key, field] : {std::pair{"set_roots", &out.calls.set_roots}, {"roots_set", &out.calls.roots_set}}) {
            SUTURE_TRY(v, claim->optional_string(key));
            if (v) *field = *v;
        }
    }
    SUTURE_CHECK(m.finish());
    return out;
}

}  // namespace suture::pipeline
