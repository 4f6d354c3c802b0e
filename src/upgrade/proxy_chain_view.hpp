// The read-only window onto chain state that proxy inspection needs.
//
// Inspection never talks to a node directly: it reads code, storage, static
// calls and logs through this interface, which the JSON-RPC client implements
// (RpcChainView, proxy_rpc_view.hpp) and which a local state file or a fork can
// implement as well. Implementations report failures as Errors (kind chain for
// a node problem); a call that reverts is a value, not an error.
#pragma once

#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::upgrade {

struct StaticCallResult {
    bool reverted = false;
    Bytes output;  // return data, or revert data when reverted
};

struct LogEntry {
    Address address;
    std::vector<Bytes32> topics;
    Bytes data;
    uint64_t block_number = 0;
    uint64_t log_index = 0;
};

class ChainView {
public:
    virtual ~ChainView() = default;

    virtual Result<Bytes> code(const Address& account) = 0;
    virtual Result<Bytes32> storage(const Address& account, const Bytes32& slot) = 0;
    // A call with no value from the zero address, at the view's block.
    virtual Result<StaticCallResult> call(const Address& to, BytesView data) = 0;
    // Every log emitted by `emitter` with first topic `topic0`, oldest first.
    // A backend without logs returns an `unsupported` error; callers degrade.
    virtual Result<std::vector<LogEntry>> logs(const Address& emitter, const Bytes32& topic0) = 0;
};

}  // namespace suture::upgrade
