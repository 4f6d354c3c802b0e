// KECCAK256 and the *COPY instructions: memory expansion plus per-word gas.
#include <algorithm>

#include "core/keccak.hpp"
#include "evm/instructions.hpp"

namespace suture::evm {

namespace {

constexpr int64_t copy_word_gas = 3;       // Yellow Paper G_copy
constexpr int64_t keccak_word_gas = 6;     // Yellow Paper G_keccak256word

// Expands memory for [dest, dest+size) and charges 3 gas per copied word.
// On success `size` is known to fit in 32 bits.
bool charge_copy(Frame& f, int64_t& gas, const uint256& dest, const uint256& size) {
    if (!expand_memory(f, gas, dest, size)) return false;
    gas -= copy_word_gas * num_words(size.w[0]);
    return gas >= 0;
}

// Copies src[offset .. offset+size) to memory at dest, reading zeros past src's end.
void copy_padded(Frame& f, uint64_t dest, const uint256& offset, uint64_t size, BytesView src) {
    if (size == 0) return;
    uint8_t* out = f.memory.data() + dest;
    const uint64_t start = offset.fits_u64() ? std::min<uint64_t>(offset.w[0], src.size()) : src.size();
    const uint64_t n = std::min<uint64_t>(size, src.size() - start);
    if (n) std::memcpy(out, src.data() + start, n);
    std::memset(out + n, 0, size - n);
}

StatusCode copy_from(Frame& f, uint256* sp, BytesView src) {
    const uint256 dest = sp[-1], offset = sp[-2], size = sp[-3];
    int64_t gas = f.gas;
    if (!charge_copy(f, gas, dest, size)) return StatusCode::out_of_gas;
    f.gas = gas;
    if (size) copy_padded(f, dest.w[0], offset, size.w[0], src);
    return StatusCode::success;
}

}  // namespace

StatusCode op_keccak256(Frame& f, uint256* sp) {
    const uint256 offset = sp[-1], size = sp[-2];
    int64_t gas = f.gas;
    if (!expand_memory(f, gas, offset, size)) return StatusCode::out_of_gas;
    gas -= keccak_word_gas * num_words(size.w[0]);
    if (gas < 0) return StatusCode::out_of_gas;
    f.gas = gas;
    const BytesView data = size ? BytesView(f.memory.data() + offset.w[0], size.w[0]) : BytesView();
    sp[-2] = uint256::from_bytes32(keccak256(data));
    return StatusCode::success;
}

StatusCode op_calldatacopy(Frame& f, uint256* sp) { return copy_from(f, sp, f.msg.input); }

StatusCode op_codecopy(Frame& f, uint256* sp) { return copy_from(f, sp, f.code.code()); }

StatusCode op_returndatacopy(Frame& f, uint256* sp) {
    const uint256 dest = sp[-1], offset = sp[-2], size = sp[-3];
    int64_t gas = f.gas;
    if (!charge_copy(f, gas, dest, size)) return StatusCode::out_of_gas;
    // EIP-211: reading past the end of the return data is an exceptional halt.
    const uint64_t available = f.return_data.size();
    if (!offset.fits_u64() || offset.w[0] > available || (size && size.w[0] > available - offset.w[0]))
        return StatusCode::invalid_memory_access;
    f.gas = gas;
    if (size) std::memcpy(f.memory.data() + dest.w[0], f.return_data.data() + offset.w[0], size.w[0]);
    return StatusCode::success;
}

StatusCode op_extcodecopy(Frame& f, uint256* sp) {
    const Address addr = to_address(sp[-1]);
    const uint256 dest = sp[-2], offset = sp[-3], size = sp[-4];
    int64_t gas = f.gas;
    if (!charge_copy(f, gas, dest, size)) return StatusCode::out_of_gas;
    if (!charge_account_access(f, gas, addr)) return StatusCode::out_of_gas;
    f.gas = gas;
    if (size) {
        uint8_t* out = f.memory.data() + dest.w[0];
        size_t copied = 0;
        if (offset.fits_u64()) copied = f.host.copy_code(addr, offset.w[0], out, size.w[0]);
        std::memset(out + copied, 0, size.w[0] - copied);
    }
    return StatusCode::success;
}

// EIP-5656: MCOPY dest, src, size — memory must cover both regions.
StatusCode op_mcopy(Frame& f, uint256* sp) {
    const uint256 dest = sp[-1], src = sp[-2], size = sp[-3];
    int64_t gas = f.gas;
    if (!expand_memory(f, gas, src, size)) return StatusCode::out_of_gas;
    if (!charge_copy(f, gas, dest, size)) return StatusCode::out_of_gas;
    f.gas = gas;
    if (size) std::memmove(f.memory.data() + dest.w[0], f.memory.data() + src.w[0], size.w[0]);
    return StatusCode::success;
}

}  // namespace suture::evm
