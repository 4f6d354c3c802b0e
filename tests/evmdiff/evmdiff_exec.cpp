// The Suture side of scripts/evm-differential.mjs: executes transactions in
// the in-process EVM (evm::execute_transaction over a MemoryBackend) and
// prints what anvil is compared with. One JSON object a line on stdin, one
// answer a line on stdout:
//
//   {"op":"block_hashes","hashes":{"<number>":"0x<32 bytes>",...}}
//       BLOCKHASH answers for the cases that follow (missing numbers: zero).
//   {"op":"run","fork":"Cancun","env":{...},"pre":{ADDR:{...}},"tx":{...},
//    "watch":{ADDR:["0xslot",...]}}
//       env: coinbase, number, timestamp, gas_limit, prev_randao, base_fee,
//            excess_blob_gas, chain_id (numbers as 0x-hex strings)
//       pre: nonce, balance, code, storage {slot: value}
//       tx:  type (0-2, 4), sender, to (null: create), nonce, value, data, gas,
//            gas_price, max_fee, max_priority_fee, access_list [{address, keys}],
//            authorization_list [{chainId, address, nonce, yParity, r, s}] (type 4)
//   answer: {"valid":false,"error":"..."} for a transaction the rules reject,
//   else {"valid":true,"status":"success"|"revert"|...,"gas_used":N,
//         "output":"0x..","logs":[{address,topics,data}],
//         "post":{ADDR:{nonce,balance,code,storage:{slot:value}}}}
//   where post holds every account the transaction changed, every watched
//   account and every pre account, each with the slots the transaction
//   changed, the watched slots and its pre slots (zero values included).
//
// Exit 0 at the end of input, 2 on a malformed line (named on stderr).
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "evm/revision.hpp"
#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

using namespace suture;
using namespace suture::evm;
using nlohmann::json;

