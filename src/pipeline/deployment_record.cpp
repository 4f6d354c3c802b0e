// Reading a deployment back from the ledger (deployment_record.hpp).
#include "pipeline/deployment_record.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/hex.hpp"

namespace suture::pipeline {

using nlohmann::json;

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

namespace {

// Every deployment's plan and finish, from one pass over the audit log.
struct DeploymentIndex {
    std::vector<std::pair<int64_t, DeploymentPlan>> plans;  // by seq, oldest first
    std::map<int64_t, std::string> finished;                 // plan seq -> last result
};

Result<DeploymentIndex> index_deployments(ledger::Ledger& l) {
    SUTURE_TRY(events, l.log());
    DeploymentIndex ix;
    for (const auto& e : events) {
        if (e.kind == kDeployPlanEvent) {
            SUTURE_TRY(plan, deployment_plan_of(e.data, e.seq));
            ix.plans.emplace_back(e.seq, std::move(plan));
        } else if (e.kind == kDeployFinishedEvent && e.data.is_object() && e.data.value("deployment", json()).is_number_integer()) {
            ix.finished[e.data["deployment"].get<int64_t>()] = e.data.value("result", "");
        }
    }
    return ix;
}

// The steps and outcomes of the deployment `seq` of `plan`.
Result<RecordedDeployment> read_deployment(ledger::Ledger& l, const DeploymentIndex& ix, int64_t seq,
                                           const DeploymentPlan& plan) {
    RecordedDeployment found{seq, plan, {}, {}, std::nullopt};
    if (auto f = ix.finished.find(seq); f != ix.finished.end()) found.finished = f->second;
    // The patch's steps after this plan and before its next one are this deployment's.
    int64_t next = INT64_MAX;
    for (const auto& [s, p] : ix.plans)
        if (s > seq && p.patch_id == plan.patch_id) next = std::min(next, s);
    SUTURE_TRY(steps, l.deploy_steps(plan.patch_id));
    std::set<int64_t> ids;
    for (auto& st : steps)
        if (st.seq > seq && st.seq < next) {
            ids.insert(st.id);
            found.steps.push_back(std::move(st));
        }
    SUTURE_TRY(outcomes, l.sent_transactions(plan.patch_id));
    for (auto& o : outcomes)
        if (ids.count(o.info.deploy_step_id)) found.outcomes.push_back(std::move(o));
    return found;
}

}  // namespace

Result<std::optional<RecordedDeployment>> latest_deployment(ledger::Ledger& l, std::optional<int64_t> patch_id) {
    SUTURE_TRY(ix, index_deployments(l));
    for (auto it = ix.plans.rbegin(); it != ix.plans.rend(); ++it) {
        if (patch_id && it->second.patch_id != *patch_id) continue;
        SUTURE_TRY(d, read_deployment(l, ix, it->first, it->second));
        return std::optional<RecordedDeployment>(std::move(d));
    }
    return std::optional<RecordedDeployment>();
}

Result<std::optional<RecordedDeployment>> interrupted_deployment(ledger::Ledger& l, const Address& proxy) {
    SUTURE_TRY(ix, index_deployments(l));
    for (auto it = ix.plans.rbegin(); it != ix.plans.rend(); ++it) {
        if (it->second.proxy != proxy) continue;
        if (ix.finished.count(it->first)) break;  // the proxy's latest deployment finished
        SUTURE_TRY(d, read_deployment(l, ix, it->first, it->second));
        return std::optional<RecordedDeployment>(std::move(d));
    }
    return std::optional<RecordedDeployment>();
}

Status record_deployment_finished(ledger::Ledger& l, int64_t seq, const std::string& result) {
    SUTURE_TRY(at, l.append(kDeployFinishedEvent, {{"deployment", seq}, {"result", result}}));
    (void)at;
    return {};
}

}  // namespace suture::pipeline
