// The chain a patch's target lives on, as the gates read it: the manifest's
// local state file loaded into memory, or a fork of its RPC node at the latest
// block (read lazily); its rules from the manifest, the chain's schedule, or
// (a chain without one) the node's own answer (anvil_nodeInfo). Gates run on overlays of it and never write it; only
// the state-file deploy (state_deploy.hpp) commits, to the file.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "chain/fork_backend.hpp"
#include "chain/state_file.hpp"
#include "core/result.hpp"
#include "pipeline/manifest.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::pipeline {

class TargetChain {
public:
    // Opens the target's chain and inspects the target (proxy kind,
    // implementation, admin). An RPC error is a chain error.
    static Result<std::unique_ptr<TargetChain>> open(const Manifest& m);

    const TargetConfig& target() const { return *target_; }
    const ChainConfig& chain() const { return *chain_; }
    evm::StateBackend& state();
    // The block the gates execute in: the one after the latest.
    const evm::BlockEnv& block() const { return block_; }
    evm::Revision revision() const { return revision_; }
    // Which rules and why ("Prague (chain 1 at block time ...)"), for output.
    const std::string& rules() const { return rules_; }
    bool is_state_file() const { return local_.has_value(); }
    chain::LocalState* local() { return local_ ? &*local_ : nullptr; }

    // The target as inspected, and the runtime code an upgrade replaces: the
    // implementation's (a proxy) or the target's own (no proxy).
    const upgrade::ProxyInfo& proxy() const { return proxy_; }
    const Address& old_code_address() const { return old_code_address_; }
    const Bytes& old_code() const { return old_code_; }
    const Bytes32& old_code_hash() const { return old_code_hash_; }

private:
    TargetChain() = default;
    Status inspect();

    const TargetConfig* target_ = nullptr;
    const ChainConfig* chain_ = nullptr;
    std::optional<chain::LocalState> local_;
    std::unique_ptr<chain::ForkBackend> fork_;
    evm::BlockEnv block_;
    evm::Revision revision_ = evm::Revision::cancun;
    std::string rules_;
    upgrade::ProxyInfo proxy_;
    Address old_code_address_;
    Bytes old_code_;
    Bytes32 old_code_hash_{};
};

}  // namespace suture::pipeline
