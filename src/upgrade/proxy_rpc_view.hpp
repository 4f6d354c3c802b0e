// ChainView over a JSON-RPC node (chain::RpcClient), pinned to one block tag.
#pragma once

#include "chain/rpc_client.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::upgrade {

class RpcChainView : public ChainView {
public:
    explicit RpcChainView(chain::RpcClient& rpc, chain::BlockTag tag = chain::BlockTag::latest())
        : rpc_(rpc), tag_(std::move(tag)) {}

    Result<Bytes> code(const Address& account) override;
    Result<Bytes32> storage(const Address& account, const Bytes32& slot) override;
    Result<StaticCallResult> call(const Address& to, BytesView data) override;
    // eth_getLogs from block 0 to the view's block.
    Result<std::vector<LogEntry>> logs(const Address& emitter, const Bytes32& topic0) override;

private:
    chain::RpcClient& rpc_;
    chain::BlockTag tag_;
};

}  // namespace suture::upgrade
