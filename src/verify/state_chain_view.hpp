// upgrade::ChainView over an in-process state (a fork, a state file, an
// overlay): proxy detection (upgrade/proxy_detect.hpp) runs on the state the
// gates run on, with view calls executed by the EVM and never committed.
#pragma once

#include "evm/revision.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::verify {

class StateChainView final : public upgrade::ChainView {
public:
    // `state` and `block` must outlive the view.
    StateChainView(evm::StateBackend& state, const evm::BlockEnv& block, evm::Revision rev)
        : state_(state), block_(block), rev_(rev) {}

    Result<Bytes> code(const Address& account) override;
    Result<Bytes32> storage(const Address& account, const Bytes32& slot) override;
    Result<upgrade::StaticCallResult> call(const Address& to, BytesView data) override;
    // An in-process state keeps no logs: unsupported (callers degrade).
    Result<std::vector<upgrade::LogEntry>> logs(const Address& emitter, const Bytes32& topic0) override;

private:
    evm::StateBackend& state_;
    const evm::BlockEnv& block_;
    evm::Revision rev_;
};

}  // namespace suture::verify
