// `suture check`: upgrade safety of a new implementation against the old one.
// Argument parsing, one library call (upgrade/check_gate.hpp), rendering (report/).
#include <iostream>
#include <optional>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/rpc_options.hpp"
#include "report/check_render.hpp"
#include "solidity/load.hpp"
#include "upgrade/check_gate.hpp"
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

// The process ends once the reports are printed: the DOM of a large build
// (hundreds of thousands of nodes) goes back to the OS at exit instead of being
// freed node by node, which was a fifth of the run on all of OpenZeppelin.
// Reachable from a static, so leak checkers do not report it.
void keep_until_exit(std::vector<solidity::BuildSet>&& builds) {
    static auto* kept = new std::vector<solidity::BuildSet>();
    for (auto& b : builds) kept->push_back(std::move(b));
}

Result<int> run(const CheckArgs& a, const GlobalOptions& g) {
    upgrade::CheckRequest req;
    SUTURE_TRY(format, parse_format(a.format));
    SUTURE_TRY(proxy, parse_proxy(a.proxy));
    req.load = {format, a.source_root};
    req.new_build = a.new_build;
    req.new_contract = a.new_contract;
    req.old_build = a.old_build;
    req.old_contract = a.old_contract;
    req.check.proxy = proxy;
    req.check.execute = !a.no_execute;
    req.facets = a.facets;
    req.select = a.all ? upgrade::BuildSelection::all : upgrade::BuildSelection::upgradeable;
    // --old-address: the old version is the code live there, read at --block.
    std::optional<chain::RpcClient> rpc;
    std::optional<upgrade::RpcChainView> view;
    const auto& d = a.deployed;
    if (!d.address.empty()) {
        if (d.rpc.empty()) return usage_error("--old-address needs --rpc URL");
        SUTURE_TRY(address, parse_address(d.address));
        rpc.emplace(d.rpc, rpc_options());
        uint64_t block = uint64_t(d.block);
        if (d.block < 0) {
            SUTURE_TRY(latest, rpc->block_number());
            block = latest;
        }
        view.emplace(*rpc, chain::BlockTag::number(block));
        req.live = upgrade::LiveReference{address, &*view, block, d.no_source_ok};
    }
    SUTURE_TRY(result, upgrade::run_check_gate(req));
    if (!a.sarif.empty())
        SUTURE_CHECK(report::write_json_file(a.sarif, report::check_sarif(result, SUTURE_VERSION), "SARIF file"));
    if (g.json)
        std::cout << report::check_json(result).dump(2) << "\n";
    else
        std::cout << report::check_text(result);
    int exit = result.passed() ? 0 : 1;
    keep_until_exit(std::move(result.builds));
    return exit;
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
    add_rpc_limit_options(cmd);
    cmd->add_option("--block", a->deployed.block, "Block to read --old-address at (default: latest)")
        ->check(block_number());
    cmd->add_flag("--no-source-ok", a->deployed.no_source_ok,
                  "When the live code matches no contract: check against its bytecode alone instead of failing");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
