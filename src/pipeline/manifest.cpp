// Loading suture.toml (manifest.hpp; keys in docs/manifest.md).
#include "pipeline/manifest.hpp"

#include <cctype>
#include <filesystem>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"
#include "deploy/route.hpp"
#include "pipeline/manifest_monitor.hpp"
#include "pipeline/toml_reader.hpp"
#include "upgrade/proxy_kind.hpp"
#include "verify/difference_bound.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

template <typename T>
const T* by_name(const std::vector<T>& v, std::string_view name) {
    for (const auto& x : v)
        if (x.name == name) return &x;
    return nullptr;
}

template <typename T>
std::string names(const std::vector<T>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x.name;
    return s.empty() ? "none declared" : s;
}

// A fork's name as anvil's --hardfork and the state tests spell it, any case.
std::optional<evm::Revision> hardfork_named(const std::string& name) {
    auto lower = [](std::string_view v) {
        std::string out(v);
        for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    for (int i = 0; i <= int(evm::Revision::osaka); ++i)
        if (lower(evm::revision_name(evm::Revision(i))) == lower(name)) return evm::Revision(i);
    if (auto r = evm::revision_from_name(name)) return r;
    if (lower(name) == "merge") return evm::Revision::paris;
    return std::nullopt;
}

Result<ChainConfig> read_chain(const std::string& name, TomlTable& t) {
    SUTURE_CHECK(t.only({"chain_id", "rpc", "state_file", "block", "hardfork"}));
    ChainConfig c;
    c.name = name;
    SUTURE_TRY(id, t.uint("chain_id"));
    c.chain_id = id;
    SUTURE_TRY(rpc, t.optional_string("rpc"));
    SUTURE_TRY(state, t.optional_existing_path("state_file"));
    if (rpc.has_value() == state.has_value())
        return t.error_here("give exactly one of rpc (a JSON-RPC URL) or state_file (a local state file)");
    c.rpc = rpc.value_or("");
    c.state_file = state.value_or("");
    SUTURE_TRY(block, t.optional_uint("block"));
    if (block && !rpc) return t.error_at("block", "a pinned block needs an rpc chain (a state file keeps no earlier state)");
    c.block = block;
    SUTURE_TRY(fork, t.optional_string("hardfork"));
    if (fork) {
        c.hardfork = hardfork_named(*fork);
        if (!c.hardfork)
            return t.error_at("hardfork", "unknown fork '" + *fork +
                                              "' (frontier ... london, paris, shanghai, cancun, prague, osaka)");
    }
    SUTURE_CHECK(t.finish());
    return c;
}

Status check_proxy(TomlTable& t, const std::string& proxy) {
    if (proxy == "auto") return {};
    using upgrade::ProxyPattern;
    std::string list = "auto";
    for (auto k : {ProxyPattern::none, ProxyPattern::transparent, ProxyPattern::uups, ProxyPattern::eip1967,
                   ProxyPattern::beacon, ProxyPattern::diamond, ProxyPattern::minimal, ProxyPattern::zos,
                   ProxyPattern::eip1822, ProxyPattern::safe}) {
        if (proxy == upgrade::proxy_pattern_name(k)) return {};
        list += std::string(", ") + upgrade::proxy_pattern_name(k);
    }
    return t.error_at("proxy", "unknown proxy kind '" + proxy + "' (" + list + ")");
}

Result<TargetConfig> read_target(const std::string& name, TomlTable& t) {
    SUTURE_CHECK(t.only({"chain", "address", "proxy", "route", "admin"}));
    TargetConfig c;
    c.name = name;
    SUTURE_TRY(chain, t.string("chain"));
    c.chain = chain;
    SUTURE_TRY(address, t.address("address"));
    c.address = address;
    SUTURE_TRY(proxy, t.optional_string("proxy"));
    c.proxy = proxy.value_or("auto");
    SUTURE_CHECK(check_proxy(t, c.proxy));
    SUTURE_TRY(route, t.string("route"));
    if (auto r = deploy::parse_route(route); !r.ok()) return t.error_at("route", r.error().message);
    c.route = route;
    SUTURE_TRY(admin, t.optional_address("admin"));
    c.admin = admin;
    SUTURE_CHECK(t.finish());
    return c;
}

Result<BuildConfig> read_build(const std::string& name, TomlTable& t) {
    SUTURE_CHECK(t.only({"path", "format"}));
    BuildConfig c;
    c.name = name;
    SUTURE_TRY(path, t.existing_path("path"));
    c.path = path;
    SUTURE_TRY(format, t.optional_string("format"));
    c.format = format.value_or("auto");
    if (c.format != "auto" && c.format != "foundry" && c.format != "hardhat" && c.format != "solc")
        return t.error_at("format", "unknown build format '" + c.format + "' (auto, foundry, hardhat, solc)");
    SUTURE_CHECK(t.finish());
    return c;
}

Result<ContractRef> read_contract(TomlTable& parent, std::string_view key, const std::vector<BuildConfig>& builds) {
    SUTURE_TRY(t, parent.table(key));
    if (!t) return parent.error_here("missing required table " + parent.key_path() + "." + std::string(key) +
                                     " ({ build = \"...\", contract = \"...\" })");
    SUTURE_CHECK(t->only({"build", "contract"}));
    ContractRef c;
    SUTURE_TRY(build, t->string("build"));
    if (!by_name(builds, build)) return t->error_at("build", "no build '" + build + "' (" + names(builds) + ")");
    c.build = build;
    SUTURE_TRY(contract, t->string("contract"));
    c.contract = contract;
    SUTURE_CHECK(t->finish());
    return c;
}

Result<CallConfig> read_call(TomlTable& t) {
    CallConfig c;
    SUTURE_TRY(function, t.string("function"));
    c.function = function;
    SUTURE_TRY(args, t.strings("args"));
    c.args = std::move(args);
    // The signature and arguments must encode now, not at deploy time.
    auto sig = abi::parse_signature(function);
    if (!sig.ok()) return t.error_at("function", sig.error().message);
    if (auto v = abi::parse_values(sig->input_types(), c.args); !v.ok()) return t.error_at("args", v.error().message);
    return c;
}

Result<PatchConfig> read_patch(TomlTable& t, const std::vector<TargetConfig>& targets,
                               const std::vector<BuildConfig>& builds) {
    SUTURE_CHECK(t.only({"name", "target", "old", "new", "poc", "replay", "fuzz", "invariants", "holders",
                         "holders_max", "expected_differences"}));
    PatchConfig p;
    SUTURE_TRY(name, t.optional_string("name"));
    p.name = name.value_or("patch");
    SUTURE_TRY(target, t.string("target"));
    if (!by_name(targets, target)) return t.error_at("target", "no target '" + target + "' (" + names(targets) + ")");
    p.target = target;
    SUTURE_TRY(old_c, read_contract(t, "old", builds));
    p.old_contract = old_c;
    SUTURE_TRY(new_c, read_contract(t, "new", builds));
    p.new_contract = new_c;
    SUTURE_TRY(poc, t.optional_existing_path("poc"));
    p.poc = poc;
    SUTURE_TRY(replay, t.table("replay"));
    if (replay) {
        SUTURE_CHECK(replay->only({"from_block", "to_block"}));
        ReplayConfig r;
        SUTURE_TRY(from, replay->uint("from_block"));
        SUTURE_TRY(to, replay->uint("to_block"));
        if (to < from) return replay->error_at("to_block", "is before from_block");
        r.from_block = from;
        r.to_block = to;
        SUTURE_CHECK(replay->finish());
        p.replay = r;
    }
    SUTURE_TRY(fuzz, t.table("fuzz"));
    if (fuzz) {
        SUTURE_CHECK(fuzz->only({"runs", "depth", "seed"}));
        SUTURE_TRY(runs, fuzz->optional_uint("runs"));
        SUTURE_TRY(depth, fuzz->optional_uint("depth"));
        SUTURE_TRY(seed, fuzz->optional_uint("seed"));
        if (runs) p.fuzz.runs = *runs;
        if (depth) p.fuzz.depth = *depth;
        p.fuzz.seed = seed;
        p.fuzz_configured = true;
        SUTURE_CHECK(fuzz->finish());
    }
    SUTURE_TRY(invariants, t.strings("invariants"));
    p.invariants = std::move(invariants);
    SUTURE_TRY(holders, t.optional_string("holders"));
    if (holders) {
        if (*holders != "history") return t.error_at("holders", "the one source is \"history\" (got \"" + *holders + "\")");
        if (!p.replay) return t.error_at("holders", "\"history\" reads [patch].replay's blocks: give replay = { from_block, to_block }");
        p.holders_from_history = true;
    }
    SUTURE_TRY(holders_max, t.optional_uint("holders_max"));
    if (holders_max && *holders_max == 0) return t.error_at("holders_max", "at least 1");
    p.holders_max = holders_max;
    SUTURE_TRY(diffs, t.tables("expected_differences"));
    for (auto& d : diffs) {
        SUTURE_CHECK(d.only({"function", "reason", "within"}));
        ExpectedDifference e;
        SUTURE_TRY(function, d.string("function"));
        SUTURE_TRY(reason, d.string("reason"));
        SUTURE_TRY(within, d.optional_string("within"));
        if (within)
            if (auto b = verify::parse_amount_bound(*within); !b) return d.error_at("within", b.error().message);
        e.function = function;
        e.reason = reason;
        e.within = within;
        SUTURE_CHECK(d.finish());
        p.expected_differences.push_back(std::move(e));
    }
    SUTURE_CHECK(t.finish());
    return p;
}

Result<ledger::Policy> read_policy(TomlTable& t) {
    SUTURE_CHECK(t.only({"reviewers", "threshold", "allow"}));
    ledger::Policy p;
    SUTURE_TRY(reviewers, t.strings("reviewers"));
    for (size_t i = 0; i < reviewers.size(); ++i) {
        auto a = parse_address(reviewers[i]);
        if (!a.ok()) return t.error_at("reviewers", "[" + std::to_string(i) + "]: " + a.error().message);
        p.reviewers.push_back(*a);
    }
    SUTURE_TRY(threshold, t.uint("threshold"));
    p.threshold = static_cast<unsigned>(std::min<uint64_t>(threshold, 1u << 30));
    SUTURE_TRY(allow, t.tables("allow"));
    for (auto& a : allow) {
        SUTURE_CHECK(a.only({"code", "reviewers", "reason"}));
        ledger::AllowRule r;
        SUTURE_TRY(code, a.string("code"));
        SUTURE_TRY(n, a.uint("reviewers"));
        SUTURE_TRY(reason, a.optional_string("reason"));
        r.code = code;
        r.reason = reason.value_or("");
        r.reviewers = static_cast<unsigned>(std::min<uint64_t>(n, 1u << 30));
        SUTURE_CHECK(a.finish());
        p.allow.push_back(std::move(r));
    }
    if (auto s = ledger::check_policy(p); !s.ok()) {
        std::string_view msg = s.error().message;
        if (msg.starts_with("policy: ")) msg.remove_prefix(8);  // the location already says policy
        return t.error_here(msg);
    }
    SUTURE_CHECK(t.finish());
    return p;
}

Result<DeployConfig> read_deploy(TomlTable& t) {
    SUTURE_CHECK(t.only({"confirmations", "max_fee_gwei", "max_priority_fee_gwei", "initializer", "smoke"}));
    DeployConfig d;
    SUTURE_TRY(confirmations, t.optional_uint("confirmations"));
    if (confirmations) d.confirmations = *confirmations;
    SUTURE_TRY(max_fee, t.optional_uint("max_fee_gwei"));
    SUTURE_TRY(max_tip, t.optional_uint("max_priority_fee_gwei"));
    d.max_fee_gwei = max_fee;
    d.max_priority_fee_gwei = max_tip;
    if (max_fee && max_tip && *max_tip > *max_fee)
        return t.error_at("max_priority_fee_gwei", "is above max_fee_gwei (EIP-1559: the tip is part of the fee cap)");
    SUTURE_TRY(init, t.table("initializer"));
    if (init) {
        SUTURE_CHECK(init->only({"function", "args"}));
        SUTURE_TRY(call, read_call(*init));
        SUTURE_CHECK(init->finish());
        d.initializer = std::move(call);
    }
    SUTURE_TRY(smoke, t.tables("smoke"));
    for (auto& s : smoke) {
        SUTURE_CHECK(s.only({"function", "args", "expect"}));
        SmokeCall c;
        SUTURE_TRY(call, read_call(s));
        c.call = std::move(call);
        SUTURE_TRY(expect, s.optional_string("expect"));
        c.expect = expect;
        SUTURE_CHECK(s.finish());
        d.smoke.push_back(std::move(c));
    }
    SUTURE_CHECK(t.finish());
    return d;
}

}  // namespace

