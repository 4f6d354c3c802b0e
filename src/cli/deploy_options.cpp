// Deploy arguments, their request and JSON form, and the outcome's rendering
// (deploy_options.hpp).
#include "cli/deploy_options.hpp"

#include <filesystem>
#include <iostream>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "report/deploy_render.hpp"
#include "upgrade/check_gate.hpp"

namespace suture::cli {
namespace {

Result<Bytes> init_calldata(const DeployArgs& a) {
    if (!a.init_data.empty()) {
        if (!a.init.empty()) return usage_error("give --init or --init-data, not both");
        return from_hex(a.init_data);
    }
    if (a.init.empty()) return Bytes{};
    SUTURE_TRY(sig, abi::parse_signature(a.init));
    SUTURE_TRY(values, abi::parse_values(sig.input_types(), a.init_args));
    return abi::encode_call(sig, values);
}

Result<deploy::TimelockOptions::Step> parse_step(const std::string& s) {
    using Step = deploy::TimelockOptions::Step;
    if (s == "all") return Step::all;
    if (s == "schedule") return Step::schedule;
    if (s == "execute") return Step::execute;
    if (s == "cancel") return Step::cancel;
    return usage_error("--timelock-step: expected all, schedule, execute or cancel, got \"" + s + "\"");
}

// --allow CODE --reason TEXT, paired in order.
Result<std::vector<upgrade::Allowance>> allowances(const DeployArgs& a) {
    if (a.allow.size() != a.reasons.size())
        return usage_error("--allow CODE needs one --reason TEXT each (" + std::to_string(a.allow.size()) +
                           " --allow, " + std::to_string(a.reasons.size()) + " --reason)");
    std::vector<upgrade::Allowance> out;
    for (size_t i = 0; i < a.allow.size(); ++i) {
        if (a.reasons[i].empty()) return usage_error("--reason for --allow " + a.allow[i] + " is empty: say why");
        out.push_back({a.allow[i], a.reasons[i]});
    }
    return out;
}

// The check gate's request: the new implementation as --artifact/--contract
// name it, the old one read from the proxy and matched against --old (else
// --artifact). Without a build there is nothing to check (deploy_gate.hpp).
std::optional<upgrade::CheckRequest> check_request(const DeployArgs& a) {
    if (a.artifact.artifact.empty() || a.artifact.contract.empty()) return std::nullopt;
    upgrade::CheckRequest c;
    c.new_build = a.artifact.artifact;
    c.new_contract = a.artifact.contract;
    c.old_build = a.old_build;
    c.old_contract = a.old_contract;
    return c;
}

std::string absolute(const std::string& path) {
    if (path.empty()) return path;
    std::error_code ec;
    auto p = std::filesystem::absolute(path, ec);
    return ec ? path : p.string();
}

std::vector<std::string> absolute(std::vector<std::string> paths) {
    for (auto& p : paths) p = absolute(p);
    return paths;
}

// Reads one field of deploy_args_json's object into `out`, naming it on error.
struct ArgsReader {
    const nlohmann::json& j;
    Status error;

