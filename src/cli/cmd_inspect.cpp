// `suture inspect ADDRESS --rpc URL`: proxy kind, implementation(s), who may
// upgrade (and what that is), owner() and paused().
#include <iostream>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/rpc_options.hpp"
#include "report/proxy_render.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_json.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::cli {
namespace {

struct InspectArgs {
    std::string address, rpc;
    int64_t block = -1;
};

Result<int> run(const InspectArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(address, parse_address(a.address));
    chain::RpcClient rpc(a.rpc, rpc_options());
    upgrade::RpcChainView view(rpc, a.block < 0 ? chain::BlockTag::latest() : chain::BlockTag::number(uint64_t(a.block)));
    SUTURE_TRY(info, upgrade::inspect_proxy(view, address));
    if (g.json)
        std::cout << upgrade::to_json(info).dump(2) << "\n";
    else
        std::cout << report::inspect_text(info);
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
