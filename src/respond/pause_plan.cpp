#include "respond/pause_plan.hpp"

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::respond {

const char* pause_action_name(PauseAction a) { return a == PauseAction::pause ? "pause" : "unpause"; }

const char* pause_status_name(PauseOutcome::Status s) {
    switch (s) {
        case PauseOutcome::Status::done: return "done";
        case PauseOutcome::Status::already: return "already";
        case PauseOutcome::Status::batch_written: return "batch-written";
        case PauseOutcome::Status::failed: return "failed";
    }
    return "failed";
}

std::string pause_function(const PauseRequest& req) {
    if (!req.function.empty()) return req.function;
    return req.action == PauseAction::pause ? "pause()" : "unpause()";
}

std::string pause_check(const PauseRequest& req) { return req.check.empty() ? "paused()(bool)" : req.check; }

namespace {

// The check's answer: true when the target reads as paused.
Result<bool> read_check(upgrade::ChainView& view, const PauseRequest& req, const Address& target) {
    const std::string check = pause_check(req);
    SUTURE_TRY(answer, upgrade::view_bool(view, target, check));
    if (!answer)
        return input_error(to_checksum(target) + ": " + check +
                           " gave no answer, so the " + pause_action_name(req.action) +
                           " cannot be verified (name the target's check with --check SIG)");
    return *answer;
}

}  // namespace

Result<PausePlan> plan_pause(upgrade::ChainView& view, const PauseRequest& req, const Address& target,
                             const Address& sender) {
    PausePlan plan;
    plan.target = target;
    SUTURE_TRY(code, view.code(target));
    if (code.empty()) return input_error(to_checksum(target) + ": no contract code at this address");

    auto sig = abi::parse_signature(pause_function(req));
    if (!sig) return usage_error("function " + pause_function(req) + ": " + sig.error().message);
    if (!sig->inputs.empty())
        return usage_error("function " + sig->canonical() + ": a pause function takes no arguments");
    plan.function = sig->canonical();
    SUTURE_TRY(data, abi::encode_call(*sig, {}));
    plan.data = std::move(data);
    plan.mechanism = req.function.empty() ? "pausable" : "function";

    SUTURE_TRY(paused, read_check(view, req, target));
    plan.already = paused == (req.action == PauseAction::pause);
    if (plan.already) return plan;

    // AccessControl: a target that names a pauser role must have granted it.
    SUTURE_TRY(role, upgrade::view_call(view, target, req.role_getter));
    if (role && role->size() == 1) {
        const Bytes role_id = (*role)[0].as_bytes();
        SUTURE_TRY(has, upgrade::view_bool(view, target, "hasRole(bytes32,address)(bool)", {(*role)[0], sender}));
        if (has && !*has)
            return input_error(to_checksum(sender) + " does not hold " + req.role_getter.substr(0, req.role_getter.find('(')) +
                               " (" + to_hex(role_id) + ") on " + to_checksum(target) +
                               "; refusing before sending anything");
        if (has) plan.mechanism = "role";
    }
    return plan;
}

Status verify_paused(upgrade::ChainView& view, const PauseRequest& req, const Address& target) {
    SUTURE_TRY(paused, read_check(view, req, target));
    if (paused != (req.action == PauseAction::pause))
        return chain_error(to_checksum(target) + ": " + pause_function(req) + " was mined but " + pause_check(req) +
                           " still returns " + (paused ? "true" : "false"));
    return {};
}

PauseOutcome outcome_of(const PauseRequest& req, const Address& target, const Result<PausePlan>& plan) {
    PauseOutcome o;
    o.target = target;
    o.action = req.action;
    if (!plan) {
        o.function = pause_function(req);
        o.error = plan.error();
        return o;
    }
    o.function = plan->function;
    o.mechanism = plan->mechanism;
    if (plan->already) o.status = PauseOutcome::Status::already;
    return o;
}

}  // namespace suture::respond
