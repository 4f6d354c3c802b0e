// An in-memory Host for interpreter tests, the EVM benchmark and the fuzzer:
// accounts with balance and code, storage with tx-start originals (for SSTORE
// status), EIP-2929 access sets, transient storage and logs. Nested calls run
// the callee's code with execute(); a create runs the initcode and installs
// its output at a counter-derived address. No journal: a failed nested frame's
// writes are not rolled back (tests that need that belong to the state layer).
#pragma once

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/keccak.hpp"
#include "evm/interpreter.hpp"

namespace suture::evm::testing {

struct MockAccount {
    uint256 balance;
    Bytes code;
    std::unordered_map<uint256, uint256, Uint256Hash> storage;
    std::unordered_map<uint256, uint256, Uint256Hash> original;  // values at tx start
};

struct MockLog {
    Address addr;
    Bytes data;
    std::vector<Bytes32> topics;
};

class MockHost : public Host {
public:
    explicit MockHost(Revision r = Revision::cancun) : rev(r) {}

    Revision rev;
    TxContext context;
    std::unordered_map<Address, MockAccount, AddressHash> accounts;
    std::unordered_set<Address, AddressHash> warm_accounts;
    std::unordered_set<uint256, Uint256Hash> warm_slots;  // keyed by slot only: tests use one contract
    std::unordered_map<uint256, uint256, Uint256Hash> transient;
    std::vector<MockLog> logs;
    std::vector<Message> calls;  // every Host::call, in order (input views dangle after the call)
    std::vector<Bytes> call_inputs;  // copies of each call's input
    std::vector<Address> selfdestructs;
    uint64_t create_counter = 0;
    Tracer* tracer = nullptr;

    bool account_exists(const Address& a) override { return accounts.count(a) != 0; }
    uint256 get_storage(const Address& a, const uint256& k) override {
        auto it = accounts.find(a);
        if (it == accounts.end()) return 0;
        auto s = it->second.storage.find(k);
        return s == it->second.storage.end() ? uint256() : s->second;
    }
    StorageStatus set_storage(const Address& a, const uint256& k, const uint256& v) override {
        auto& acc = accounts[a];
        const uint256 current = acc.storage.count(k) ? acc.storage[k] : uint256();
        if (!acc.original.count(k)) acc.original[k] = current;
        const uint256 original = acc.original[k];
        acc.storage[k] = v;
        return storage_status(original, current, v);
    }
    uint256 get_balance(const Address& a) override {
        auto it = accounts.find(a);
        return it == accounts.end() ? uint256() : it->second.balance;
    }
    size_t get_code_size(const Address& a) override {
        auto it = accounts.find(a);
        return it == accounts.end() ? 0 : it->second.code.size();
    }
    Bytes32 get_code_hash(const Address& a) override {
        auto it = accounts.find(a);
        return it == accounts.end() ? Bytes32{} : keccak256(it->second.code);
    }
    size_t copy_code(const Address& a, size_t offset, uint8_t* out, size_t size) override {
        auto it = accounts.find(a);
        if (it == accounts.end() || offset >= it->second.code.size()) return 0;
        const size_t n = std::min(size, it->second.code.size() - offset);
        std::memcpy(out, it->second.code.data() + offset, n);
        return n;
    }
    bool selfdestruct(const Address& a, const Address& beneficiary) override {
        selfdestructs.push_back(a);
        accounts[beneficiary].balance += get_balance(a);
        accounts[a].balance = 0;
        return true;
    }
    ExecResult call(const Message& msg) override {
        calls.push_back(msg);
        call_inputs.emplace_back(msg.input.begin(), msg.input.end());
        Message m = msg;
        Bytes code;
        if (msg.kind == CallKind::create || msg.kind == CallKind::create2) {
            uint8_t raw[32] = {};
            const uint256 n = ++create_counter;
            n.to_be(raw);
            Address created;
            std::memcpy(created.bytes.data(), raw + 12, 20);
            created.bytes[0] = 0xcc;
            m.recipient = created;
            code.assign(msg.input.begin(), msg.input.end());
            m.input = {};
            ExecResult r = execute(*this, rev, m, code, tracer);
            if (r.status == StatusCode::success) {
                accounts[created].code = r.output;
                r.create_address = created;
                r.output.clear();
            }
            return r;
        }
        auto it = accounts.find(msg.code_address);
        if (it != accounts.end()) code = it->second.code;
        if (msg.kind == CallKind::call && msg.value) {
            accounts[msg.sender].balance -= msg.value;
            accounts[msg.recipient].balance += msg.value;
        }
        return execute(*this, rev, m, code, tracer);
    }
    const TxContext& tx_context() override { return context; }
    Bytes32 block_hash(int64_t number) override {
        Bytes32 h{};
        h[31] = uint8_t(number);
        h[0] = 0xbb;
        return h;
    }
    void emit_log(const Address& a, BytesView data, const Bytes32* topics, size_t n) override {
        logs.push_back({a, Bytes(data.begin(), data.end()), std::vector<Bytes32>(topics, topics + n)});
    }
    AccessStatus access_account(const Address& a) override {
        return warm_accounts.insert(a).second ? AccessStatus::cold : AccessStatus::warm;
    }
    AccessStatus access_storage(const Address&, const uint256& k) override {
        return warm_slots.insert(k).second ? AccessStatus::cold : AccessStatus::warm;
    }
    uint256 get_transient_storage(const Address&, const uint256& k) override {
        auto it = transient.find(k);
        return it == transient.end() ? uint256() : it->second;
    }
    void set_transient_storage(const Address&, const uint256& k, const uint256& v) override { transient[k] = v; }

    // EVMC's classification of X -> Y -> Z (original, current, new).
    static StorageStatus storage_status(const uint256& original, const uint256& current, const uint256& value) {
        if (current == value) return StorageStatus::assigned;
        if (original == current) {
            if (!original) return StorageStatus::added;
            return value ? StorageStatus::modified : StorageStatus::deleted;
        }
        if (!original) return value ? StorageStatus::assigned : StorageStatus::added_deleted;
        if (!current) return value == original ? StorageStatus::deleted_restored : StorageStatus::deleted_added;
        if (!value) return StorageStatus::modified_deleted;
        if (value == original) return StorageStatus::modified_restored;
        return StorageStatus::assigned;
    }
};

}  // namespace suture::evm::testing
