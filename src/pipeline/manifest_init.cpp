#include "pipeline/manifest_init.hpp"

#include <algorithm>
#include <filesystem>

#include "chain/rpc_client.hpp"
#include "chain/state_file.hpp"
#include "core/atomic_file.hpp"
#include "pipeline/manifest.hpp"
#include "solidity/load.hpp"
#include "upgrade/deployed_match.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "verify/state_chain_view.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

struct FoundBuild {
    std::string path;    // as written in the manifest (relative to dir)
    std::string format;  // foundry, hardhat, solc
    solidity::BuildSet set;
};

Result<FoundBuild> find_build(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_directory(dir / "out", ec)) {
        auto files = solidity::foundry_artifact_files((dir / "out").string());
        if (files && !files->empty()) {
            solidity::LoadOptions opt;
            opt.format = solidity::LoadFormat::foundry_artifacts;
            auto set = solidity::load_build((dir / "out").string(), opt);
            if (!set) return std::move(set).error().context("init: Foundry out/ in " + dir.string());
            return FoundBuild{"out", "foundry", std::move(*set)};
        }
    }
    if (fs::is_directory(dir / "artifacts" / "build-info", ec)) {
        solidity::LoadOptions opt;
        opt.format = solidity::LoadFormat::build_info;
        auto set = solidity::load_build((dir / "artifacts" / "build-info").string(), opt);
        if (!set) return std::move(set).error().context("init: Hardhat artifacts/build-info in " + dir.string());
        return FoundBuild{"artifacts/build-info", "hardhat", std::move(*set)};
    }
    std::vector<fs::path> jsons;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") jsons.push_back(e.path());
    std::sort(jsons.begin(), jsons.end());
    for (const auto& j : jsons) {
        solidity::LoadOptions opt;
        opt.format = solidity::LoadFormat::solc;
        auto set = solidity::load_build(j.string(), opt);
        if (set && !set->builds.empty() && !set->builds.front().contracts.empty())
            return FoundBuild{j.filename().string(), "solc", std::move(*set)};
    }
    return input_error("init: no build in " + dir.string() +
                       ": expected a Foundry out/ folder, Hardhat artifacts/build-info, or a solc standard-JSON "
                       "output (*.json); build the project first");
}

struct Inspected {
    upgrade::ProxyInfo info;
    std::optional<std::string> live_contract;  // "source:Name" of the build matching the live code
    std::string match_note;
};

std::string route_for(const upgrade::ProxyInfo& info) {
    using upgrade::AuthorityKind;
    using upgrade::ProxyPattern;
    for (const auto& a : info.authorities) {
        if (a.kind == AuthorityKind::timelock) return "timelock";
        if (a.kind == AuthorityKind::safe) return "safe";
    }
    if (!info.authorities.empty() && (info.authorities[0].kind == AuthorityKind::proxy_admin_v4 ||
                                      info.authorities[0].kind == AuthorityKind::proxy_admin_v5))
        return "proxy-admin";
    switch (info.kind) {
    case ProxyPattern::uups:
    case ProxyPattern::eip1822: return "uups";
    case ProxyPattern::beacon: return "beacon";
    case ProxyPattern::diamond: return "diamond";
    default: return "direct";
    }
}

std::optional<Address> admin_for(const upgrade::ProxyInfo& info) {
    for (const auto& a : info.authorities)
        if (a.kind == upgrade::AuthorityKind::eoa) return a.address;
    return std::nullopt;
}

Result<Inspected> inspect(upgrade::ChainView& view, uint64_t block, const InitTarget& t, const FoundBuild& build) {
    Inspected out;
    auto info = upgrade::inspect_proxy(view, t.address);
    if (!info) return std::move(info).error().context("init: --target " + t.name);
    out.info = std::move(*info);
    if (!out.info.has_code) return input_error("init: --target " + t.name + ": " + to_checksum(t.address) + " has no code");
    auto code = upgrade::fetch_deployed_code(view, t.address, block);
    if (!code) {
        out.match_note = code.error().message;
        return out;
    }
    upgrade::MatchOptions mo;
    mo.allow_unmatched = true;
    auto ref = upgrade::match_deployed(std::move(*code), build.set, mo);
    if (ref && ref->matched) out.live_contract = ref->matched->name;
    else out.match_note = "no contract of the build has the live code";
    return out;
}

std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

unsigned majority(size_t n) { return unsigned(n / 2 + 1); }

