#include "verify/foundry_cheatcodes.hpp"

#include <unordered_map>

#include "core/abi_encode.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_console.hpp"
#include "verify/foundry_signatures.hpp"

namespace suture::verify::foundry {
namespace {

struct SelectorHash {
    size_t operator()(const abi::Selector& s) const noexcept {
        return size_t(s[0]) << 24 | size_t(s[1]) << 16 | size_t(s[2]) << 8 | s[3];
    }
};

struct Dispatch {
    abi::Signature signature;
    CheatHandler handler;
};

const std::unordered_map<abi::Selector, Dispatch, SelectorHash>& dispatch_table() {
    static const auto table = [] {
        std::unordered_map<abi::Selector, Dispatch, SelectorHash> t;
        for (auto list : {env_cheatcodes(), state_cheatcodes(), expect_cheatcodes(), assert_cheatcodes(),
                          string_cheatcodes()})
            for (const auto& e : list) {
                auto sig = abi::parse_signature(e.signature);
                if (sig.ok()) t.emplace(abi::selector(e.signature), Dispatch{std::move(*sig), e.handler});
            }
        return t;
    }();
    return table;
}

// The Vm.sol signature with this selector, for naming a cheatcode Suture lacks.
std::optional<std::string_view> vm_signature(const abi::Selector& sel) {
    static const auto table = [] {
        std::unordered_map<abi::Selector, std::string_view, SelectorHash> t;
        for (std::string_view s : vm_signatures()) t.emplace(abi::selector(s), s);
        return t;
    }();
    auto it = table.find(sel);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

evm::ExecResult answer(evm::StatusCode status, int64_t gas, Bytes output) {
    evm::ExecResult r;
    r.status = status;
    r.gas_left = gas;
    r.output = std::move(output);
    return r;
}

bool is_special(const Address& a) { return a == kCheatcodeAddress || a == kConsoleAddress; }

const uint256 kFailedSlot = [] {
    Bytes32 b{};
    const char* s = "failed";
    for (size_t i = 0; s[i]; ++i) b[i] = uint8_t(s[i]);
    return uint256::from_bytes32(b);
}();

}  // namespace

Bytes error_string(std::string_view message) {
    auto data = abi::encode_call(abi::Signature{"Error", {abi::Param{"", abi::AbiType::simple(abi::AbiKind::string)}}, {}},
                                 {abi::AbiValue(std::string(message))});
    return data.ok() ? std::move(*data) : Bytes{};
}

Bytes encode_outputs(const std::vector<abi::AbiType>& types, const std::vector<abi::AbiValue>& values) {
    auto data = abi::encode(types, values);
    return data.ok() ? std::move(*data) : Bytes{};
}

Bytes encode_one(const abi::AbiType& type, const abi::AbiValue& value) { return encode_outputs({type}, {value}); }

Cheatcodes::Cheatcodes(evm::State& state, evm::TxContext& ctx, bool record_trace)
    : state_(state), ctx_(ctx), record_trace_(record_trace) {}

void Cheatcodes::ensure_exists(const Address& addr) { state_.set_nonce(addr, state_.nonce(addr)); }

bool Cheatcodes::failed_flag() { return bool(state_.get_storage(kCheatcodeAddress, kFailedSlot)); }

std::optional<evm::ExecResult> Cheatcodes::run_cheatcode(const evm::Message& msg) {
    if (msg.input.size() < 4)
        return answer(evm::StatusCode::revert, msg.gas, error_string("vm: call without a function selector"));
    abi::Selector sel;
    std::copy(msg.input.begin(), msg.input.begin() + 4, sel.begin());
    const auto& table = dispatch_table();
    auto it = table.find(sel);
    if (it == table.end()) {
        // A Vm function Suture does not implement fails the test by name (its
        // effect is unknown); any other selector only reverts, as in forge.
        if (auto name = vm_signature(sel)) {
            unsupported_ = "vm." + std::string(*name) + ": cheatcode not supported by suture test";
            return answer(evm::StatusCode::revert, msg.gas, error_string(*unsupported_));
        }
        return answer(evm::StatusCode::revert, msg.gas,
                      error_string("vm: unknown cheatcode with selector " + to_hex(BytesView(sel.data(), 4))));
    }
    const Dispatch& d = it->second;
    auto args = abi::decode(d.signature.input_types(), msg.input.subspan(4), abi::DecodeOptions{false});
    if (!args)
        return answer(evm::StatusCode::revert, msg.gas,
                      error_string("vm." + d.signature.name + ": bad arguments: " + args.error().message));
    CheatCall call{msg, d.signature, std::move(*args)};
    auto out = d.handler(*this, call);
    if (!out) {
        if (out.error().kind == ErrorKind::findings)
            return answer(evm::StatusCode::revert, msg.gas, error_string(out.error().message));
        return answer(evm::StatusCode::revert, msg.gas,
                      error_string("vm." + d.signature.name + ": " + out.error().message));
    }
    return answer(evm::StatusCode::success, msg.gas, std::move(*out));
}

std::optional<evm::ExecResult> Cheatcodes::before_call(evm::Message& msg) {
    std::optional<Address> restore;
    std::optional<evm::ExecResult> result;
    if (msg.code_address == kCheatcodeAddress && msg.kind == evm::CallKind::call) {
        result = run_cheatcode(msg);
    } else if (msg.code_address == kConsoleAddress && msg.kind == evm::CallKind::call) {
        if (auto line = format_console_call(msg.input)) {
            logs_.push_back(console_log_event(*line));
            decoded_logs_.push_back(std::move(*line));
        }
        result = answer(evm::StatusCode::success, msg.gas, {});
    } else {
        for (auto& e : expected_calls)
            if (msg.recipient == e.callee && msg.input.size() >= e.data.size() &&
                std::equal(e.data.begin(), e.data.end(), msg.input.begin()) && (!e.value || *e.value == msg.value))
                ++e.seen;
        const bool prankable = msg.kind == evm::CallKind::call || msg.kind == evm::CallKind::create ||
                               msg.kind == evm::CallKind::create2;
        if (prank && prankable && msg.depth == prank->depth && msg.sender == prank->caller) {
            msg.sender = prank->sender;
            if (prank->origin) {
                restore = ctx_.origin;
                ctx_.origin = *prank->origin;
            }
            prank->used = true;
            if (!prank->persistent) prank.reset();
        }
    }
    origin_restore_.push_back(restore);
    if (record_trace_) {
        TraceFrame f;
        f.depth = msg.depth;
        f.kind = msg.kind;
        f.caller = msg.sender;
        f.target = msg.recipient;
        f.value = msg.value;
        f.input.assign(msg.input.begin(), msg.input.begin() + std::min<size_t>(msg.input.size(), 4096));
        f.cheatcode = is_special(msg.code_address);
        open_frames_.push_back(trace_.size());
        trace_.push_back(std::move(f));
    }
    return result;
}

void Cheatcodes::apply_expected_revert(const evm::Message& msg, evm::ExecResult& r) {
    if (!expected_revert || msg.depth != expected_revert->depth) return;
    const ExpectedRevert exp = *expected_revert;
    expected_revert.reset();
    const bool create = msg.kind == evm::CallKind::create || msg.kind == evm::CallKind::create2;
    if (r.status == evm::StatusCode::success) {
        r.status = evm::StatusCode::revert;
        r.output = error_string("next call did not revert as expected");
        r.create_address = Address{};
        return;
    }
    if (exp.data) {
        bool match = r.output == *exp.data;
        if (!match && !exp.selector_only) {
            // expectRevert(bytes("message")) matches revert("message").
            if (auto rev = abi::decode_revert(r.output); rev.ok() && rev->kind == abi::Revert::Kind::error_string)
                match = Bytes(rev->message.begin(), rev->message.end()) == *exp.data;
        }
        if (exp.selector_only && !match)
            match = r.output.size() >= 4 && std::equal(exp.data->begin(), exp.data->end(), r.output.begin());
        if (!match) {
            r.status = evm::StatusCode::revert;
            r.output = error_string("Error != expected error: " + describe_revert_data(r.output) +
                                    " != " + describe_revert_data(*exp.data));
            return;
        }
    }
    // Solidity decodes the "returned" data of a call it saw succeed: give it
    // zeros to read, as forge does (and a non-zero address for a create).
    r.status = evm::StatusCode::success;
    r.output.assign(create ? 0 : 8192, 0);
    if (create) r.create_address = address_literal("0000000000000000000000000000000000000001");
}

// The expected emits cover the next call made where vm.expectEmit was called:
// when it ends, each must have matched (as often as its count says).
void Cheatcodes::check_expected_emits(const evm::Message& msg, evm::ExecResult& r) {
    std::optional<std::string> failure;
    bool checked = false;
    for (const auto& e : expected_emits) {
        if (!e.log || e.depth != msg.depth) continue;
        checked = true;
        if (failure) continue;
        if (e.count ? e.seen != *e.count : !e.found)
            failure = e.count && *e.count == 0 ? "log emitted but expected 0 times" : "log != expected log";
    }
    if (!checked) return;
    std::erase_if(expected_emits, [&](const ExpectedEmit& e) { return e.log && e.depth == msg.depth; });
    if (failure && r.status == evm::StatusCode::success) {
        r.status = evm::StatusCode::revert;
        r.output = error_string(*failure);
    }
}

void Cheatcodes::after_call(const evm::Message& msg, evm::ExecResult& r) {
    if (!is_special(msg.code_address)) {
        apply_expected_revert(msg, r);
        check_expected_emits(msg, r);
    }
    if (!origin_restore_.empty()) {
        if (origin_restore_.back()) ctx_.origin = *origin_restore_.back();
        origin_restore_.pop_back();
    }
    if (record_trace_ && !open_frames_.empty()) {
        TraceFrame& f = trace_[open_frames_.back()];
        open_frames_.pop_back();
        f.status = r.status;
        f.output.assign(r.output.begin(), r.output.begin() + std::min<size_t>(r.output.size(), 4096));
        f.gas_used = msg.gas - r.gas_left;
        if (r.status == evm::StatusCode::success && !r.create_address.is_zero()) f.target = r.create_address;
    }
}

static bool log_matches(const Cheatcodes::ExpectedEmit& e, const Address& addr, BytesView data, const Bytes32* topics,
                        size_t n) {
    const evm::Log& t = *e.log;
    if (e.emitter && *e.emitter != addr) return false;
    if (t.topics.size() != n) return false;
    if (n > 0 && t.topics[0] != topics[0]) return false;
    for (size_t i = 1; i < n && i < 4; ++i)
        if (e.checks[i - 1] && t.topics[i] != topics[i]) return false;
    if (e.checks[3] && !std::equal(t.data.begin(), t.data.end(), data.begin(), data.end())) return false;
    return true;
}

void Cheatcodes::on_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) {
    evm::Log log{addr, std::vector<Bytes32>(topics, topics + num_topics), Bytes(data.begin(), data.end())};
    if (!expected_emits.empty() && !expected_emits.back().log) {
        // The emit right after vm.expectEmit is the template, not a match.
        expected_emits.back().log = log;
    } else {
        for (auto& e : expected_emits) {
            if (!e.log) continue;
            if (e.count) {
                if (log_matches(e, addr, data, topics, num_topics)) {
                    ++e.seen;
                    break;
                }
                continue;
            }
            if (e.found) continue;
            if (log_matches(e, addr, data, topics, num_topics)) e.found = true;
            break;  // in order: only the first open expectation may match
        }
    }
    if (recording_logs) recorded_logs.push_back(log);
    if (auto line = format_ds_log(log)) decoded_logs_.push_back(std::move(*line));
    logs_.push_back(std::move(log));
}

void Cheatcodes::on_storage_read(const Address& addr, const uint256& key) {
    if (recording_accesses) reads[addr].push_back(key.to_bytes32());
}

void Cheatcodes::on_storage_write(const Address& addr, const uint256& key, const uint256&) {
    if (!recording_accesses) return;
    // forge records an SSTORE as a read and a write of the slot.
    reads[addr].push_back(key.to_bytes32());
    writes[addr].push_back(key.to_bytes32());
}

std::optional<std::string> Cheatcodes::unmet_expectations() const {
    if (expected_revert) return "call didn't revert at a lower depth than cheatcode call depth";
    for (const auto& e : expected_emits)
        if (e.count ? e.seen != *e.count : !e.found)
            return "expected an emit, but no logs were emitted afterwards. you might have mismatched events or not "
                   "enough events were emitted";
    for (const auto& c : expected_calls) {
        const bool ok = c.count ? c.seen == *c.count : c.seen >= 1;
        if (ok) continue;
        const uint64_t want = c.count ? *c.count : 1;
        std::string s = "expected call to " + to_checksum(c.callee) + " with data " + to_hex(c.data);
        if (c.value) s += " and value " + c.value->to_dec();
        s += " to be called " + std::to_string(want) + " time" + (want == 1 ? "" : "s") +
             ", but was called " + std::to_string(c.seen) + " time" + (c.seen == 1 ? "" : "s");
        return s;
    }
    return std::nullopt;
}

std::string describe_revert_data(BytesView data) {
    if (data.empty()) return "EvmError: Revert";
    if (auto r = abi::decode_revert(data); r.ok()) {
        if (r->kind == abi::Revert::Kind::error_string) return r->message;
        if (r->kind == abi::Revert::Kind::panic) return r->description;
    }
    bool printable = true;
    for (uint8_t c : data)
        if (c < 0x20 || c > 0x7e) printable = false;
    if (printable) return std::string(data.begin(), data.end());
    if (data.size() == 4) return "custom error " + to_hex(data);
    return to_hex(data);
}

}  // namespace suture::verify::foundry
