// `suture inspect ADDRESS --rpc URL`: proxy kind, implementation(s), who may
// upgrade (and what that is), owner() and paused().
#include <iostream>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/rpc_options.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_json.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::cli {
namespace {

struct InspectArgs {
    std::string address, rpc;
    int64_t block = -1;
};

const char* describe(upgrade::ProxyPattern k) {
    using upgrade::ProxyPattern;
    switch (k) {
    case ProxyPattern::transparent: return "transparent proxy (EIP-1967, admin slot set)";
    case ProxyPattern::uups: return "UUPS proxy (EIP-1967 slot, EIP-1822 proxiableUUID on the implementation)";
    case ProxyPattern::eip1967: return "EIP-1967 proxy (no admin slot, implementation not UUPS)";
    case ProxyPattern::beacon: return "beacon proxy (EIP-1967 beacon slot)";
    case ProxyPattern::diamond: return "EIP-2535 diamond";
    case ProxyPattern::minimal: return "EIP-1167 minimal proxy (clone; not upgradeable)";
    case ProxyPattern::zos: return "ZeppelinOS proxy (org.zeppelinos.proxy.* slots, pre-EIP-1967)";
    case ProxyPattern::eip1822: return "EIP-1822 proxy (PROXIABLE slot)";
    case ProxyPattern::safe: return "Safe proxy (singleton in slot 0)";
    case ProxyPattern::none: return "not a proxy";
    }
    return "not a proxy";
}

void print_authority(const upgrade::Authority& a) {
    std::cout << "  " << a.relation << ": " << to_checksum(a.address) << " (" << upgrade::authority_kind_name(a.kind);
    if (!a.version.empty()) std::cout << " " << a.version;
    std::cout << ")\n";
    if (a.min_delay) std::cout << "    min delay: " << *a.min_delay << " s\n";
    for (const auto& r : a.roles) std::cout << "    " << r.role << ": " << to_checksum(r.account) << "\n";
    if (a.kind == upgrade::AuthorityKind::timelock && !a.roles_complete)
        std::cout << "    roles: unknown (the node gave no logs)\n";
    if (a.threshold) {
        std::cout << "    threshold: " << *a.threshold << " of " << a.owners.size() << "\n";
        for (const auto& o : a.owners) std::cout << "    owner: " << to_checksum(o) << "\n";
    }
}

void print_text(const upgrade::ProxyInfo& info) {
    std::cout << to_checksum(info.address) << ": ";
    if (!info.has_code) {
        std::cout << "no code (an externally owned account or an empty address): not a proxy\n";
        return;
    }
    std::cout << describe(info.kind) << "\n";
    if (info.implementation)
        std::cout << "  " << (info.kind == upgrade::ProxyPattern::minimal ? "target" : "implementation") << ": "
                  << to_checksum(*info.implementation) << "\n";
    if (info.beacon) std::cout << "  beacon: " << to_checksum(*info.beacon) << "\n";
    if (info.uups_version) std::cout << "  UPGRADE_INTERFACE_VERSION: " << *info.uups_version << "\n";
    for (const auto& f : info.facets) {
        std::cout << "  facet " << to_checksum(f.address) << ":";
        for (auto s : f.selectors) std::cout << " " << upgrade::selector_hex(s);
        std::cout << "\n";
    }
    for (const auto& a : info.authorities) print_authority(a);
    if (info.owner) std::cout << "  owner(): " << to_checksum(*info.owner) << "\n";
    if (info.paused) std::cout << "  paused(): " << (*info.paused ? "true" : "false") << "\n";
}

Result<int> run(const InspectArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(address, parse_address(a.address));
    chain::RpcClient rpc(a.rpc, rpc_options());
    upgrade::RpcChainView view(rpc, a.block < 0 ? chain::BlockTag::latest() : chain::BlockTag::number(uint64_t(a.block)));
    SUTURE_TRY(info, upgrade::inspect_proxy(view, address));
    if (g.json)
        std::cout << upgrade::to_json(info).dump(2) << "\n";
    else
        print_text(info);
    return 0;
}

Register reg("inspect", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("inspect", "Proxy kind, implementation, admin path, owner() and paused() of a contract");
    auto a = std::make_shared<InspectArgs>();
    cmd->add_option("address", a->address, "Contract address (0x...)")->required();
    add_rpc_option(cmd, a->rpc);
    cmd->add_option("--block", a->block, "Block number to read at (default: latest)")->check(block_number());
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