// A path the user gave for the project (--state, --poc): relative to the
// project folder `dir`, as the manifest will hold it, or absolute. `flag`
// names it when the file is not there.
Result<fs::path> in_dir(const fs::path& dir, const std::string& path, const std::string& flag) {
    const fs::path p = fs::path(path).is_absolute() ? fs::path(path) : dir / path;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
        return input_error("init: " + flag + " " + path + ": no such file " + p.lexically_normal().string() +
                           " (a relative path is read from the project folder --dir)");
    return p.lexically_normal();
}

}  // namespace

Result<InitTarget> parse_init_target(const std::string& text) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        return usage_error("--target " + text + ": expected NAME=ADDRESS");
    InitTarget t;
    t.name = text.substr(0, eq);
    for (char c : t.name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return usage_error("--target " + text + ": the name may hold letters, digits, - and _ only");
    auto a = parse_address(text.substr(eq + 1));
    if (!a) return std::move(a).error().context("--target " + text);
    t.address = *a;
    return t;
}

Result<InitResult> make_manifest(const InitOptions& o) {
    if (o.targets.empty()) return usage_error("init: give at least one --target NAME=ADDRESS");
    if (o.reviewers.empty())
        return usage_error("init: give the reviewers who approve patches: --reviewer ADDRESS (repeatable)");
    if (!o.rpc.empty() && !o.state_file.empty()) return usage_error("init: give --rpc or --state, not both");
    const fs::path dir = fs::absolute(o.dir);
    InitResult r;
    r.path = (dir / "suture.toml").string();
    SUTURE_TRY(build, find_build(dir));
    r.found.push_back("build: " + build.path + " (" + build.format + ")");
    std::optional<fs::path> poc;
    if (!o.poc.empty()) {
        SUTURE_TRY(p, in_dir(dir, o.poc, "--poc"));
        poc = std::move(p);
    }

    // The chain, and each target on it.
    std::string chain_line;
    uint64_t chain_id = o.chain_id.value_or(0);
    std::vector<std::optional<Inspected>> inspected(o.targets.size());
    if (!o.state_file.empty()) {
        SUTURE_TRY(state, in_dir(dir, o.state_file, "--state"));
        SUTURE_TRY(local, chain::load_state_file(state.string()));
        chain_id = local.block.chain_id.low64();
        chain_line = "state_file = " + toml_string(fs::relative(state, dir).string());
        verify::StateChainView view(local.accounts, local.block, local.revision);
        for (size_t i = 0; i < o.targets.size(); ++i) {
            SUTURE_TRY(in, inspect(view, uint64_t(local.block.number), o.targets[i], build));
            inspected[i] = std::move(in);
        }
    } else if (!o.rpc.empty()) {
        chain::RpcClient rpc(o.rpc);
        SUTURE_TRY(id, rpc.chain_id());
        chain_id = id;
        SUTURE_TRY(block, rpc.block_number());
        chain_line = "rpc = " + toml_string(o.rpc);
        upgrade::RpcChainView view(rpc);
        for (size_t i = 0; i < o.targets.size(); ++i) {
            SUTURE_TRY(in, inspect(view, block, o.targets[i], build));
            inspected[i] = std::move(in);
        }
    } else {
        return usage_error("init: say where the chain is: --rpc URL or --state FILE (a `suture devnet` state file)");
    }
    r.found.push_back("chain: id " + std::to_string(chain_id) + " (" + chain_line + ")");

    std::string t = "# suture.toml: the patch manifest; every key is described in docs/manifest.md.\n"
                    "# Written by `suture init`: review every value before running `suture run`.\n\n"
                    "# The ledger: gate runs, approvals and deploy steps, hash-chained.\n"
                    "ledger = \"suture.ledger\"\n\n"
                    "# Where the chain is: a JSON-RPC node (rpc) or a local state file (state_file).\n"
                    "[chains.chain]\n"
                    "chain_id = " + std::to_string(chain_id) + "\n" + chain_line + "\n";
    std::optional<std::string> old_contract = o.old_contract.empty() ? std::nullopt : std::optional(o.old_contract);
    for (size_t i = 0; i < o.targets.size(); ++i) {
        const auto& tg = o.targets[i];
        const auto& in = *inspected[i];
        const std::string kind = upgrade::proxy_pattern_name(in.info.kind);
        t += "\n# Found on chain: " + kind + (in.info.implementation ? ", implementation " + to_checksum(*in.info.implementation) : "");
        for (const auto& a : in.info.authorities)
            t += ", " + a.relation + " " + to_checksum(a.address) + " (" + upgrade::authority_kind_name(a.kind) + ")";
        t += ".\n[targets." + tg.name + "]\nchain = \"chain\"\naddress = \"" + to_checksum(tg.address) + "\"\n";
        t += "proxy = \"" + kind + "\"\n";
        t += "route = \"" + route_for(in.info) + "\"  # direct, proxy-admin, uups, beacon, diamond, timelock, safe\n";
        if (auto admin = admin_for(in.info)) t += "admin = \"" + to_checksum(*admin) + "\"  # deploys and upgrades\n";
        r.found.push_back("target " + tg.name + ": " + kind + " proxy, route " + route_for(in.info) +
                          (in.live_contract ? ", live code is " + *in.live_contract : ", " + in.match_note));
        if (i == 0 && !old_contract && in.live_contract) old_contract = in.live_contract;
    }
    if (!old_contract)
        return input_error("init: no contract of " + build.path + " matches the code live behind --target " +
                           o.targets[0].name + " (" + (*inspected[0]).match_note + "); name it with --old CONTRACT");
    const std::string new_contract = o.new_contract.empty() ? *old_contract : o.new_contract;
    const unsigned threshold = o.threshold.value_or(majority(o.reviewers.size()));
    std::string reviewers;
    for (const auto& a : o.reviewers) reviewers += (reviewers.empty() ? "" : ", ") + toml_string(to_checksum(a));

    t += "\n# Compiled code as your toolchain made it.\n[builds.main]\npath = " + toml_string(build.path) +
         "\nformat = \"" + build.format + "\"\n";
    t += "\n# The patch: the contract live now (old) and the one that replaces it (new).\n[patch]\n"
         "name = \"" + o.targets[0].name + "-fix\"\ntarget = \"" + o.targets[0].name + "\"\n"
         "old = { build = \"main\", contract = " + toml_string(*old_contract) + " }" +
         (o.old_contract.empty() ? "  # its runtime code is the code live behind the target" : "") + "\n"
         "new = { build = \"main\", contract = " + toml_string(new_contract) + " }" +
         (o.new_contract.empty() ? "  # set this to the fixed contract" : "") + "\n" +
         (!poc ? std::string("# poc = \"exploit.json\"                        ")
              : "poc = " + toml_string(fs::relative(*poc, dir).string()) + "  ") +
         "# the exploit gate's PoC: a transaction list (docs/exploit-gate.md)\n"
         "# replay = { from_block = 1, to_block = 2 }    # blocks replayed against old and new code\n"
         "# fuzz = { runs = 10000, depth = 20 }          # differential fuzzing budget\n"
         "# invariants = [\"invariant_solvent()\"]\n";
    t += "\n# Who must approve: EIP-191 signatures over the patch digest.\n[policy]\nreviewers = [" + reviewers +
         "]\nthreshold = " + std::to_string(threshold) + "\n"
         "# A finding code that may be allowed, by how many reviewers, and why:\n"
         "# [[policy.allow]]\n# code = \"layout-renamed\"\n# reviewers = 2\n# reason = \"the variable is renamed on purpose\"\n";
    t += "\n# How to deploy.\n[deploy]\nconfirmations = 1\n"
         "# initializer = { function = \"initializeV2(uint256)\", args = [\"5\"] }  # called with the upgrade\n";
    r.text = std::move(t);
    return r;
}

Result<InitResult> init_manifest(const InitOptions& o, bool force) {
    SUTURE_TRY(r, make_manifest(o));
    std::error_code ec;
    if (!force && fs::exists(r.path, ec))
        return usage_error("init: " + r.path + " already exists (--force replaces it)");
    // Check that it loads before it replaces anything: a temporary file
    // beside it (relative paths resolve from the same folder).
    const std::string probe = r.path + ".init-check";
    SUTURE_CHECK(write_file_atomically(probe, as_view(r.text)));
    auto loaded = load_manifest(probe);
    fs::remove(probe, ec);
    if (!loaded) return Error{ErrorKind::internal, "init: the manifest made does not load: " + loaded.error().message};
    SUTURE_CHECK(write_file_atomically(r.path, as_view(r.text)));
    return r;
}

}  // namespace suture::pipeline
