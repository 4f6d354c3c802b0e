#include "pipeline/route_rules.hpp"

#include <algorithm>

#include "core/hex.hpp"

namespace suture::pipeline {
namespace {

// keccak256(abi.encode(uint256(keccak256("openzeppelin.storage.Initializable")) - 1)) & ~bytes32(uint256(0xff))
constexpr const char* kInitializableSlot = "0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00";

Finding rule_finding(const char* code, std::string message, std::string hint, std::string where) {
    Finding f;
    f.severity = Severity::error;
    f.code = code;
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.location.other = std::move(where);
    return f;
}

// Bytes [offset, offset + size) of a slot, counted from the low end (solc's packing).
uint256 slot_part(const uint256& value, uint32_t offset, uint64_t size) {
    if (size >= 32) return value;
    uint256 shifted = value >> (uint64_t(offset) * 8);
    uint256 mask = (uint256(1) << (size * 8)) - uint256(1);
    return shifted & mask;
}

bool value_type(const solidity::StorageType* t) {
    return t && t->encoding == solidity::Encoding::inplace && !t->is_struct && !t->length && t->bytes.fits_u64() &&
           t->bytes.limb[0] <= 32;
}

bool same_call(const deploy::TimelockCall& a, const deploy::TimelockCall& b) {
    return a.target == b.target && a.value == b.value && a.data == b.data;
}

std::string selector_of(BytesView data) {
    if (data.size() < 4) return {};
    return to_hex(data.subspan(0, 4)).substr(2);
}

}  // namespace

Result<uint64_t> initialized_version(evm::StateBackend& state, const Address& proxy,
                                     const solidity::ContractStorage& layout) {
    SUTURE_TRY(slot, uint256::parse(kInitializableSlot));
    SUTURE_TRY(v5, state.storage(proxy, slot));
    if (v5 != uint256(0)) return slot_part(v5, 0, 8).low64();
    for (const auto& item : layout.main.items) {
        if (item.label != "_initialized") continue;
        const solidity::StorageType* t = layout.type(item.type);
        if (!value_type(t)) continue;
        SUTURE_TRY(v4, state.storage(proxy, uint256::from_bytes32(item.slot.to_be32())));
        return slot_part(v4, item.offset, t->bytes.limb[0]).low64();
    }
    return uint64_t(0);
}

Findings check_reinitializers(uint64_t current, const std::vector<upgrade::InitializerVersion>& initializers,
                              BytesView init_calldata) {
    Findings out;
    const std::string called_selector = selector_of(init_calldata);
    const upgrade::InitializerVersion* called = nullptr;
    for (const auto& i : initializers)
        if (!called_selector.empty() && i.selector == called_selector) called = &i;
    for (const auto& i : initializers) {
        if (!i.reinitializer || !i.version || *i.version <= current || &i == called) continue;
        std::string msg = "`" + i.function + "` is reinitializer(" + std::to_string(*i.version) +
                          "), above the proxy's initialized version " + std::to_string(current) + ", but the upgrade ";
        if (!called) {
            msg += init_calldata.empty() ? "calls no initializer" : "call does not run it";
            msg += ": the state it sets stays unset until someone calls it, and anyone may";
        } else {
            msg += "calls `" + called->function + "`";
            if (called->version && *called->version > *i.version)
                msg += " (version " + std::to_string(*called->version) + "), after which version " +
                       std::to_string(*i.version) + " can never run";
            else
                msg += ", which leaves it callable afterwards by anyone, first";
        }
        out.push_back(rule_finding("reinitializer-not-called", msg + " (Ronin bridge 2024)",
                                   "make `" + i.function + "` the initializer of the upgrade ([deploy].initializer)",
                                   "selector 0x" + i.selector));
    }
    return out;
}

Findings check_timelock_batching(const std::vector<deploy::TimelockOperation>& scheduled,
                                 const std::vector<deploy::TimelockCall>& calls) {
    Findings out;
    if (calls.size() < 2) return out;
    // The operation each call is queued in, in call order.
    std::vector<size_t> op_of;
    for (size_t c = 0; c < calls.size(); ++c) {
        size_t found = scheduled.size();
        for (size_t o = 0; o < scheduled.size() && found == scheduled.size(); ++o)
            for (const auto& sc : scheduled[o].calls)
                if (same_call(sc, calls[c])) found = o;
        if (found == scheduled.size()) {
            out.push_back(rule_finding("timelock-operations-split",
                                       "call " + std::to_string(c + 1) + " of " + std::to_string(calls.size()) +
                                           " of the upgrade is in no scheduled timelock operation",
                                       "schedule the upgrade's calls as one scheduleBatch", "timelock"));
            return out;
        }
        op_of.push_back(found);
    }
    for (size_t c = 1; c < calls.size(); ++c) {
        if (op_of[c] == op_of[c - 1]) continue;
        const auto& prev = scheduled[op_of[c - 1]];
        const auto& next = scheduled[op_of[c]];
        auto prev_id = deploy::timelock_operation_id(prev);
        if (prev_id.ok() && next.predecessor == *prev_id) continue;
        out.push_back(rule_finding(
            "timelock-operations-split",
            "the upgrade's calls " + std::to_string(c) + " and " + std::to_string(c + 1) +
                " are separate timelock operations, and the second does not name the first as its predecessor: "
                "once the delay has passed anyone can execute them in either order (Sonne Finance 2024)",
            "schedule the calls that belong together as one scheduleBatch operation", "timelock"));
        return out;
    }
    return out;
}

Findings check_initializer_writes(const Address& proxy, const std::vector<SlotWrite>& writes,
                                  const solidity::ContractStorage& layout) {
    Findings out;
    const std::string where = to_checksum(proxy);
    for (const auto& w : writes) {
        bool described = false;
        for (const auto& item : layout.main.items) {
            if (uint256::from_bytes32(item.slot.to_be32()) != w.slot) continue;
            const solidity::StorageType* t = layout.type(item.type);
            if (!value_type(t)) continue;
            described = true;
            uint256 before = slot_part(w.before, item.offset, t->bytes.limb[0]);
            uint256 after = slot_part(w.after, item.offset, t->bytes.limb[0]);
            if (before == uint256(0) || after != uint256(0)) continue;
            out.push_back(rule_finding("initializer-zeroes-state",
                                       "the upgrade call sets `" + item.label + "` (" + t->label + ", slot " +
                                           item.slot.decimal() + ") to zero; the old version had set it to " +
                                           before.to_hex() + " (Nomad bridge 2022: a zero root became valid)",
                                       "keep the value, or allow the code with a reason if zero is intended",
                                       where + " slot " + w.slot.to_hex()));
        }
        if (described || w.before == uint256(0) || w.after != uint256(0)) continue;
        out.push_back(rule_finding("initializer-zeroes-state",
                                   "the upgrade call zeroes storage slot " + w.slot.to_hex() + " of the proxy, set to " +
                                       w.before.to_hex() + " before (Nomad bridge 2022)",
                                   "keep the value, or allow the code with a reason if zero is intended",
                                   where + " slot " + w.slot.to_hex()));
    }
    return out;
}

}  // namespace suture::pipeline
