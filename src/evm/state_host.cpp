#include "evm/state_host.hpp"

#include <algorithm>
#include <cstring>

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"
#include "evm/analysis.hpp"
#include "evm/call_inspector.hpp"
#include "evm/interpreter.hpp"
#include "evm/precompiles.hpp"
#include "evm/set_code.hpp"

namespace suture::evm {
namespace {

constexpr int kMaxDepth = 1024;              // frames deeper than this fail without running
constexpr size_t kMaxCodeSize = 24576;       // EIP-170
constexpr int64_t kCodeDepositGas = 200;     // per byte of deployed code

Address address_from_hash(const Bytes32& h) {
    Address a;
    std::memcpy(a.bytes.data(), h.data() + 12, 20);
    return a;
}

// A failure that returns the whole gas to the caller (the frame never ran).
ExecResult light_failure(StatusCode status, int64_t gas) {
    ExecResult r;
    r.status = status;
    r.gas_left = gas;
    return r;
}

// After a frame failed: undo its changes; only REVERT gives gas back.
void settle_failure(State& state, size_t snapshot, ExecResult& r) {
    state.revert(snapshot);
    r.gas_refund = 0;
    if (r.status != StatusCode::revert) {
        r.gas_left = 0;
        r.output.clear();
    }
}

}  // namespace

Address create_address(const Address& sender, uint64_t nonce) {
    const Bytes enc = rlp::encode_list({rlp::encode_bytes(sender.bytes), rlp::encode_uint(nonce)});
    return address_from_hash(keccak256(enc));
}

Address create2_address(const Address& sender, const Bytes32& salt, BytesView initcode) {
    uint8_t buf[1 + 20 + 32 + 32];
    buf[0] = 0xff;
    std::memcpy(buf + 1, sender.bytes.data(), 20);
    std::memcpy(buf + 21, salt.data(), 32);
    const Bytes32 code_hash = keccak256(initcode);
    std::memcpy(buf + 53, code_hash.data(), 32);
    return address_from_hash(keccak256(BytesView(buf, sizeof buf)));
}

bool StateHost::account_exists(const Address& addr) {
    // EIP-161: from Spurious Dragon an empty account counts as absent.
    return rev_ >= Revision::spurious_dragon ? !state_.is_empty(addr) : state_.exists(addr);
}

uint256 StateHost::get_storage(const Address& addr, const uint256& key) {
    if (options_.inspector) [[unlikely]] options_.inspector->on_storage_read(addr, key);
    return state_.get_storage(addr, key);
}

StorageStatus StateHost::set_storage(const Address& addr, const uint256& key, const uint256& value) {
    if (options_.inspector) [[unlikely]] options_.inspector->on_storage_write(addr, key, value);
    return state_.set_storage(addr, key, value);
}

uint256 StateHost::get_balance(const Address& addr) { return state_.balance(addr); }

size_t StateHost::get_code_size(const Address& addr) { return state_.code(addr).size(); }

Bytes32 StateHost::get_code_hash(const Address& addr) {
    // EIP-1052: zero for a missing account, and (EIP-161) for an empty one.
    if (!account_exists(addr)) return Bytes32{};
    return state_.code_hash(addr);
}

size_t StateHost::copy_code(const Address& addr, size_t offset, uint8_t* out, size_t size) {
    const BytesView code = state_.code(addr);
    if (offset >= code.size()) return 0;
    const size_t n = std::min(size, code.size() - offset);
    std::memcpy(out, code.data() + offset, n);
    return n;
}

bool StateHost::selfdestruct(const Address& addr, const Address& beneficiary) {
    return state_.selfdestruct(addr, beneficiary);
}

Bytes32 StateHost::block_hash(int64_t number) {
    // Only the 256 most recent complete blocks are visible.
    if (number < 0 || number >= ctx_.number || number < ctx_.number - 256 || !block_hashes_) return Bytes32{};
    return block_hashes_(number);
}

void StateHost::emit_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) {
    if (options_.inspector) [[unlikely]] options_.inspector->on_log(addr, data, topics, num_topics);
    state_.add_log(Log{addr, std::vector<Bytes32>(topics, topics + num_topics), Bytes(data.begin(), data.end())});
}

AccessStatus StateHost::access_account(const Address& addr) { return state_.access_account(addr); }

AccessStatus StateHost::access_storage(const Address& addr, const uint256& key) {
    return state_.access_storage(addr, key);
}

uint256 StateHost::get_transient_storage(const Address& addr, const uint256& key) {
    return state_.get_transient(addr, key);
}

void StateHost::set_transient_storage(const Address& addr, const uint256& key, const uint256& value) {
    state_.set_transient(addr, key, value);
}

uint64_t StateHost::max_initcode_size() {
    const size_t limit = options_.code_size_limit ? options_.code_size_limit : kMaxCodeSize;
    return limit > UINT64_MAX / 2 ? UINT64_MAX : 2 * uint64_t(limit);
}

