// `suture check`: upgrade safety of a new implementation against the old one.
#include <fstream>
#include <iostream>

#include "chain/rpc_client.hpp"
#include "cli/check_whole_build.hpp"
#include "cli/command.hpp"
#include "solidity/load.hpp"
#include "upgrade/check.hpp"
#include "upgrade/check_output.hpp"
#include "upgrade/deployed_match.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::cli {
namespace {

// --old-address: the old version is the code live at an address.
struct DeployedRefArgs {
    std::string address, rpc;
    int64_t block = -1;
    bool no_source_ok = false;
};

struct CheckArgs {
    DeployedRefArgs deployed;
    std::string old_build, old_contract, new_build, new_contract, sarif, proxy = "auto", format = "auto", source_root;
    std::vector<std::string> facets;
    bool all = false;  // whole-build mode: every contract, not only upgradeable ones
    bool no_execute = false;  // skip the executed checks (upgrade/executed_checks.hpp)
};

Result<solidity::LoadFormat> parse_format(const std::string& f) {
    if (f == "auto") return solidity::LoadFormat::automatic;
    if (f == "solc") return solidity::LoadFormat::solc;
    if (f == "build-info" || f == "hardhat") return solidity::LoadFormat::build_info;
    if (f == "foundry") return solidity::LoadFormat::foundry_artifacts;
    return usage_error("--format: expected auto, solc, build-info or foundry, got \"" + f + "\"");
}

Result<upgrade::ProxyKind> parse_proxy(const std::string& p) {
    if (p == "auto") return upgrade::ProxyKind::automatic;
    if (p == "transparent") return upgrade::ProxyKind::transparent;
    if (p == "uups") return upgrade::ProxyKind::uups;
    if (p == "beacon") return upgrade::ProxyKind::beacon;
    if (p == "diamond") return upgrade::ProxyKind::diamond;
    return usage_error("--proxy: expected auto, transparent, uups, beacon or diamond, got \"" + p + "\"");
}

struct DeployedCheck {
    upgrade::CheckReport report;
    nlohmann::json deployed;
};

// Reads the code at --old-address (its implementation for a proxy), finds the
// contract of --old (else --new) that it runs, and checks the upgrade from it.
Result<DeployedCheck> check_deployed(const CheckArgs& a, const solidity::BuildSet& new_set,
                                     const solidity::ContractRef& new_ref, const solidity::LoadOptions& lo,
                                     const upgrade::CheckOptions& opt) {
    const auto& d = a.deployed;
    if (d.rpc.empty()) return usage_error("--old-address needs --rpc URL");
    SUTURE_TRY(address, parse_address(d.address));
    chain::RpcClient rpc(d.rpc);
    uint64_t block = uint64_t(d.block);
    if (d.block < 0) {
        SUTURE_TRY(latest, rpc.block_number());
        block = latest;
    }
    upgrade::RpcChainView view(rpc, chain::BlockTag::number(block));
    SUTURE_TRY(code, upgrade::fetch_deployed_code(view, address, block));
    std::optional<solidity::BuildSet> old_set;
    if (!a.old_build.empty() && a.old_build != a.new_build) {
        SUTURE_TRY(set, solidity::load_build(a.old_build, lo));
        old_set = std::move(set);
    }
    upgrade::MatchOptions mo;
    mo.contract = a.old_contract;
    mo.allow_unmatched = d.no_source_ok;
    SUTURE_TRY(ref, upgrade::match_deployed(std::move(code), old_set ? *old_set : new_set, mo));
    SUTURE_TRY(report, upgrade::check_against_deployed(ref, new_ref, opt));
    return DeployedCheck{std::move(report), upgrade::deployed_json(ref)};
}

Result<int> run(const CheckArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(format, parse_format(a.format));
    SUTURE_TRY(proxy, parse_proxy(a.proxy));
    solidity::LoadOptions lo{format, a.source_root};
    SUTURE_TRY(new_set, solidity::load_build(a.new_build, lo));
    if (a.new_contract.empty()) {  // the whole build, as OpenZeppelin's `validate` (upgrade/check_build.hpp)
        if (!a.old_contract.empty()) return usage_error("--old-contract needs --new-contract NAME");
        if (!a.deployed.address.empty()) return usage_error("--old-address needs --new-contract NAME");
        upgrade::BuildCheckOptions bo;
        bo.check.proxy = proxy;
        bo.check.execute = !a.no_execute;
        bo.select = a.all ? upgrade::BuildSelection::all : upgrade::BuildSelection::upgradeable;
        std::optional<solidity::BuildSet> refs;
        if (!a.old_build.empty()) {
            SUTURE_TRY(set, solidity::load_build(a.old_build, lo));
            refs = std::move(set);
            bo.references = &*refs;
        }
        return check_whole_build(std::move(new_set), bo, a.sarif, g);
    }
    if (a.all) return usage_error("--all checks a whole build: drop --new-contract");
    SUTURE_TRY(new_ref, solidity::find_contract(new_set, a.new_contract));
    upgrade::CheckOptions opt;
    opt.proxy = proxy;
    opt.execute = !a.no_execute;
    for (const auto& f : a.facets) {
        SUTURE_TRY(ref, solidity::find_contract(new_set, f));
        opt.facets.push_back(ref);
    }
    upgrade::CheckReport report;
    std::optional<solidity::BuildSet> old_set;
    std::optional<nlohmann::json> deployed;
    if (!a.deployed.address.empty()) {
        SUTURE_TRY(r, check_deployed(a, new_set, new_ref, lo, opt));
        report = std::move(r.report);
        deployed = std::move(r.deployed);
    } else if (!a.old_build.empty()) {
        if (a.old_contract.empty()) return usage_error("--old needs --old-contract NAME");
        if (a.old_build != a.new_build) {  // one build holding both versions is loaded once
            SUTURE_TRY(set, solidity::load_build(a.old_build, lo));
            old_set = std::move(set);
        }
        SUTURE_TRY(old_ref, solidity::find_contract(old_set ? *old_set : new_set, a.old_contract));
        SUTURE_TRY(r, upgrade::check_upgrade(old_ref, new_ref, opt));
        report = std::move(r);
    } else {
        // Without an old build the check would silently be a single-contract one.
        if (!a.old_contract.empty()) return usage_error("--old-contract needs --old BUILD (or --old-address ADDR)");
        SUTURE_TRY(r, upgrade::check_implementation(new_ref, opt));
        report = std::move(r);
    }
    if (!a.sarif.empty()) {
        std::ofstream out(a.sarif);
        out << upgrade::report_sarif(report, SUTURE_VERSION).dump(2) << "\n";
        if (!out) return input_error(a.sarif + ": cannot write the SARIF file");
    }
    if (g.json) {
        auto j = upgrade::report_json(report);
        if (deployed) j["deployed"] = *deployed;
        std::cout << j.dump(2) << "\n";
    } else
        std::cout << upgrade::report_text(report);
    return has_errors(report.findings) ? 1 : 0;
}

Register reg("check", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("check", "Upgrade safety of a new implementation against the old one");
    auto a = std::make_shared<CheckArgs>();
    cmd->add_option("--old", a->old_build, "Old build: solc output, build-info (file or folder) or Foundry out/");
    cmd->add_option("--old-contract", a->old_contract, "Old contract name (or source:Name)");
    cmd->add_option("--new", a->new_build, "New build")->required();
    cmd->add_option("--new-contract", a->new_contract,
                    "New contract name (or source:Name). Without it, every upgradeable contract of --new is "
                    "checked, as `npx @openzeppelin/upgrades-core validate` does: non-abstract contracts with "
                    "@custom:oz-upgrades, inheriting Initializable or having upgradeTo/upgradeToAndCall, and those "
                    "with @custom:oz-upgrades-from REF, checked as an upgrade from REF (looked up in --old first)");
    cmd->add_flag("--all", a->all,
                  "Without --new-contract: check every contract (abstract ones included), not only upgradeable ones");
    cmd->add_option("--sarif", a->sarif, "Also write the findings as SARIF 2.1.0 to FILE");
    cmd->add_option("--proxy", a->proxy, "Proxy kind: auto, transparent, uups, beacon, diamond");
    cmd->add_option("--facet", a->facets, "Diamond facet in the new build checked for selector collisions");
    cmd->add_option("--format", a->format, "Artifact format: auto, solc, build-info, foundry");
    cmd->add_option("--source-root", a->source_root, "Folder to read sources from when artifacts lack them");
    cmd->add_flag("--no-execute", a->no_execute,
                  "Skip the executed checks (deploy the new implementation in the in-process EVM, call its "
                  "initializers, upgrade a proxy to it and twice, read storage back; docs/check-findings.md)");
    cmd->add_option("--old-address", a->deployed.address,
                    "Old version = the code live at this address (a proxy's implementation), matched against "
                    "--old (else --new); --old-contract then names the contract it must be");
    cmd->add_option("--rpc", a->deployed.rpc, "JSON-RPC endpoint for --old-address");
    cmd->add_option("--block", a->deployed.block, "Block to read --old-address at (default: latest)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--no-source-ok", a->deployed.no_source_ok,
                  "When the live code matches no contract: check against its bytecode alone instead of failing");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
