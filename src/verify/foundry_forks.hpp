// Forks a Foundry test creates with vm.createFork / createSelectFork /
// selectFork / rollFork: chain::ForkBackends opened on demand, and the
// backend switch the test contract's state sits on.
//
// The contract's state is an overlay over a ForkSwitch: what the deployment
// and setUp() wrote (the test contract, the sender, anything they touched)
// stays in the overlay and survives a fork switch, as forge keeps its
// persistent accounts; every other read goes to the selected fork. Forks are
// selected while the contract is set up (constructor, setUp()); the tests then
// share that state read-only, in parallel, so a test function may not switch.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/fork_backend.hpp"
#include "evm/state_backend.hpp"

namespace suture::verify::foundry {

// Reads from the selected fork, or from the run's base before any selection.
class ForkSwitch final : public evm::StateBackend {
public:
    explicit ForkSwitch(evm::StateBackend& base) : base_(base), active_(&base) {}
    Result<std::optional<evm::AccountInfo>> account(const Address& addr) override { return active_->account(addr); }
    Result<evm::CodePtr> code(const Bytes32& code_hash) override;
    Result<uint256> storage(const Address& addr, const uint256& key) override { return active_->storage(addr, key); }
    void select(evm::StateBackend* b) { active_ = b ? b : &base_; }

private:
    evm::StateBackend& base_;
    evm::StateBackend* active_;
};

struct ForkConfig {
    std::map<std::string, std::string> endpoints;  // foundry.toml [rpc_endpoints], ${VAR}s resolved
    chain::RpcOptions rpc;
};

class ForkSet {
public:
    ForkSet(ForkSwitch& sw, const ForkConfig& config) : switch_(sw), config_(config) {}

    // The errors name the cheatcode's problem as forge does ("invalid rpc url: mainnet").
    Result<uint64_t> create(const std::string& url_or_alias, std::optional<uint64_t> block);
    Result<evm::BlockEnv> select(uint64_t id);
    // Re-pins fork `id` (the active one when nullopt) at `block`.
    Result<evm::BlockEnv> roll(std::optional<uint64_t> id, uint64_t block);
    std::optional<uint64_t> active() const { return active_; }
    // After setUp(): the tests share the state, so no more switching.
    void lock() { locked_ = true; }
    bool locked() const { return locked_; }

private:
    struct Fork {
        std::string url;
        std::unique_ptr<chain::ForkBackend> backend;
    };
    ForkSwitch& switch_;
    const ForkConfig& config_;
    std::vector<Fork> forks_;
    std::optional<uint64_t> active_;
    bool locked_ = false;
};

}  // namespace suture::verify::foundry
