// Cheatcodes on accounts and the journal: storage, code, nonces, recorded
// storage accesses and logs, state snapshots.
#include "verify/foundry_cheatcodes.hpp"

namespace suture::verify::foundry {
namespace {

using abi::AbiKind;
using abi::AbiType;
using abi::AbiValue;

uint256 word(const AbiValue& v) { return uint256::from_be(v.as_bytes()); }

AbiType bytes32_array() { return AbiType::array_of(AbiType::fixed_bytes(32)); }

AbiValue bytes32_list(const std::vector<Bytes32>& words) {
    AbiValue::List l;
    for (const auto& w : words) l.emplace_back(Bytes(w.begin(), w.end()));
    return l;
}

Result<Bytes> store(Cheatcodes& c, const CheatCall& call) {
    const Address& a = call.args[0].as_address();
    c.ensure_exists(a);
    c.state().set_storage(a, word(call.args[1]), word(call.args[2]));
    return Bytes{};
}

Result<Bytes> load(Cheatcodes& c, const CheatCall& call) {
    const uint256 v = c.state().get_storage(call.args[0].as_address(), word(call.args[1]));
    const Bytes32 b = v.to_bytes32();
    return encode_one(AbiType::fixed_bytes(32), Bytes(b.begin(), b.end()));
}

Result<Bytes> etch(Cheatcodes& c, const CheatCall& call) {
    const Address& a = call.args[0].as_address();
    c.ensure_exists(a);
    c.state().set_code(a, call.args[1].as_bytes());
    return Bytes{};
}

Result<Bytes> get_nonce(Cheatcodes& c, const CheatCall& call) {
    return encode_one(AbiType::uint(64), uint256(c.state().nonce(call.args[0].as_address())));
}

Result<Bytes> set_nonce(Cheatcodes& c, const CheatCall& call) {
    const Address& a = call.args[0].as_address();
    const uint64_t now = c.state().nonce(a);
    const uint64_t next = call.args[1].as_uint().low64();
    if (call.signature.name == "setNonce" && next < now)
        return input_error("new nonce (" + std::to_string(next) + ") must be strictly equal to or higher than the "
                           "account's current nonce (" + std::to_string(now) + ")");
    c.state().set_nonce(a, next);
    return Bytes{};
}

Result<Bytes> record(Cheatcodes& c, const CheatCall&) {
    c.recording_accesses = true;
    c.reads.clear();
    c.writes.clear();
    return Bytes{};
}

Result<Bytes> stop_record(Cheatcodes& c, const CheatCall&) {
    c.recording_accesses = false;
    return Bytes{};
}

Result<Bytes> accesses(Cheatcodes& c, const CheatCall& call) {
    const Address& a = call.args[0].as_address();
    return encode_outputs({bytes32_array(), bytes32_array()}, {bytes32_list(c.reads[a]), bytes32_list(c.writes[a])});
}

Result<Bytes> record_logs(Cheatcodes& c, const CheatCall&) {
    c.recording_logs = true;
    c.recorded_logs.clear();
    return Bytes{};
}

Result<Bytes> get_recorded_logs(Cheatcodes& c, const CheatCall&) {
    // Vm.Log: (bytes32[] topics, bytes data, address emitter)[]
    const AbiType log_type =
        AbiType::tuple_of({bytes32_array(), AbiType::simple(AbiKind::bytes), AbiType::simple(AbiKind::address)});
    AbiValue::List list;
    for (const auto& l : c.recorded_logs)
        list.emplace_back(AbiValue::List{bytes32_list(l.topics), AbiValue(l.data), AbiValue(l.address)});
    c.recorded_logs.clear();
    return encode_one(AbiType::array_of(log_type), list);
}

// Snapshots are journal positions of the test's State (the whole test is one
// transaction), with the environment cheatcodes may have changed.
Result<Bytes> snapshot(Cheatcodes& c, const CheatCall&) {
    c.snapshots.push_back(Cheatcodes::Snapshot{c.state().snapshot(), c.ctx()});
    return encode_one(AbiType::uint(), uint256(uint64_t(c.snapshots.size() - 1)));
}

Result<Bytes> revert_to(Cheatcodes& c, const CheatCall& call) {
    const uint256& id = call.args[0].as_uint();
    const bool remove = call.signature.name.find("AndDelete") != std::string::npos;
    if (!id.fits_u64() || id.low64() >= c.snapshots.size() || !c.snapshots[id.low64()])
        return encode_one(AbiType::simple(AbiKind::bool_), false);
    const Cheatcodes::Snapshot s = *c.snapshots[id.low64()];
    if (s.journal > c.state().snapshot()) return encode_one(AbiType::simple(AbiKind::bool_), false);
    c.state().revert(s.journal);
    c.ctx() = s.ctx;
    if (remove) c.snapshots[id.low64()].reset();
    return encode_one(AbiType::simple(AbiKind::bool_), true);
}

Result<Bytes> delete_snapshot(Cheatcodes& c, const CheatCall& call) {
    const uint256& id = call.args[0].as_uint();
    const bool exists = id.fits_u64() && id.low64() < c.snapshots.size() && c.snapshots[id.low64()];
    if (exists) c.snapshots[id.low64()].reset();
    return encode_one(AbiType::simple(AbiKind::bool_), exists);
}

Result<Bytes> delete_snapshots(Cheatcodes& c, const CheatCall&) {
    for (auto& s : c.snapshots) s.reset();
    return Bytes{};
}

}  // namespace

std::vector<CheatEntry> state_cheatcodes() {
    return {
        {"store(address,bytes32,bytes32)", store},
        {"load(address,bytes32)", load},
        {"etch(address,bytes)", etch},
        {"getNonce(address)", get_nonce},
        {"setNonce(address,uint64)", set_nonce},
        {"setNonceUnsafe(address,uint64)", set_nonce},
        {"record()", record},
        {"stopRecord()", stop_record},
        {"accesses(address)", accesses},
        {"recordLogs()", record_logs},
        {"getRecordedLogs()", get_recorded_logs},
        {"snapshot()", snapshot},
        {"snapshotState()", snapshot},
        {"revertTo(uint256)", revert_to},
        {"revertToState(uint256)", revert_to},
        {"revertToAndDelete(uint256)", revert_to},
        {"revertToStateAndDelete(uint256)", revert_to},
        {"deleteSnapshot(uint256)", delete_snapshot},
        {"deleteStateSnapshot(uint256)", delete_snapshot},
        {"deleteSnapshots()", delete_snapshots},
        {"deleteStateSnapshots()", delete_snapshots},
    };
}

}  // namespace suture::verify::foundry
