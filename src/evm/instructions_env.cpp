// Account queries, block hashes, blob hashes and logs.
#include "evm/instructions.hpp"

namespace suture::evm {

StatusCode op_balance(Frame& f, uint256* sp) {
    const Address addr = to_address(sp[-1]);
    if (!charge_account_access(f, f.gas, addr)) return StatusCode::out_of_gas;
    sp[-1] = f.host.get_balance(addr);
    return StatusCode::success;
}

StatusCode op_extcodesize(Frame& f, uint256* sp) {
    const Address addr = to_address(sp[-1]);
    if (!charge_account_access(f, f.gas, addr)) return StatusCode::out_of_gas;
    sp[-1] = uint64_t(f.host.get_code_size(addr));
    return StatusCode::success;
}

// EIP-1052: zero for non-existent (EIP-161 empty) accounts; the host knows which.
StatusCode op_extcodehash(Frame& f, uint256* sp) {
    const Address addr = to_address(sp[-1]);
    if (!charge_account_access(f, f.gas, addr)) return StatusCode::out_of_gas;
    sp[-1] = uint256::from_bytes32(f.host.get_code_hash(addr));
    return StatusCode::success;
}

// Only the 256 most recent complete blocks are visible; anything else is 0.
StatusCode op_blockhash(Frame& f, uint256* sp) {
    const uint256 n = sp[-1];
    const int64_t current = f.tx().number;
    const bool visible = n.fits_u64() && n.w[0] < uint64_t(current) && uint64_t(current) - n.w[0] <= 256;
    sp[-1] = visible ? uint256::from_bytes32(f.host.block_hash(int64_t(n.w[0]))) : uint256();
    return StatusCode::success;
}

// EIP-4844: versioned hash of the transaction's blob at the index, or 0.
StatusCode op_blobhash(Frame& f, uint256* sp) {
    const uint256 i = sp[-1];
    const auto& hashes = f.tx().blob_hashes;
    sp[-1] = i.fits_u64() && i.w[0] < hashes.size() ? uint256::from_bytes32(hashes[i.w[0]]) : uint256();
    return StatusCode::success;
}

StatusCode op_log(Frame& f, uint256* sp, int num_topics) {
    if (f.msg.is_static) return StatusCode::static_mode_violation;
    const uint256 offset = sp[-1], size = sp[-2];
    int64_t gas = f.gas;
    if (!expand_memory(f, gas, offset, size)) return StatusCode::out_of_gas;
    gas -= 8 * int64_t(size.w[0]);  // Yellow Paper G_logdata per byte
    if (gas < 0) return StatusCode::out_of_gas;
    f.gas = gas;
    Bytes32 topics[4];
    for (int i = 0; i < num_topics; ++i) topics[i] = sp[-3 - i].to_bytes32();
    const BytesView data = size ? BytesView(f.memory.data() + offset.w[0], size.w[0]) : BytesView();
    f.host.emit_log(f.msg.recipient, data, topics, size_t(num_topics));
    return StatusCode::success;
}

}  // namespace suture::evm