std::optional<Address> StateHost::delegation_target(const Address& addr) {
    return evm::delegation_target(state_.code(addr));
}

ExecResult StateHost::call(const Message& msg) {
    if (options_.inspector) [[unlikely]] return inspected_call(msg);
    if (msg.depth > kMaxDepth) return light_failure(StatusCode::call_depth_exceeded, msg.gas);
    if (msg.kind == CallKind::create || msg.kind == CallKind::create2) return create_frame(msg);
    return call_frame(msg);
}

ExecResult StateHost::inspected_call(const Message& original) {
    Message msg = original;
    std::optional<ExecResult> answer = options_.inspector->before_call(msg);
    ExecResult r;
    if (answer) r = std::move(*answer);
    else if (msg.depth > kMaxDepth) r = light_failure(StatusCode::call_depth_exceeded, msg.gas);
    else if (msg.kind == CallKind::create || msg.kind == CallKind::create2) r = create_frame(msg);
    else r = call_frame(msg);
    options_.inspector->after_call(msg, r);
    return r;
}

ExecResult StateHost::call_frame(const Message& msg) {
    const bool transfers = msg.kind == CallKind::call || msg.kind == CallKind::callcode;
    if (transfers && msg.value && state_.balance(msg.sender) < msg.value)
        return light_failure(StatusCode::insufficient_balance, msg.gas);

    const size_t snapshot = state_.snapshot();
    if (msg.kind == CallKind::call) {
        // A plain call touches its recipient even without value (EIP-161).
        state_.sub_balance(msg.sender, msg.value);
        state_.add_balance(msg.recipient, msg.value);
    }

    ExecResult r;
    // EIP-7702: a delegate at a precompile's address runs its (empty) code.
    std::optional<ExecResult> pre;
    if (!msg.delegated) pre = run_precompile(rev_, msg.code_address, msg.input, msg.gas);
    if (pre) {
        r = std::move(*pre);
        if (r.status == StatusCode::unsupported && !unsupported_)
            unsupported_ = std::string(r.output.begin(), r.output.end());
    } else {
        const BytesView code = state_.code(msg.code_address);
        if (code.empty()) return light_failure(StatusCode::success, msg.gas);
        if (options_.analysis)
            r = execute(*this, rev_, msg, *options_.analysis->get(state_.code_hash(msg.code_address), code),
                        options_.tracer);
        else
            r = execute(*this, rev_, msg, code, options_.tracer);
    }
    if (r.status != StatusCode::success) settle_failure(state_, snapshot, r);
    return r;
}

ExecResult StateHost::create_frame(const Message& msg) {
    if (msg.value && state_.balance(msg.sender) < msg.value)
        return light_failure(StatusCode::insufficient_balance, msg.gas);
    const uint64_t nonce = state_.nonce(msg.sender);
    // EIP-2681: the nonce may not overflow.
    if (nonce == UINT64_MAX) return light_failure(StatusCode::argument_out_of_range, msg.gas);
    // The sender's nonce bump and the warm new address survive a failed create.
    state_.set_nonce(msg.sender, nonce + 1);
    const Address addr = msg.kind == CallKind::create ? create_address(msg.sender, nonce)
                                                      : create2_address(msg.sender, msg.create2_salt, msg.input);
    state_.access_account(addr);

    ExecResult r;
    // EIP-684/EIP-7610: never overwrite an account with a nonce, code or storage.
    if (state_.has_collision(addr)) {
        r.status = StatusCode::failure;
        return r;
    }

    const size_t snapshot = state_.snapshot();
    state_.create_contract(addr);
    state_.sub_balance(msg.sender, msg.value);
    state_.add_balance(addr, msg.value);

    Message frame = msg;
    frame.recipient = addr;
    frame.code_address = addr;
    frame.input = {};  // initcode is the frame's code; its calldata is empty
    r = execute(*this, rev_, frame, msg.input, options_.tracer);
    if (r.status == StatusCode::success) {
        Bytes& code = r.output;
        const int64_t deposit = kCodeDepositGas * int64_t(code.size());
        const size_t limit = options_.code_size_limit ? options_.code_size_limit : kMaxCodeSize;
        if (rev_ >= Revision::spurious_dragon && code.size() > limit) {
            r.status = StatusCode::out_of_gas;  // EIP-170
        } else if (rev_ >= Revision::london && !code.empty() && code[0] == 0xef) {
            r.status = StatusCode::contract_validation_failure;  // EIP-3541
        } else if (r.gas_left < deposit) {
            // Frontier kept the contract without code; Homestead (EIP-2) fails it.
            if (rev_ >= Revision::homestead) r.status = StatusCode::out_of_gas;
            else code.clear();
        } else {
            r.gas_left -= deposit;
        }
        if (r.status == StatusCode::success) {
            if (!code.empty()) state_.set_code(addr, std::move(code));
            r.output.clear();
            r.create_address = addr;
            return r;
        }
    }
    settle_failure(state_, snapshot, r);
    return r;
}

}  // namespace suture::evm
