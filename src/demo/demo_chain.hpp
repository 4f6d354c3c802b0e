// The chain `suture demo` runs on, reached only through chain::RpcClient, so
// the same steps run on a node given with --rpc (a dev node such as anvil:
// the demo funds its keys with anvil_setBalance and moves the clock with
// evm_increaseTime) and on the embedded default: the in-process node over a
// fresh state file in the work dir (URL "state:PATH", chain/devnode), with
// no external process and no network.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::demo {

struct DemoChain {
    std::string url;        // what the manifest names: http(s)://... or state:PATH
    bool embedded = false;  // the in-process node over a state file
    std::unique_ptr<chain::RpcClient> rpc;
    uint64_t chain_id = 0;
};

// `rpc_url` empty: a fresh state file `dir`/chain.state (an existing one is
// replaced) behind the in-process node. Then each of `fund` is given
// `balance` wei (anvil_setBalance). A node that does not answer, or refuses
// anvil_setBalance, is a chain error naming it.
Result<DemoChain> open_demo_chain(const std::string& rpc_url, const std::string& dir, const std::vector<Address>& fund,
                                  const uint256& balance);

// Moves the chain's clock forward by `seconds` and mines a block
// (evm_increaseTime, evm_mine); returns the new head's timestamp.
Result<uint64_t> advance_time(chain::RpcClient& rpc, uint64_t seconds);

}  // namespace suture::demo
