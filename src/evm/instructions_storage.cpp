// SLOAD/SSTORE (with the per-fork net gas metering tables) and EIP-1153 transient storage.
#include "evm/instructions.hpp"

namespace suture::evm {

namespace {

// EIP-2929: cold SLOAD costs 2100 in total; the base table holds the warm 100.
constexpr int64_t cold_sload_surcharge = 2100 - 100;
constexpr int64_t cold_sload_cost = 2100;
// EIP-2200: SSTORE fails if no more than the call stipend is left.
constexpr int64_t sstore_sentry = 2300;

struct StoreCost {
    int32_t gas;
    int32_t refund;
};
using StoreTable = std::array<StoreCost, 9>;  // indexed by StorageStatus

// Rows in StorageStatus order: assigned, added, deleted, modified, deleted_added,
// modified_deleted, deleted_restored, added_deleted, modified_restored.

// Frontier..Byzantium and Petersburg: 20000 to set a zero slot, else 5000;
// 15000 refund when clearing a non-zero current value.
constexpr StoreTable legacy_costs = {{{5000, 0}, {20000, 0}, {5000, 15000}, {5000, 0}, {20000, 0},
                                      {5000, 15000}, {20000, 0}, {5000, 15000}, {5000, 0}}};

// Net gas metering (EIP-1283 in Constantinople, EIP-2200 from Istanbul, with
// EIP-2929 prices from Berlin and EIP-3529 refunds from London), derived from
// the three prices a fork uses: dirty-slot cost, reset cost, clear refund.
constexpr StoreTable net_metering(int32_t dirty, int32_t reset, int32_t clear_refund) {
    return {{{dirty, 0},
             {20000, 0},
             {reset, clear_refund},
             {reset, 0},
             {dirty, -clear_refund},
             {dirty, clear_refund},
             {dirty, -clear_refund + (reset - dirty)},
             {dirty, 20000 - dirty},
             {dirty, reset - dirty}}};
}
constexpr StoreTable constantinople_costs = net_metering(200, 5000, 15000);
constexpr StoreTable istanbul_costs = net_metering(800, 5000, 15000);
constexpr StoreTable berlin_costs = net_metering(100, 5000 - cold_sload_cost, 15000);
constexpr StoreTable london_costs = net_metering(100, 5000 - cold_sload_cost, 4800);

const StoreTable& store_table(Revision rev) {
    if (rev >= Revision::london) return london_costs;
    if (rev >= Revision::berlin) return berlin_costs;
    if (rev >= Revision::istanbul) return istanbul_costs;
    if (rev == Revision::constantinople) return constantinople_costs;
    return legacy_costs;
}

}  // namespace

StatusCode op_sload(Frame& f, uint256* sp) {
    const uint256 key = sp[-1];
    if (f.rev >= Revision::berlin && f.host.access_storage(f.msg.recipient, key) == AccessStatus::cold) {
        f.gas -= cold_sload_surcharge;
        if (f.gas < 0) return StatusCode::out_of_gas;
    }
    sp[-1] = f.host.get_storage(f.msg.recipient, key);
    return StatusCode::success;
}

StatusCode op_sstore(Frame& f, uint256* sp) {
    if (f.msg.is_static) return StatusCode::static_mode_violation;
    if (f.rev >= Revision::istanbul && f.gas <= sstore_sentry) return StatusCode::out_of_gas;
    const uint256 key = sp[-1], value = sp[-2];
    int64_t gas = f.gas;
    if (f.rev >= Revision::berlin && f.host.access_storage(f.msg.recipient, key) == AccessStatus::cold)
        gas -= cold_sload_cost;
    const StorageStatus status = f.host.set_storage(f.msg.recipient, key, value);
    const StoreCost& c = store_table(f.rev)[size_t(status)];
    gas -= c.gas;
    if (gas < 0) return StatusCode::out_of_gas;
    f.gas = gas;
    f.refund += c.refund;
    return StatusCode::success;
}

StatusCode op_tload(Frame& f, uint256* sp) {
    sp[-1] = f.host.get_transient_storage(f.msg.recipient, sp[-1]);
    return StatusCode::success;
}

StatusCode op_tstore(Frame& f, uint256* sp) {
    if (f.msg.is_static) return StatusCode::static_mode_violation;
    f.host.set_transient_storage(f.msg.recipient, sp[-1], sp[-2]);
    return StatusCode::success;
}

}  // namespace suture::evm
