// The Host the interpreter sees during a transaction: evm::Host over evm::State.
//
// call() runs nested frames: the depth limit, value transfer, precompiles,
// CREATE/CREATE2 addresses and collisions, code deposit rules, and the
// snapshot that undoes a failed frame. The interpreter charges the gas of the
// calling instruction; the host returns what the frame did not use.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "evm/host.hpp"
#include "evm/state.hpp"

namespace suture::evm {

class Tracer;
class AnalysisCache;
class CallInspector;

// Optional services for a run: a step tracer, a code-analysis cache shared
// between runs (keyed by code hash; thread-safe), and a call inspector
// (evm/call_inspector.hpp) that sees every frame, log and storage access.
struct ExecOptions {
    Tracer* tracer = nullptr;
    AnalysisCache* analysis = nullptr;
    CallInspector* inspector = nullptr;
    // Largest deployable code; 0: EIP-170's 24576 bytes (and EIP-3860's
    // initcode limit, twice that). Foundry tests lift both.
    size_t code_size_limit = 0;
};

// BLOCKHASH source: the hash of block `number` (already within the last 256).
using BlockHashFn = std::function<Bytes32(int64_t number)>;

class StateHost final : public Host {
public:
    StateHost(State& state, const TxContext& ctx, BlockHashFn block_hashes, const ExecOptions& options = {})
        : state_(state), rev_(state.revision()), ctx_(ctx), block_hashes_(std::move(block_hashes)),
          options_(options) {}

    // Set when a frame called a precompile this build does not implement (KZG
    // point evaluation): the run's outcome is then meaningless and must be
    // reported as unsupported, never as a result.
    const std::optional<std::string>& unsupported() const { return unsupported_; }

    bool account_exists(const Address& addr) override;
    uint256 get_storage(const Address& addr, const uint256& key) override;
    StorageStatus set_storage(const Address& addr, const uint256& key, const uint256& value) override;
    uint256 get_balance(const Address& addr) override;
    size_t get_code_size(const Address& addr) override;
    Bytes32 get_code_hash(const Address& addr) override;
    size_t copy_code(const Address& addr, size_t offset, uint8_t* out, size_t size) override;
    bool selfdestruct(const Address& addr, const Address& beneficiary) override;
    ExecResult call(const Message& msg) override;
    const TxContext& tx_context() override { return ctx_; }
    Bytes32 block_hash(int64_t number) override;
    void emit_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) override;
    AccessStatus access_account(const Address& addr) override;
    AccessStatus access_storage(const Address& addr, const uint256& key) override;
    uint256 get_transient_storage(const Address& addr, const uint256& key) override;
    void set_transient_storage(const Address& addr, const uint256& key, const uint256& value) override;
    uint64_t max_initcode_size() override;
    std::optional<Address> delegation_target(const Address& addr) override;

private:
    ExecResult inspected_call(const Message& msg);
    ExecResult call_frame(const Message& msg);
    ExecResult create_frame(const Message& msg);

    State& state_;
    Revision rev_;
    const TxContext& ctx_;
    BlockHashFn block_hashes_;
    ExecOptions options_;
    std::optional<std::string> unsupported_;
};

// The address CREATE gives a contract made by `sender` at `nonce`:
// keccak256(rlp([sender, nonce]))[12:].
Address create_address(const Address& sender, uint64_t nonce);
// EIP-1014: keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:].
Address create2_address(const Address& sender, const Bytes32& salt, BytesView initcode);

}  // namespace suture::evm
