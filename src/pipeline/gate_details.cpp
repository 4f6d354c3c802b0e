// Gate details as ledger events (gate_details.hpp).
#include "pipeline/gate_details.hpp"

#include "upgrade/layout_json.hpp"

namespace suture::pipeline {
namespace {

using nlohmann::json;

Result<std::string> text(const json& j, const char* key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::string();
    if (!it->is_string()) return input_error("gate details " + where + "." + key + ": not a string");
    return it->get<std::string>();
}

// A signed decimal amount: an optional "-" and digits.
Status amount(const std::string& s, const std::string& where) {
    const size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
    bool ok = s.size() > start;
    for (size_t i = start; ok && i < s.size(); ++i) ok = s[i] >= '0' && s[i] <= '9';
    if (!ok) return input_error("gate details " + where + ": \"" + s + "\" is not a decimal amount");
    return {};
}

// The array under `key` (absent: none), each element parsed by `parse`.
template <typename T, typename Parse>
Status list(const json& j, const char* key, std::vector<T>& out, Parse parse) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_array()) return input_error(std::string("gate details ") + key + ": not an array");
    for (size_t i = 0; i < it->size(); ++i) {
        const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
        if (!(*it)[i].is_object()) return input_error("gate details " + where + ": not an object");
        auto v = parse((*it)[i], where);
        if (!v.ok()) return std::move(v).error();
        out.push_back(std::move(*v));
    }
    return {};
}

}  // namespace

GateDetails check_details(const upgrade::CheckResult& r) {
    GateDetails d;
    for (const auto& rep : r.reports) d.layout.insert(d.layout.end(), rep.layout.begin(), rep.layout.end());
    return d;
}

GateDetails exploit_details(const verify::ExploitGateResult& r) {
    GateDetails d;
    auto signed_amount = [](const verify::BalanceDelta& x) { return (x.loss ? "-" : "") + x.amount.to_dec(); };
    auto entry = [&](const verify::BalanceDelta& x) -> AttackerGain& {
        const std::string holder = to_checksum(x.holder);
        for (auto& g : d.gains)
            if (g.asset == x.asset && g.holder == holder) return g;
        return d.gains.emplace_back(AttackerGain{x.asset, holder, "0", "0"});
    };
    for (const auto& x : r.old_run.gains) entry(x).old_code = signed_amount(x);
    for (const auto& x : r.new_run.gains) entry(x).new_code = signed_amount(x);
    return d;
}

json gate_details_json(const GateDetails& d) {
    json diffs = json::array(), gains = json::array(), state = json::array();
    for (const auto& x : d.differences)
        diffs.push_back({{"where", x.where}, {"old", x.old_result}, {"new", x.new_result}, {"expected", x.expected},
                         {"reason", x.reason}});
    for (const auto& g : d.gains)
        gains.push_back({{"asset", g.asset}, {"holder", g.holder}, {"old", g.old_code}, {"new", g.new_code}});
    for (const auto& s : d.state) state.push_back({{"name", s.name}, {"value", s.value}});
    return {{"layout", upgrade::layout_json(d.layout)}, {"differences", diffs}, {"gains", gains}, {"state", state}};
}

Result<GateDetails> gate_details_from_json(const json& j) {
    if (!j.is_object()) return input_error("gate details: not a JSON object");
    GateDetails d;
    SUTURE_CHECK(list(j, "layout", d.layout, [](const json& e, const std::string& where) -> Result<upgrade::LayoutRow> {
        auto r = upgrade::layout_row_from_json(e);
        if (!r.ok()) return std::move(r).error().context("gate details " + where);
        return r;
    }));
    SUTURE_CHECK(list(j, "differences", d.differences,
                      [](const json& e, const std::string& where) -> Result<BehaviourDifference> {
                          BehaviourDifference x;
                          SUTURE_TRY(w, text(e, "where", where));
                          SUTURE_TRY(o, text(e, "old", where));
                          SUTURE_TRY(n, text(e, "new", where));
                          SUTURE_TRY(reason, text(e, "reason", where));
                          x.where = std::move(w), x.old_result = std::move(o), x.new_result = std::move(n);
                          x.reason = std::move(reason);
                          if (auto it = e.find("expected"); it != e.end() && !it->is_null()) {
                              if (!it->is_boolean())
                                  return input_error("gate details " + where + ".expected: not true or false");
                              x.expected = it->get<bool>();
                          }
                          return x;
                      }));
    SUTURE_CHECK(list(j, "gains", d.gains, [](const json& e, const std::string& where) -> Result<AttackerGain> {
        AttackerGain g;
        SUTURE_TRY(asset, text(e, "asset", where));
        SUTURE_TRY(holder, text(e, "holder", where));
        SUTURE_TRY(o, text(e, "old", where));
        SUTURE_TRY(n, text(e, "new", where));
        SUTURE_CHECK(amount(o, where + ".old"));
        SUTURE_CHECK(amount(n, where + ".new"));
        g.asset = std::move(asset), g.holder = std::move(holder), g.old_code = std::move(o), g.new_code = std::move(n);
        return g;
    }));
    SUTURE_CHECK(list(j, "state", d.state, [](const json& e, const std::string& where) -> Result<StateFact> {
        SUTURE_TRY(name, text(e, "name", where));
        SUTURE_TRY(value, text(e, "value", where));
        return StateFact{std::move(name), std::move(value)};
    }));
    return d;
}

Result<int64_t> record_gate_details(ledger::Ledger& l, int64_t patch_id, int64_t gate_run_id, const GateDetails& d) {
    json data = gate_details_json(d);
    data["gate_run"] = gate_run_id;
    data["patch_id"] = patch_id;
    return l.append(kGateDetailsEvent, data);
}

}  // namespace suture::pipeline
