// The chain state the monitor's invariant and slot detectors read at every
// block, fetched for a whole run of blocks in one JSON-RPC batch.
//
// The reads a detector makes do not depend on what it reads (an invariant is
// one view call, a slot detector a fixed list of slots and owner()), so they
// are learnt once by running the detectors over a ReadRecorder, then fetched
// at each block of a run (fetch_state_reads) and served by a StateAtBlock,
// which the same check_invariant / read_slots code reads as any ChainView.
// A read that was not fetched goes to the node, so the answers never depend
// on the recording being complete.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::respond {

// One read: a storage slot, or a static call with `data`.
struct StateRead {
    enum class Kind { storage, call } kind = Kind::storage;
    Address account;
    Bytes32 slot{};
    Bytes data;
    auto key() const { return std::tie(kind, account, slot, data); }
    bool operator<(const StateRead& o) const { return key() < o.key(); }
};

// A ChainView that notes the storage reads and calls made through it and
// answers each with zeros (calls: empty output). code() and logs() are not
// batched: unsupported.
class ReadRecorder : public upgrade::ChainView {
public:
    Result<Bytes> code(const Address& account) override;
    Result<Bytes32> storage(const Address& account, const Bytes32& slot) override;
    Result<upgrade::StaticCallResult> call(const Address& to, BytesView data) override;
    Result<std::vector<upgrade::LogEntry>> logs(const Address& emitter, const Bytes32& topic0) override;

    // Each distinct read once, in the order first made.
    const std::vector<StateRead>& reads() const { return reads_; }

private:
    void note(StateRead r);
    std::vector<StateRead> reads_;
};

// The state at one block: the fetched answers, and the node for the rest.
class StateAtBlock : public upgrade::ChainView {
public:
    StateAtBlock(chain::RpcClient& rpc, uint64_t block);

    Result<Bytes> code(const Address& account) override;
    Result<Bytes32> storage(const Address& account, const Bytes32& slot) override;
    Result<upgrade::StaticCallResult> call(const Address& to, BytesView data) override;
    Result<std::vector<upgrade::LogEntry>> logs(const Address& emitter, const Bytes32& topic0) override;

    uint64_t block() const { return block_; }
    // The answer to `read` (a node failure for this read is an error value).
    void set(StateRead read, Result<upgrade::StaticCallResult> answer);

private:
    uint64_t block_;
    upgrade::RpcChainView node_;
    // Storage answers are 32 bytes in `output`.
    std::map<StateRead, Result<upgrade::StaticCallResult>> answers_;
};

// `reads` at each of `blocks`, in one batch (none when `reads` is empty: the
// views then only forward to the node). Views in the order of `blocks`.
Result<std::vector<std::unique_ptr<StateAtBlock>>> fetch_state_reads(chain::RpcClient& rpc,
                                                                     const std::vector<StateRead>& reads,
                                                                     const std::vector<uint64_t>& blocks);

}  // namespace suture::respond
