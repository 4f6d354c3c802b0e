#include "demo/demo_chain.hpp"

#include <filesystem>

#include "chain/devnet.hpp"
#include "chain/state_file.hpp"

namespace suture::demo {

Result<DemoChain> open_demo_chain(const std::string& rpc_url, const std::string& dir, const std::vector<Address>& fund,
                                  const uint256& balance) {
    DemoChain c;
    if (rpc_url.empty()) {
        const std::string path = (std::filesystem::absolute(dir) / "chain.state").lexically_normal().string();
        chain::DevnetOptions o;
        o.accounts = 0;
        SUTURE_TRY(state, chain::new_devnet(o));
        SUTURE_CHECK(chain::save_state_file(path, state));
        c.url = "state:" + path;
        c.embedded = true;
    } else {
        c.url = rpc_url;
    }
    c.rpc = std::make_unique<chain::RpcClient>(c.url);
    SUTURE_TRY(id, c.rpc->chain_id());
    c.chain_id = id;
    for (const auto& a : fund) SUTURE_CHECK(c.rpc->anvil_set_balance(a, balance));
    return c;
}

Result<uint64_t> advance_time(chain::RpcClient& rpc, uint64_t seconds) {
    SUTURE_CHECK(rpc.evm_increase_time(seconds));
    SUTURE_CHECK(rpc.evm_mine());
    SUTURE_TRY(head, rpc.get_block_by_number(chain::BlockTag::latest()));
    if (!head) return chain_error("advance time: the node has no latest block");
    return head->timestamp;
}

}  // namespace suture::demo