namespace {

const std::string& text(const json& j, const char* what) {
    if (!j.is_string()) throw std::runtime_error(std::string(what) + " is not a string");
    return j.get_ref<const std::string&>();
}

uint256 number(const json& j, const char* what) {
    if (j.is_number_unsigned()) return uint256(j.get<uint64_t>());
    auto v = uint256::parse(text(j, what));
    if (!v) throw std::runtime_error(std::string(what) + ": " + v.error().message);
    return *v;
}

int64_t number64(const json& j, const char* what) {
    const uint256 v = number(j, what);
    if (!v.fits_u64() || v.w[0] > uint64_t(INT64_MAX)) throw std::runtime_error(std::string(what) + " is too large");
    return int64_t(v.w[0]);
}

Bytes bytes(const json& j, const char* what) {
    auto b = from_hex(text(j, what));
    if (!b) throw std::runtime_error(std::string(what) + ": " + b.error().message);
    return *b;
}

Address address(const json& j, const char* what) {
    const Bytes b = bytes(j, what);
    if (b.size() != 20) throw std::runtime_error(std::string(what) + " is not 20 bytes");
    Address a;
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

Bytes32 word(const json& j, const char* what) {
    return number(j, what).to_bytes32();
}

std::string hex_address(const Address& a) { return to_hex(BytesView(a.bytes.data(), a.bytes.size())); }
std::string hex_word(const Bytes32& w) { return to_hex(BytesView(w.data(), w.size())); }

BlockEnv block_env(const json& env) {
    BlockEnv b;
    b.coinbase = address(env.at("coinbase"), "env.coinbase");
    b.number = number64(env.at("number"), "env.number");
    b.timestamp = number64(env.at("timestamp"), "env.timestamp");
    b.gas_limit = number64(env.at("gas_limit"), "env.gas_limit");
    b.prev_randao = number(env.at("prev_randao"), "env.prev_randao");
    b.base_fee = number(env.at("base_fee"), "env.base_fee");
    b.excess_blob_gas = uint64_t(number64(env.at("excess_blob_gas"), "env.excess_blob_gas"));
    b.chain_id = number(env.at("chain_id"), "env.chain_id");
    return b;
}

Transaction transaction(const json& t) {
    Transaction tx;
    const int64_t type = number64(t.at("type"), "tx.type");
    if (type < 0 || type == 3 || type > 4) throw std::runtime_error("tx.type " + std::to_string(type) + " is not supported here");
    tx.type = TxType(type);
    tx.sender = address(t.at("sender"), "tx.sender");
    if (!t.at("to").is_null()) tx.to = address(t.at("to"), "tx.to");
    tx.nonce = uint64_t(number64(t.at("nonce"), "tx.nonce"));
    tx.value = number(t.at("value"), "tx.value");
    tx.data = bytes(t.at("data"), "tx.data");
    tx.gas_limit = number64(t.at("gas"), "tx.gas");
    tx.gas_price = number(t.at("gas_price"), "tx.gas_price");
    tx.max_fee_per_gas = number(t.at("max_fee"), "tx.max_fee");
    tx.max_priority_fee_per_gas = number(t.at("max_priority_fee"), "tx.max_priority_fee");
    for (const auto& e : t.at("access_list")) {
        AccessListEntry entry;
        entry.address = address(e.at("address"), "tx.access_list.address");
        for (const auto& k : e.at("keys")) entry.keys.push_back(word(k, "tx.access_list.keys"));
        tx.access_list.push_back(std::move(entry));
    }
    if (tx.type == TxType::set_code) {
        for (const auto& a : t.at("authorization_list")) {
            Authorization auth;
            auth.chain_id = number(a.at("chainId"), "authorization chainId");
            auth.address = address(a.at("address"), "authorization address");
            const uint256 nonce = number(a.at("nonce"), "authorization nonce");
            if (!nonce.fits_u64()) throw std::runtime_error("authorization nonce is above 2^64-1");
            auth.nonce = nonce.w[0];
            auth.y_parity = number(a.at("yParity"), "authorization yParity");
            auth.r = number(a.at("r"), "authorization r");
            auth.s = number(a.at("s"), "authorization s");
            tx.authorization_list.push_back(auth);
        }
    }
    return tx;
}

// Slots to report per account: pre slots, watched slots, changed slots.
using SlotSet = std::map<Address, std::set<uint256>>;

json run(const json& req, const std::unordered_map<int64_t, Bytes32>& hashes) {
    const auto rev = revision_from_name(text(req.at("fork"), "fork"));
    if (!rev) throw std::runtime_error("unknown fork " + req.at("fork").dump());
    BlockEnv block = block_env(req.at("env"));
    block.block_hashes = [&hashes](int64_t n) {
        auto it = hashes.find(n);
        return it == hashes.end() ? Bytes32{} : it->second;
    };

    MemoryBackend backend;
    SlotSet report;
    for (const auto& [key, acc] : req.at("pre").items()) {
        const Address a = address(json(key), "pre address");
        std::unordered_map<uint256, uint256, Uint256Hash> storage;
        auto& slots = report[a];
        for (const auto& [k, v] : acc.at("storage").items()) {
            const uint256 slot = number(json(k), "pre storage key");
            storage[slot] = number(v, "pre storage value");
            slots.insert(slot);
        }
        backend.set_account(a, uint64_t(number64(acc.at("nonce"), "pre nonce")), number(acc.at("balance"), "pre balance"),
                            bytes(acc.at("code"), "pre code"), storage);
    }
    for (const auto& [key, slots] : req.at("watch").items()) {
        auto& out = report[address(json(key), "watch address")];
        for (const auto& s : slots) out.insert(number(s, "watch slot"));
    }

    const Transaction tx = transaction(req.at("tx"));
    auto outcome = execute_transaction(backend, *rev, block, tx);
    if (!outcome) {
        if (outcome.error().kind != ErrorKind::input) throw std::runtime_error(outcome.error().message);
        return json{{"valid", false}, {"error", outcome.error().message}};
    }
    for (const auto& change : outcome->diff.accounts) {
        auto& slots = report[change.address];
        for (const auto& [k, v] : change.storage) slots.insert(k);
    }
    backend.apply(outcome->diff);

    const Receipt& r = outcome->receipt;
    json logs = json::array();
    for (const auto& log : r.logs) {
        json topics = json::array();
        for (const auto& t : log.topics) topics.push_back(hex_word(t));
        logs.push_back({{"address", hex_address(log.address)}, {"topics", topics}, {"data", to_hex(log.data)}});
    }
    json post = json::object();
    for (const auto& [a, slots] : report) {
        const MemoryBackend::Account* acc = backend.find(a);
        json storage = json::object();
        for (const auto& s : slots) {
            uint256 v;
            if (acc) {
                auto it = acc->storage.find(s);
                if (it != acc->storage.end()) v = it->second;
            }
            storage[hex_word(s.to_bytes32())] = hex_word(v.to_bytes32());
        }
        post[hex_address(a)] = {{"nonce", acc ? acc->nonce : 0},
                                {"balance", acc ? acc->balance.to_hex() : "0x0"},
                                {"code", acc && acc->code ? to_hex(*acc->code) : "0x"},
                                {"storage", storage}};
    }
    return json{{"valid", true},       {"status", status_name(r.status)}, {"gas_used", r.gas_used},
                {"output", to_hex(r.output)}, {"logs", logs}, {"post", post}};
}

}  // namespace

int main() {
    std::ios::sync_with_stdio(false);
    std::unordered_map<int64_t, Bytes32> hashes;
    std::string line;
    size_t line_no = 0;
    while (std::getline(std::cin, line)) {
        ++line_no;
        if (line.empty()) continue;
        try {
            const json req = json::parse(line);
            const std::string& op = text(req.at("op"), "op");
            if (op == "block_hashes") {
                hashes.clear();
                for (const auto& [k, v] : req.at("hashes").items()) hashes[std::stoll(k)] = word(v, "block hash");
                std::cout << "{}\n" << std::flush;
            } else if (op == "run") {
                std::cout << run(req, hashes).dump() << '\n' << std::flush;
            } else {
                throw std::runtime_error("unknown op \"" + op + "\"");
            }
        } catch (const std::exception& e) {
            std::cerr << "evmdiff_exec: line " << line_no << ": " << e.what() << '\n';
            return 2;
        }
    }
    return 0;
}
