#include "pipeline/migrate_spec.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "pipeline/toml_reader.hpp"

namespace suture::pipeline {

Result<MigrateSpecFile> load_migrate_spec(const std::string& path) {
    SUTURE_TRY(doc, parse_toml_file(path));
    TomlTable root(doc, "", path);
    SUTURE_CHECK(root.only({"migrate"}));
    SUTURE_TRY(m_opt, root.table("migrate"));
    if (!m_opt) return root.error_here("no [migrate] table");
    TomlTable& m = *m_opt;
    SUTURE_CHECK(m.only({"contract", "paused", "not_moved", "table", "total", "push"}));
    MigrateSpecFile out;
    SUTURE_TRY(contract, m.address("contract"));
    out.snapshot.contract = contract;
    SUTURE_TRY(paused, m.optional_string("paused"));
    if (paused) out.paused_variable = *paused;
    SUTURE_TRY(tables, m.tables("table"));
    if (tables.empty()) return m.error_here("no [[migrate.table]]");
    for (auto& t : tables) {
        SUTURE_CHECK(t.only({"name", "events", "keys", "fields", "setter"}));
        verify::SnapshotTableSpec ts;
        SUTURE_TRY(name, t.string("name"));
        SUTURE_TRY(events, t.strings("events"));
        SUTURE_TRY(keys, t.strings("keys"));
        SUTURE_TRY(fields, t.strings("fields"));
        SUTURE_TRY(setter, t.optional_string("setter"));
        if (events.empty()) return t.error_at("events", "give at least one event");
        if (keys.empty() || keys.size() > 2) return t.error_at("keys", "give one or two argument names");
        if (fields.empty()) return t.error_at("fields", "give at least one state variable");
        ts = {name, events, keys, fields, true};
        if (setter) out.push.setters.push_back({name, *setter});
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
        if (gas) out.push.max_batch_gas = static_cast<int64_t>(*gas);
        for (auto [key, field] : {std::pair{"pause", &out.push.pause}, {"paused", &out.push.paused},
                                  {"next_batch", &out.push.next_batch}, {"finalize", &out.push.finalize},
                                  {"finalized", &out.push.finalized}}) {
            SUTURE_TRY(v, push->optional_string(key));
            if (v) *field = *v;
        }
    }
    SUTURE_CHECK(m.finish());
    return out;
}

std::string push_plan_json(const PushPlan& plan) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : plan.steps)
        steps.push_back({{"kind", s.kind}, {"id", s.id}, {"table", s.table}, {"batch", s.batch}, {"first", s.first},
                         {"count", s.count}, {"to", s.to ? nlohmann::json(to_checksum(*s.to)) : nlohmann::json()},
                         {"data", to_hex(s.data)}, {"gas", s.gas}});
    return nlohmann::json{{"format", "suture-migration-push-plan/1"},
                          {"owner", to_checksum(plan.owner)},
                          {"old_contract", to_checksum(plan.old_contract)},
                          {"new_contract", to_checksum(plan.new_contract)},
                          {"entries", plan.entries},
                          {"batch_gas", plan.batch_gas},
                          {"steps", steps}}
        .dump(1);
}

Result<PushPlan> parse_push_plan(std::string_view text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "suture-migration-push-plan/1")
        return input_error("not a suture-migration-push-plan/1 file");
    PushPlan p;
    try {
        SUTURE_TRY(owner, parse_address(j.at("owner").get<std::string>()));
        SUTURE_TRY(old_c, parse_address(j.at("old_contract").get<std::string>()));
        SUTURE_TRY(new_c, parse_address(j.at("new_contract").get<std::string>()));
        p.owner = owner;
        p.old_contract = old_c;
        p.new_contract = new_c;
        p.entries = j.at("entries").get<size_t>();
        p.batch_gas = j.at("batch_gas").get<int64_t>();
        for (const auto& s : j.at("steps")) {
            PushStep step;
            step.kind = s.at("kind").get<std::string>();
            step.id = s.at("id").get<std::string>();
            step.table = s.at("table").get<std::string>();
            step.batch = s.at("batch").get<uint64_t>();
            step.first = s.at("first").get<size_t>();
            step.count = s.at("count").get<size_t>();
            if (!s.at("to").is_null()) {
                SUTURE_TRY(to, parse_address(s.at("to").get<std::string>()));
                step.to = to;
            }
            SUTURE_TRY(data, from_hex(s.at("data").get<std::string>()));
            step.data = std::move(data);
            step.gas = s.at("gas").get<int64_t>();
            p.steps.push_back(std::move(step));
        }
    } catch (const std::exception& e) {
        return input_error(std::string("malformed plan: ") + e.what());
    }
    return p;
}

}  // namespace suture::pipeline