const ChainConfig* Manifest::chain(std::string_view name) const { return by_name(chains, name); }
const TargetConfig* Manifest::target(std::string_view name) const { return by_name(targets, name); }
const BuildConfig* Manifest::build(std::string_view name) const { return by_name(builds, name); }

Result<Manifest> load_manifest(const std::string& path, bool require_patch) {
    SUTURE_TRY(doc, parse_toml_file(path));
    Manifest m;
    m.path = path;
    TomlTable root(doc, "", m.path);
    SUTURE_CHECK(root.only({"ledger", "chains", "targets", "builds", "patch", "policy", "deploy", "monitor"}));

    SUTURE_TRY(ledger_path, root.optional_string("ledger"));
    fs::path lp(ledger_path.value_or("suture.ledger"));
    if (lp.is_relative()) lp = fs::path(path).parent_path() / lp;
    m.ledger = lp.lexically_normal().string();

    SUTURE_TRY(chains, root.named_tables("chains"));
    for (auto& [name, t] : chains) {
        SUTURE_TRY(c, read_chain(name, t));
        m.chains.push_back(std::move(c));
    }
    SUTURE_TRY(targets, root.named_tables("targets"));
    for (auto& [name, t] : targets) {
        SUTURE_TRY(c, read_target(name, t));
        if (!m.chain(c.chain))
            return t.error_at("chain", "no chain '" + c.chain + "' (" + names(m.chains) + ")");
        m.targets.push_back(std::move(c));
    }
    SUTURE_TRY(builds, root.named_tables("builds"));
    for (auto& [name, t] : builds) {
        SUTURE_TRY(c, read_build(name, t));
        m.builds.push_back(std::move(c));
    }
    SUTURE_TRY(patch, root.table("patch"));
    if (!patch && require_patch) return root.error_here("missing required table [patch]");
    m.has_patch = patch.has_value();
    if (patch) {
        SUTURE_TRY(p, read_patch(*patch, m.targets, m.builds));
        m.patch = std::move(p);
    }
    SUTURE_TRY(policy, root.table("policy"));
    if (!policy && require_patch) return root.error_here("missing required table [policy] (reviewers and threshold)");
    if (policy) {
        SUTURE_TRY(pol, read_policy(*policy));
        m.policy = std::move(pol);
    }
    SUTURE_TRY(deploy, root.table("deploy"));
    if (deploy) {
        SUTURE_TRY(d, read_deploy(*deploy));
        m.deploy = std::move(d);
    }
    SUTURE_TRY(monitor, root.table("monitor"));
    if (monitor) {
        SUTURE_TRY(spec, read_monitor(*monitor, m));
        m.monitor = std::move(spec);
    }
    SUTURE_CHECK(root.finish());
    return m;
}

std::string expect_rule(const ExpectedDifference& d) {
    return "function=" + d.function + (d.within ? ";within=" + *d.within : "");
}

}  // namespace suture::pipeline
