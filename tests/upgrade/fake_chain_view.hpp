// A scripted ChainView for unit tests: code and storage per account, and call
// answers keyed by (target, canonical signature). Unscripted calls revert, as a
// contract without that function would (or answer nothing, for an EOA).
#pragma once

#include <map>
#include <string>
#include <utility>

#include "core/abi_encode.hpp"
#include "core/abi_type.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::upgrade::test {

class FakeChainView : public ChainView {
public:
    std::map<Address, Bytes> codes;
    std::map<std::pair<Address, Bytes32>, Bytes32> slots;
    std::map<std::pair<Address, abi::Selector>, Bytes> answers;
    std::map<std::pair<Address, Bytes32>, std::vector<LogEntry>> log_table;
    bool logs_supported = true;
    int calls = 0;

    // Scripts `to.signature` (e.g. "owner()(address)") to return abi.encode(values).
    void answer(const Address& to, std::string_view signature, const std::vector<abi::AbiValue>& values) {
        auto sig = *abi::parse_signature(signature);
        answers[{to, abi::selector(sig.canonical())}] = *abi::encode(sig.output_types(), values);
    }
    void set_slot(const Address& a, const Bytes32& slot, const Address& value) {
        Bytes32 w{};
        std::copy(value.bytes.begin(), value.bytes.end(), w.begin() + 12);
        slots[{a, slot}] = w;
    }

    Result<Bytes> code(const Address& a) override {
        auto it = codes.find(a);
        return it == codes.end() ? Bytes{} : it->second;
    }
    Result<Bytes32> storage(const Address& a, const Bytes32& slot) override {
        auto it = slots.find({a, slot});
        return it == slots.end() ? Bytes32{} : it->second;
    }
    Result<StaticCallResult> call(const Address& to, BytesView data) override {
        ++calls;
        if (data.size() < 4) return StaticCallResult{true, {}};
        abi::Selector s{data[0], data[1], data[2], data[3]};
        auto it = answers.find({to, s});
        if (it == answers.end()) return StaticCallResult{codes.count(to) != 0, {}};
        return StaticCallResult{false, it->second};
    }
    Result<std::vector<LogEntry>> logs(const Address& emitter, const Bytes32& topic0) override {
        if (!logs_supported) return unsupported_error("logs: not available in this fake");
        auto it = log_table.find({emitter, topic0});
        return it == log_table.end() ? std::vector<LogEntry>{} : it->second;
    }
};

inline Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}

}  // namespace suture::upgrade::test
