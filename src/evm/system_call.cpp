#include "evm/system_call.hpp"

#include "core/hex.hpp"

namespace suture::evm {
namespace {

constexpr int64_t kSystemCallGas = 30'000'000;

Address address_of(const char* hex) {
    Address a;
    const Bytes b = *from_hex(hex);
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

}  // namespace

const Address kSystemAddress = address_of("fffffffffffffffffffffffffffffffffffffffe");
const Address kHistoryStorageAddress = address_of("0000f90827f1c53a10cb7a02335b175320002935");

Bytes history_storage_code() {
    // EIP-2935: the contract answers a read of a block number in the window
    // and, called by SYSTEM_ADDRESS, stores calldata[0:32] at (number - 1) % 8191.
    return *from_hex(
        "3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257"
        "611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500");
}

Result<SystemCallResult> system_call(StateBackend& backend, Revision rev, const BlockEnv& block, const Address& to,
                                     BytesView input) {
    State state(backend, rev);
    TxContext ctx = block_context(block);
    ctx.origin = kSystemAddress;
    StateHost host(state, ctx, block.block_hashes);
    Message msg;
    msg.gas = kSystemCallGas;
    msg.recipient = msg.code_address = to;
    msg.sender = kSystemAddress;
    msg.input = input;
    ExecResult r = host.call(msg);
    if (host.unsupported()) return unsupported_error(*host.unsupported());
    if (state.error()) return *state.error();
    SystemCallResult out;
    out.status = r.status;
    out.output = std::move(r.output);
    out.diff = state.finalize();
    return out;
}

Result<StateDiff> store_parent_hash(StateBackend& backend, Revision rev, const BlockEnv& block,
                                    const Bytes32& parent_hash) {
    if (rev < Revision::prague || block.number <= 0) return StateDiff{};
    auto account = backend.account(kHistoryStorageAddress);
    if (!account) return std::move(account).error();
    if (!*account || (*account)->code_hash == kEmptyCodeHash) return StateDiff{};
    SUTURE_TRY(r, system_call(backend, rev, block, kHistoryStorageAddress, parent_hash));
    return std::move(r.diff);
}

}  // namespace suture::evm
