// Which precompiles exist in which fork, and the charge-then-run dispatch.
#include <algorithm>
#include <cstring>
#include <iterator>
#include <vector>

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

// Indexed by the address's last byte, 0x01..0x11.
constexpr Entry kByLowAddress[] = {
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
    // EIP-2537 BLS12-381.
    {Revision::prague, precompile::bls12_g1add_gas, precompile::bls12_g1add},
    {Revision::prague, precompile::bls12_g1msm_gas, precompile::bls12_g1msm},
    {Revision::prague, precompile::bls12_g2add_gas, precompile::bls12_g2add},
    {Revision::prague, precompile::bls12_g2msm_gas, precompile::bls12_g2msm},
    {Revision::prague, precompile::bls12_pairing_gas, precompile::bls12_pairing},
    {Revision::prague, precompile::bls12_map_fp_to_g1_gas, precompile::bls12_map_fp_to_g1},
    {Revision::prague, precompile::bls12_map_fp2_to_g2_gas, precompile::bls12_map_fp2_to_g2},
};

constexpr uint16_t kP256VerifyAddress = 0x100;
constexpr Entry kP256Verify = {Revision::osaka, precompile::p256verify_gas, precompile::p256verify};  // EIP-7951

// precompile_addresses() relies on this: a fork adds precompiles only above
// the addresses of earlier forks.
constexpr bool forks_add_higher_addresses() {
    for (size_t i = 1; i < std::size(kByLowAddress); ++i) {
        if (kByLowAddress[i].since < kByLowAddress[i - 1].since) return false;
    }
    return kP256Verify.since >= kByLowAddress[std::size(kByLowAddress) - 1].since;
}
static_assert(forks_add_higher_addresses());

// The address as a number when it is below 2^16, else -1.
int small_address(const Address& addr) {
    for (int i = 0; i < 18; ++i) {
        if (addr.bytes[i] != 0) return -1;
    }
    return (addr.bytes[18] << 8) | addr.bytes[19];
}

// The entry for addr, whatever the revision; nullptr when no fork has a precompile there.
const Entry* entry(const Address& addr) {
    const int n = small_address(addr);
    if (n >= 1 && n <= int(std::size(kByLowAddress))) return &kByLowAddress[n - 1];
    if (n == kP256VerifyAddress) return &kP256Verify;
    return nullptr;
}

}  // namespace

bool is_precompile(Revision rev, const Address& addr) {
    const Entry* e = entry(addr);
    return e != nullptr && rev >= e->since;
}

std::span<const Address> precompile_addresses(Revision rev) {
    // The table's addresses in increasing order; each fork adds precompiles
    // at addresses above the earlier forks' ones, so a revision's set is a prefix.
    static const std::vector<Address> all = [] {
        std::vector<Address> a;
        for (int n = 1; n <= 0xffff; ++n) {
            Address addr;
            addr.bytes[18] = uint8_t(n >> 8);
            addr.bytes[19] = uint8_t(n);
            if (entry(addr) != nullptr) a.push_back(addr);
        }
        return a;
    }();
    size_t count = 0;
    while (count < all.size() && rev >= entry(all[count])->since) ++count;
    return {all.data(), count};
}

std::optional<ExecResult> run_precompile(Revision rev, const Address& addr, BytesView input, int64_t gas) {
    if (!is_precompile(rev, addr)) return std::nullopt;
    const Entry& e = *entry(addr);
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
