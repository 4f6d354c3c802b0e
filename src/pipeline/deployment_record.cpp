// Reading a deployment back from the ledger (deployment_record.hpp).
#include "pipeline/deployment_record.hpp"

#include <set>

#include "core/hex.hpp"

namespace suture::pipeline {

nlohmann::json deployment_plan_json(const DeploymentPlan& p) {
    nlohmann::json j{{"patch_id", p.patch_id}, {"route", p.route}, {"proxy", to_checksum(p.proxy)},
                     {"mechanism", p.mechanism}, {"args", p.args}};
    j["implementation_before"] = p.implementation_before ? nlohmann::json(to_checksum(*p.implementation_before))
                                                         : nlohmann::json();
    return j;
}

Result<DeploymentPlan> deployment_plan_of(const nlohmann::json& d, int64_t seq) {
    const std::string where = "ledger record " + std::to_string(seq) + " (" + kDeployPlanEvent + ")";
    auto text = [&](const char* key) -> Result<std::string> {
        if (!d.contains(key) || !d[key].is_string()) return input_error(where + ": " + key + " is not text");
        return d[key].get<std::string>();
    };
    if (!d.is_object()) return input_error(where + ": not an object");
    if (!d.contains("patch_id") || !d["patch_id"].is_number_integer())
        return input_error(where + ": patch_id is not an integer");
    DeploymentPlan p;
    p.patch_id = d["patch_id"].get<int64_t>();
    SUTURE_TRY(route, text("route"));
    p.route = route;
    SUTURE_TRY(proxy_text, text("proxy"));
    auto proxy = parse_address(proxy_text);
    if (!proxy) return std::move(proxy).error().context(where + ": proxy");
    p.proxy = *proxy;
    if (d.contains("implementation_before") && !d["implementation_before"].is_null()) {
        SUTURE_TRY(before_text, text("implementation_before"));
        auto before = parse_address(before_text);
        if (!before) return std::move(before).error().context(where + ": implementation_before");
        p.implementation_before = *before;
    }
    SUTURE_TRY(mechanism, text("mechanism"));
    p.mechanism = mechanism;
    if (!d.contains("args") || !d["args"].is_object()) return input_error(where + ": args is not an object");
    p.args = d["args"];
    return p;
}

Result<std::optional<RecordedDeployment>> latest_deployment(ledger::Ledger& l, std::optional<int64_t> patch_id) {
    SUTURE_TRY(events, l.log());
    std::optional<RecordedDeployment> found;
    for (auto it = events.rbegin(); it != events.rend() && !found; ++it) {
        if (it->kind != kDeployPlanEvent) continue;
        SUTURE_TRY(plan, deployment_plan_of(it->data, it->seq));
        if (patch_id && plan.patch_id != *patch_id) continue;
        found = RecordedDeployment{it->seq, std::move(plan), {}, {}};
    }
    if (!found) return found;
    SUTURE_TRY(steps, l.deploy_steps(found->plan.patch_id));
    std::set<int64_t> ids;
    for (auto& s : steps)
        if (s.seq > found->seq) {
            ids.insert(s.id);
            found->steps.push_back(std::move(s));
        }
    SUTURE_TRY(outcomes, l.sent_transactions(found->plan.patch_id));
    for (auto& o : outcomes)
        if (ids.count(o.info.deploy_step_id)) found->outcomes.push_back(std::move(o));
    return found;
}

}  // namespace suture::pipeline
