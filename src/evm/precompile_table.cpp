// Which precompiles exist in which fork, and the charge-then-run dispatch.
#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>

#include "evm/precompile_impl.hpp"
#include "evm/precompiles.hpp"

namespace suture::evm {

namespace precompile {

void read_padded(BytesView input, uint64_t offset, uint8_t* out, size_t size) {
    size_t copied = 0;
    if (offset < input.size()) {
        copied = std::min<uint64_t>(size, input.size() - offset);
        std::memcpy(out, input.data() + offset, copied);
    }
    std::memset(out + copied, 0, size - copied);
}

}  // namespace precompile

namespace {

using precompile::Output;

struct Entry {
    Revision since;
    uint64_t (*gas)(Revision, BytesView);
    Output (*run)(Revision, BytesView);
};

// Indexed by the address's last byte, 0x01..0x0a.
constexpr Entry kImplemented[] = {
    {Revision::frontier, precompile::ecrecover_gas, precompile::ecrecover},
    {Revision::frontier, precompile::sha256_gas, precompile::sha256},
    {Revision::frontier, precompile::ripemd160_gas, precompile::ripemd160},
    {Revision::frontier, precompile::identity_gas, precompile::identity},
    {Revision::byzantium, precompile::modexp_gas, precompile::modexp},          // EIP-198
    {Revision::byzantium, precompile::bn254_add_gas, precompile::bn254_add},    // EIP-196
    {Revision::byzantium, precompile::bn254_mul_gas, precompile::bn254_mul},    // EIP-196
    {Revision::byzantium, precompile::bn254_pairing_gas, precompile::bn254_pairing},  // EIP-197
    {Revision::istanbul, precompile::blake2f_gas, precompile::blake2f},         // EIP-152
    {Revision::cancun, precompile::point_evaluation_gas, precompile::point_evaluation},  // EIP-4844
};

constexpr uint8_t kBlsFirst = 0x0b, kBlsLast = 0x11;  // EIP-2537, Prague
constexpr uint16_t kP256Verify = 0x100;  // EIP-7951, Osaka

// The address as a number when it is below 2^16, else -1.
int small_address(const Address& addr) {
    for (int i = 0; i < 18; ++i) {
        if (addr.bytes[i] != 0) return -1;
    }
    return (addr.bytes[18] << 8) | addr.bytes[19];
}

ExecResult unsupported(const std::string& what) {
    ExecResult r;
    r.status = StatusCode::unsupported;
    r.gas_left = 0;
    r.output.assign(what.begin(), what.end());
    return r;
}

}  // namespace

bool is_precompile(Revision rev, const Address& addr) {
    const int n = small_address(addr);
    if (n >= 1 && n <= int(std::size(kImplemented))) return rev >= kImplemented[n - 1].since;
    if (n >= kBlsFirst && n <= kBlsLast) return rev >= Revision::prague;
    if (n == kP256Verify) return rev >= Revision::osaka;
    return false;
}

std::optional<ExecResult> run_precompile(Revision rev, const Address& addr, BytesView input, int64_t gas) {
    if (!is_precompile(rev, addr)) return std::nullopt;
    const int n = small_address(addr);
    // Not implemented: stop the run with a message rather than guess a result.
    if (n >= kBlsFirst && n <= kBlsLast) {
        return unsupported("BLS12-381 precompile (0x" + std::string(1, "0123456789abcdef"[n >> 4]) +
                           "0123456789abcdef"[n & 15] + ", EIP-2537) is not supported");
    }
    if (n == kP256Verify) return unsupported("P256VERIFY precompile (0x0100, EIP-7951) is not supported");

    const Entry& e = kImplemented[n - 1];
    ExecResult r;
    r.gas_left = 0;
    const uint64_t cost = e.gas(rev, input);
    if (gas < 0 || cost > uint64_t(gas)) {
        r.status = StatusCode::out_of_gas;
        return r;
    }
    Output out = e.run(rev, input);
    if (!out.error.empty()) {
        r.status = StatusCode::internal_error;
        r.output.assign(out.error.begin(), out.error.end());
        return r;
    }
    if (!out.ok) {
        r.status = StatusCode::precompile_failure;
        return r;
    }
    r.status = StatusCode::success;
    r.gas_left = gas - int64_t(cost);
    r.output = std::move(out.data);
    return r;
}

}  // namespace suture::evm
