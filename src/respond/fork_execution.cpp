#include "respond/fork_execution.hpp"

#include "verify/state_chain_view.hpp"

namespace suture::respond {

ForkExecution::~ForkExecution() = default;

Result<std::unique_ptr<ForkExecution>> ForkExecution::open(const std::string& rpc_url, uint64_t block,
                                                           bool next_block, evm::Revision rev) {
    chain::ForkOptions o;
    o.rpc_url = rpc_url;
    o.block = block;
    SUTURE_TRY(fork, chain::ForkBackend::open(o));
    std::unique_ptr<ForkExecution> x(new ForkExecution());
    x->fork_ = std::move(fork);
    x->state_ = std::make_unique<evm::OverlayBackend>(*x->fork_);
    x->rev_ = rev;
    x->block_ = block;
    x->env_ = x->fork_->block_env();
    if (next_block) {
        x->env_.number += 1;
        x->env_.timestamp += 1;  // the earliest the next block can be
    }
    x->view_ = std::make_unique<verify::StateChainView>(*x->state_, x->env_, rev);
    return x;
}

void ForkExecution::set_env(const evm::BlockEnv& env) {
    auto hashes = env_.block_hashes;
    env_ = env;
    if (!env_.block_hashes) env_.block_hashes = std::move(hashes);
}

Status ForkExecution::execute(const evm::Transaction& tx, TxTrace& out) {
    FrameRecorder recorder;
    evm::ExecOptions options;
    options.inspector = &recorder;
    SUTURE_TRY(outcome, evm::execute_transaction(*state_, rev_, env_, tx, options));
    if (auto e = fork_->deferred_error()) return *e;
    state_->apply(outcome.diff);
    out.success = outcome.receipt.status == evm::StatusCode::success;
    out.logs.clear();
    uint64_t index = 0;
    for (auto& l : outcome.receipt.logs) out.logs.push_back({l.address, l.topics, l.data, index++});
    out.frames = recorder.take();
    out.traced = true;
    return {};
}

upgrade::ChainView& ForkExecution::view() { return *view_; }

}  // namespace suture::respond
