#include "evm/system_call.hpp"

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/precompile_digest.hpp"
#include "evm/state_overlay.hpp"

namespace suture::evm {
namespace {

constexpr int64_t kSystemCallGas = 30'000'000;

Address address_of(const char* hex) {
    Address a;
    const Bytes b = *from_hex(hex);
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

Result<bool> has_code(StateBackend& backend, const Address& a) {
    SUTURE_TRY(account, backend.account(a));
    return account && account->code_hash != kEmptyCodeHash;
}

Bytes32 sha256(BytesView data) {
    const precompile::Output out = precompile::evp_digest("SHA256", data, 0);
    Bytes32 h{};
    if (out.data.size() == 32) std::copy(out.data.begin(), out.data.end(), h.begin());
    return h;
}

uint64_t word_u64(BytesView data, size_t at) {
    // A 32-byte ABI word read as a length or offset; a value above 2^64 reads as max.
    for (size_t i = at; i < at + 24; ++i)
        if (data[i]) return UINT64_MAX;
    uint64_t v = 0;
    for (size_t i = at + 24; i < at + 32; ++i) v = (v << 8) | data[i];
    return v;
}

}  // namespace

const Address kSystemAddress = address_of("fffffffffffffffffffffffffffffffffffffffe");
const Address kHistoryStorageAddress = address_of("0000f90827f1c53a10cb7a02335b175320002935");
const Address kBeaconRootsAddress = address_of("000f3df6d732807ef1319fb7b8bb8522d0beac02");
const Address kWithdrawalQueueAddress = address_of("00000961ef480eb55e80d19ad83579a64c007002");
const Address kConsolidationQueueAddress = address_of("0000bbddc7ce488642fb579f8b00f3a590007251");
const Address kDepositContractAddress = address_of("00000000219ab540356cbb839cbe05303d7705fa");

Bytes history_storage_code() {
    // EIP-2935: the contract answers a read of a block number in the window
    // and, called by SYSTEM_ADDRESS, stores calldata[0:32] at (number - 1) % 8191.
    return *from_hex(
        "3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257"
        "611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500");
}

Bytes beacon_roots_code() {
    // EIP-4788: called by SYSTEM_ADDRESS, stores the timestamp at timestamp %
    // 8191 and calldata[0:32] 8191 slots after it; otherwise answers a read
    // of a timestamp whose root is still in the buffer.
    return *from_hex(
        "3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414"
        "603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500");
}

Bytes withdrawal_queue_code() {
    // EIP-7002: a fee-priced queue of 56-byte requests (pubkey, amount),
    // dequeued (at most 16 per block) when SYSTEM_ADDRESS calls it.
    return *from_hex(
        "3373fffffffffffffffffffffffffffffffffffffffe1460cb5760115f54807fffffffffffffffffffffffffffffffffffffffffffffff"
        "ffffffffffffffffff146101f457600182026001905f5b5f82111560685781019083028483029004916001019190604d565b9093900492"
        "50505036603814608857366101f457346101f4575f5260205ff35b34106101f45760015460010160015560035480600302600401338155"
        "6001015f35815560010160203590553360601b5f5260385f601437604c5fa0600101600355005b6003546002548082038060101160df57"
        "5060105b5f5b8181146101835782810160030260040181604c02815460601b8152601401816001015481526020019060020154807fffff"
        "ffffffffffffffffffffffffffff00000000000000000000000000000000168252906010019060401c908160381c81600701538160301c"
        "81600601538160281c81600501538160201c81600401538160181c81600301538160101c81600201538160081c81600101535360010160"
        "e1565b910180921461019557906002556101a0565b90505f6002555f6003555b5f54807fffffffffffffffffffffffffffffffffffffff"
        "ffffffffffffffffffffffffff14156101cd57505f5b6001546002828201116101e25750505f6101e8565b01600290035b5f555f600155"
        "604c025ff35b5f5ffd");
}

Bytes consolidation_queue_code() {
    // EIP-7251: the same queue for 96-byte requests (source and target
    // pubkeys), at most 2 dequeued per block.
    return *from_hex(
        "3373fffffffffffffffffffffffffffffffffffffffe1460d35760115f54807fffffffffffffffffffffffffffffffffffffffffffffff"
        "ffffffffffffffffff1461019a57600182026001905f5b5f82111560685781019083028483029004916001019190604d565b9093900492"
        "505050366060146088573661019a573461019a575f5260205ff35b341061019a5760015460010160015560035480600402600401338155"
        "6001015f358155600101602035815560010160403590553360601b5f5260605f60143760745fa0600101600355005b6003546002548082"
        "038060021160e7575060025b5f5b8181146101295782810160040260040181607402815460601b81526014018160010154815260200181"
        "6002015481526020019060030154905260010160e9565b910180921461013b5790600255610146565b90505f6002555f6003555b5f5480"
        "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff141561017357505f5b60015460018282011161018857"
        "50505f61018e565b01600190035b5f555f6001556074025ff35b5f5ffd");
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

namespace {

// A pre-block call: nothing when `to` has no code (EIP-4788's and
// EIP-2935's rule), else the call's state change.
Result<StateDiff> call_if_deployed(StateBackend& backend, Revision rev, const BlockEnv& block, const Address& to,
                                   const Bytes32& input) {
    SUTURE_TRY(present, has_code(backend, to));
    if (!present) return StateDiff{};
    SUTURE_TRY(r, system_call(backend, rev, block, to, input));
    return std::move(r.diff);
}

}  // namespace

Result<StateDiff> store_parent_hash(StateBackend& backend, Revision rev, const BlockEnv& block,
                                    const Bytes32& parent_hash) {
    if (rev < Revision::prague || block.number <= 0) return StateDiff{};
    return call_if_deployed(backend, rev, block, kHistoryStorageAddress, parent_hash);
}

Result<StateDiff> store_beacon_root(StateBackend& backend, Revision rev, const BlockEnv& block,
                                    const Bytes32& beacon_root) {
    if (rev < Revision::cancun) return StateDiff{};
    return call_if_deployed(backend, rev, block, kBeaconRootsAddress, beacon_root);
}

Result<StateDiff> pre_block_calls(StateBackend& backend, Revision rev, const BlockEnv& block,
                                  const Bytes32& parent_hash) {
    StateDiff beacon;
    if (block.parent_beacon_root) {
        SUTURE_TRY(stored, store_beacon_root(backend, rev, block, *block.parent_beacon_root));
        beacon = std::move(stored);
    }
    OverlayBackend after_beacon(backend);
    after_beacon.apply(beacon);
    SUTURE_TRY(history, store_parent_hash(after_beacon, rev, block, parent_hash));
    // The two calls change two different contracts: one diff holds both.
    for (AccountChange& c : history.accounts) beacon.accounts.push_back(std::move(c));
    return beacon;
}

Result<Bytes> deposit_requests(const std::vector<Log>& logs, const Address& deposit_contract) {
    static const Bytes32 kDepositEvent = keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)");
    Bytes out;
    for (size_t i = 0; i < logs.size(); ++i) {
        const Log& log = logs[i];
        if (log.address != deposit_contract || log.topics.empty() || log.topics[0] != kDepositEvent) continue;
        // EIP-6110 is_valid_deposit_event_data: five dynamic fields at fixed
        // offsets with fixed sizes (pubkey 48, withdrawal credentials 32,
        // amount 8, signature 96, index 8).
        const BytesView d = log.data;
        struct Field { size_t offset, size; };
        static constexpr Field kFields[] = {{160, 48}, {256, 32}, {320, 8}, {384, 96}, {512, 8}};
        bool valid = d.size() == 576;
        for (size_t f = 0; valid && f < 5; ++f)
            valid = word_u64(d, 32 * f) == kFields[f].offset && word_u64(d, kFields[f].offset) == kFields[f].size;
        if (!valid)
            return input_error("EIP-6110: log " + std::to_string(i) + " of the deposit contract is a DepositEvent "
                               "whose data is not the contract's layout");
        for (const Field& f : kFields) out.insert(out.end(), d.begin() + int64_t(f.offset + 32),
                                                  d.begin() + int64_t(f.offset + 32 + f.size));
    }
    return out;
}

Result<BlockRequests> post_block_requests(StateBackend& backend, Revision rev, const BlockEnv& block,
                                          const std::vector<Log>& logs) {
    BlockRequests out;
    if (rev < Revision::prague) return out;
    SUTURE_TRY(deposits, deposit_requests(logs));
    auto add = [&out](uint8_t type, Bytes data) {
        if (data.empty()) return;
        data.insert(data.begin(), type);
        out.requests.push_back(std::move(data));
    };
    add(0, std::move(deposits));
    OverlayBackend state(backend);
    const std::pair<uint8_t, const Address*> queues[] = {{1, &kWithdrawalQueueAddress}, {2, &kConsolidationQueueAddress}};
    for (const auto& [type, address] : queues) {
        SUTURE_TRY(present, has_code(state, *address));
        if (!present) continue;
        SUTURE_TRY(r, system_call(state, rev, block, *address, {}));
        if (r.status != StatusCode::success)
            return input_error("the dequeue system call to " + to_checksum(*address) + " failed: the block is invalid");
        state.apply(r.diff);
        for (AccountChange& c : r.diff.accounts) out.diff.accounts.push_back(std::move(c));
        add(type, std::move(r.output));
    }
    return out;
}

Bytes32 requests_hash(const std::vector<Bytes>& requests) {
    Bytes all;
    for (const Bytes& r : requests) {
        const Bytes32 h = sha256(r);
        all.insert(all.end(), h.begin(), h.end());
    }
    return sha256(all);
}

}  // namespace suture::evm
