#include "pipeline/target_chain.hpp"

#include "chain/chain_forks.hpp"
#include "chain/devnet.hpp"
#include "core/keccak.hpp"
#include "upgrade/proxy_detect.hpp"
#include "verify/state_chain_view.hpp"

namespace suture::pipeline {

Result<std::unique_ptr<TargetChain>> TargetChain::open(const Manifest& m) {
    std::unique_ptr<TargetChain> t(new TargetChain());
    t->target_ = m.target(m.patch.target);
    if (!t->target_) return input_error(m.path + ": patch.target: no target '" + m.patch.target + "'");
    t->chain_ = m.chain(t->target_->chain);
    if (!t->chain_) return input_error(m.path + ": targets." + t->target_->name + ".chain: no chain '" + t->target_->chain + "'");
    if (!t->chain_->state_file.empty()) {
        SUTURE_TRY(local, chain::load_state_file(t->chain_->state_file));
        t->local_.emplace(std::move(local));
        t->revision_ = t->chain_->hardfork.value_or(t->local_->revision);
        t->rules_ = std::string(evm::revision_name(t->revision_)) +
                    (t->chain_->hardfork ? " (chosen by the manifest)" : " (the state file's)");
        t->block_ = chain::next_block(t->local_->block);
    } else {
        chain::ForkOptions fo;
        fo.rpc_url = t->chain_->rpc;
        fo.block = t->chain_->block;
        auto fork = chain::ForkBackend::open(fo);
        if (!fork) return std::move(fork).error().context("chains." + t->chain_->name + ".rpc");
        t->fork_ = std::move(*fork);
        t->block_ = chain::next_block(t->fork_->block_env());
        // A chain without a known schedule and no manifest choice: ask the
        // node (anvil says which --hardfork it was started with).
        std::optional<evm::Revision> node_says;
        const uint64_t time = uint64_t(t->block_.timestamp);
        if (!t->chain_->hardfork && !chain::revision_for(t->fork_->chain_id(), time)) {
            chain::RpcClient rpc(t->chain_->rpc, fo.rpc);
            auto said = chain::node_hardfork(rpc);
            if (!said) return std::move(said).error().context("chains." + t->chain_->name + ".rpc: anvil_nodeInfo");
            node_says = *said;
        }
        const chain::ChosenRevision rules = chain::choose_revision(t->fork_->chain_id(), time, t->chain_->hardfork, node_says);
        t->revision_ = rules.revision;
        t->block_.blob_schedule = rules.blob_schedule;
        t->rules_ = rules.why;
    }
    if (t->block_.chain_id != uint256(t->chain_->chain_id))
        return input_error(m.path + ": chains." + t->chain_->name + ".chain_id is " + std::to_string(t->chain_->chain_id) +
                           " but the chain says " + t->block_.chain_id.to_dec());
    SUTURE_CHECK(t->inspect());
    return t;
}

evm::StateBackend& TargetChain::state() {
    if (local_) return local_->accounts;
    return *fork_;
}

Status TargetChain::inspect() {
    verify::StateChainView view(state(), block_, revision_);
    auto info = upgrade::inspect_proxy(view, target_->address);
    if (!info) return std::move(info).error().context("targets." + target_->name);
    proxy_ = std::move(*info);
    if (!proxy_.has_code)
        return input_error("targets." + target_->name + ": " + to_checksum(target_->address) + " has no code on chain " +
                           chain_->name);
    old_code_address_ = proxy_.implementation ? *proxy_.implementation : target_->address;
    SUTURE_TRY(code, view.code(old_code_address_));
    old_code_ = std::move(code);
    old_code_hash_ = keccak256(old_code_);
    return {};
}

}  // namespace suture::pipeline