    template <typename T>
    void get(const char* key, T& out) {
        if (!error.ok()) return;
        auto it = j.find(key);
        if (it == j.end()) {
            error = input_error(std::string("deploy arguments: ") + key + " is missing");
            return;
        }
        try {
            out = it->template get<T>();
        } catch (const nlohmann::json::exception&) {
            error = input_error(std::string("deploy arguments: ") + key + " has the wrong type");
        }
    }
};

}  // namespace

nlohmann::json deploy_args_json(const DeployArgs& a) {
    return {{"route", a.route},
            {"rpc", a.rpc},
            {"proxy", a.proxy},
            {"implementation", a.implementation},
            {"init", a.init},
            {"init_args", a.init_args},
            {"init_data", a.init_data},
            {"old_facet", a.old_facet},
            {"artifact", absolute(a.artifact.artifact)},
            {"contract", a.artifact.contract},
            {"artifact_args", a.artifact.args},
            {"libraries", a.artifact.libraries},
            {"smoke", a.smoke},
            {"key_env", a.key.env},
            {"key_file", absolute(a.key.file)},
            {"keystore", absolute(a.key.keystore)},
            {"deployer_key_env", a.deployer_key_env},
            {"deployer_key_file", absolute(a.deployer_key_file)},
            {"executor_key_env", a.executor_key_env},
            {"owner_key_env", a.owner_key_env},
            {"owner_key_file", absolute(a.owner_key_file)},
            {"timelock_step", a.timelock_step},
            {"salt", a.salt},
            {"safe_file", absolute(a.safe_file)},
            {"multisend", a.multisend},
            {"old_build", absolute(a.old_build)},
            {"old_contract", a.old_contract},
            {"allow", a.allow},
            {"reasons", a.reasons},
            {"delay", a.delay},
            {"max_wait", a.max_wait},
            {"confirmations", a.confirmations},
            {"confirm_timeout_ms", int64_t(a.confirm_timeout * 1000)},
            {"batch", a.batch ? 1 : 0},
            {"time_travel", a.time_travel ? 1 : 0},
            {"no_rollback", a.no_rollback ? 1 : 0}};
}

Result<DeployArgs> deploy_args_of(const nlohmann::json& j) {
    if (!j.is_object()) return input_error("deploy arguments: not an object");
    DeployArgs a;
    ArgsReader r{j, {}};
    r.get("route", a.route);
    r.get("rpc", a.rpc);
    r.get("proxy", a.proxy);
    r.get("implementation", a.implementation);
    r.get("init", a.init);
    r.get("init_args", a.init_args);
    r.get("init_data", a.init_data);
    r.get("old_facet", a.old_facet);
    r.get("artifact", a.artifact.artifact);
    r.get("contract", a.artifact.contract);
    r.get("artifact_args", a.artifact.args);
    r.get("libraries", a.artifact.libraries);
    r.get("smoke", a.smoke);
    r.get("key_env", a.key.env);
    r.get("key_file", a.key.file);
    r.get("keystore", a.key.keystore);
    r.get("deployer_key_env", a.deployer_key_env);
    r.get("deployer_key_file", a.deployer_key_file);
    r.get("executor_key_env", a.executor_key_env);
    r.get("owner_key_env", a.owner_key_env);
    r.get("owner_key_file", a.owner_key_file);
    r.get("timelock_step", a.timelock_step);
    r.get("salt", a.salt);
    r.get("safe_file", a.safe_file);
    r.get("multisend", a.multisend);
    r.get("old_build", a.old_build);
    r.get("old_contract", a.old_contract);
    r.get("allow", a.allow);
    r.get("reasons", a.reasons);
    r.get("delay", a.delay);
    r.get("max_wait", a.max_wait);
    r.get("confirmations", a.confirmations);
    int64_t timeout_ms = 0, batch = 0, time_travel = 0, no_rollback = 0;
    r.get("confirm_timeout_ms", timeout_ms);
    r.get("batch", batch);
    r.get("time_travel", time_travel);
    r.get("no_rollback", no_rollback);
    SUTURE_CHECK(r.error);
    a.confirm_timeout = double(timeout_ms) / 1000;
    a.batch = batch != 0;
    a.time_travel = time_travel != 0;
    a.no_rollback = no_rollback != 0;
    return a;
}

Result<deploy::DeployRequest> deploy_request(const DeployArgs& a, DeployKeys& keys) {
    deploy::DeployRequest req;
    SUTURE_TRY(route, deploy::parse_route(a.route));
    req.route = route;
    SUTURE_TRY(proxy, parse_address(a.proxy));
    req.proxy = proxy;
    req.dry_run = a.dry_run;
    req.rollback = !a.no_rollback;
    SUTURE_TRY(init, init_calldata(a));
    req.init_data = std::move(init);
    if (!a.old_facet.empty()) {
        SUTURE_TRY(f, parse_address(a.old_facet));
        req.old_facet = f;
    }
    if (!a.implementation.empty()) {
        SUTURE_TRY(impl, parse_address(a.implementation));
        req.existing_implementation = impl;
    }
    if (!a.artifact.artifact.empty()) {
        SUTURE_TRY(art, a.artifact.prepare());
        req.artifact = std::move(art);
    }
    for (const auto& s : a.smoke) {
        SUTURE_TRY(c, deploy::parse_smoke_check(s));
        req.smoke.push_back(std::move(c));
    }
    if (!a.old_build.empty() && a.artifact.artifact.empty()) return usage_error("--old needs --artifact BUILD --contract NAME");
    req.check = check_request(a);
    SUTURE_TRY(allow, allowances(a));
    req.allow = std::move(allow);
    SUTURE_TRY(step, parse_step(a.timelock_step));
    req.timelock.step = step;
    if (a.delay >= 0) req.timelock.delay = uint256(uint64_t(a.delay));
    if (!a.salt.empty()) {
        SUTURE_TRY(s, from_hex(a.salt));
        if (s.size() != 32) return usage_error("--salt: expected 32 bytes of hex");
        std::copy(s.begin(), s.end(), req.timelock.salt.begin());
    }
    req.timelock.batch = a.batch;
    req.timelock.time_travel = a.time_travel;
    req.timelock.max_wait = std::chrono::seconds(a.max_wait);
    req.safe.batch_file = a.safe_file;
    if (!a.multisend.empty()) {
        SUTURE_TRY(m, parse_address(a.multisend));
        req.safe.multisend = m;
    }

    SUTURE_TRY(admin, a.key.load());
    SUTURE_TRY(deployer, load_key(a.deployer_key_env, a.deployer_key_file));
    SUTURE_TRY(executor, load_key(a.executor_key_env, {}));
    keys.admin = std::move(admin);
    keys.deployer = std::move(deployer);
    keys.executor = std::move(executor);
    keys.owners.clear();
    for (const auto& e : a.owner_key_env) {
        SUTURE_TRY(k, load_key(e, {}));
        keys.owners.push_back(std::move(k));
    }
    for (const auto& f : a.owner_key_file) {
        SUTURE_TRY(k, load_key({}, f));
        keys.owners.push_back(std::move(k));
    }
    req.admin = keys.admin.get();
    req.deployer = keys.deployer ? keys.deployer.get()
                                 : (keys.admin ? keys.admin.get() : (keys.owners.empty() ? nullptr : keys.owners[0].get()));
    req.timelock.executor = keys.executor.get();
    for (const auto& o : keys.owners) req.safe.owners.push_back(o.get());
    return req;
}

deploy::SendOptions deploy_send_options(const DeployArgs& a) {
    deploy::SendOptions options;
    options.confirmations = uint64_t(a.confirmations);
    options.timeout = std::chrono::milliseconds(int64_t(a.confirm_timeout * 1000));
    // The library prints nothing: say here, on stderr, what each wait is for.
    options.on_wait = [confirmations = a.confirmations, timeout = a.confirm_timeout](const deploy::TxRequest& t,
                                                                                     const Bytes32& hash) {
        std::cerr << "waiting for " << confirmations << " confirmation(s) of " << t.step << " (tx " << to_hex(hash)
                  << ", up to " << timeout << " s: --confirm-timeout)\n";
    };
    return options;
}

Result<int> render_deploy(const GlobalOptions& g, const Result<deploy::DeployOutcome>& out,
                          const deploy::MemoryRecorder& recorder, const nlohmann::json& extra) {
    if (!out) {
        // What went wrong first, then what did go out before it: those transactions are on chain.
        if (g.json) {
            nlohmann::json j{{"error", out.error().message}, {"exit", exit_code(out.error().kind)},
                             {"sent", report::sent_json(recorder)}};
            j.update(extra);
            std::cout << j.dump(2) << "\n";
            return exit_code(out.error().kind);
        }
        int code = fail(g, out.error());
        std::cerr << report::sent_before_failure_text(recorder);
        return code;
    }
    if (g.json) {
        auto j = report::deploy_json(*out, recorder);
        j.update(extra);
        std::cout << j.dump(2) << "\n";
        if (!out->refused.empty()) return 1;
    } else {
        std::cout << report::deploy_text(*out, recorder);
        if (out->refused == "check")
            return Error{ErrorKind::findings, "deploy refused by the check gate: " +
                                                  std::to_string(out->check.verdict.blocking.size()) +
                                                  " error-level finding(s); nothing was sent"};
        if (out->refused == "simulation") {
            std::string why;
            for (const auto& st : out->simulation.steps)
                if (!st.ok) why = st.step + ": " + st.detail;
            return Error{ErrorKind::findings, "deploy refused by the simulation: " + why + "; nothing was sent"};
        }
    }
    if (out->verification.ran() && !out->verification.ok()) return 1;
    return 0;
}

}  // namespace suture::cli
