// Executing transactions in the in-process EVM on a fork of a node's block,
// for the monitor: pre-execution of pending transactions (a fork of the
// latest block, the next block's context), and call frames for a node that
// cannot trace (a fork of the parent block, the block's own context).
//
// Each executed transaction is committed to the fork's overlay, so the next
// one runs after it, as in a block. The ForkBackend caches what it read, so
// the transactions of a round share the node's answers.
#pragma once

#include <memory>
#include <string>

#include "chain/fork_backend.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "respond/tx_trace.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::respond {

class ForkExecution {
public:
    // A fork of block `block` of the node at `rpc_url`. With `next_block`,
    // transactions run in the context of the block after it (number + 1, a
    // later timestamp, the same base fee): the pending case.
    static Result<std::unique_ptr<ForkExecution>> open(const std::string& rpc_url, uint64_t block, bool next_block,
                                                       evm::Revision rev = evm::Revision::cancun);

    // Replaces the block context (re-executing a mined block: its own env).
    void set_env(const evm::BlockEnv& env);

    // Executes and commits `tx`: its status, logs and frames in `out`
    // (hash, fields already filled by the caller). An error when the EVM
    // refuses it (invalid) or the node fails.
    Status execute(const evm::Transaction& tx, TxTrace& out);

    // A view of the fork's current state (view calls run, never committed).
    upgrade::ChainView& view();
    uint64_t block() const { return block_; }

    ~ForkExecution();

private:
    ForkExecution() = default;
    std::unique_ptr<chain::ForkBackend> fork_;
    std::unique_ptr<evm::OverlayBackend> state_;
    std::unique_ptr<upgrade::ChainView> view_;
    evm::BlockEnv env_;
    evm::Revision rev_ = evm::Revision::cancun;
    uint64_t block_ = 0;
};

}  // namespace suture::respond
