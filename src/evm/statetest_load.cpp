#include "evm/statetest_load.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::evm {
namespace {

using nlohmann::json;

// Field readers: each names the field in its error.
Result<const json*> field(const json& obj, const char* name) {
    if (!obj.is_object() || !obj.contains(name)) return input_error(std::string("missing field '") + name + "'");
    return &obj[name];
}

Result<std::string> text(const json& j, const char* what) {
    if (!j.is_string()) return input_error(std::string("'") + what + "' is not a string");
    return j.get<std::string>();
}

Result<uint256> number(const json& j, const char* what) {
    SUTURE_TRY(s, text(j, what));
    auto v = uint256::parse(s);
    if (!v) return std::move(v).error().context(what);
    return *v;
}

Result<int64_t> number64(const json& j, const char* what) {
    SUTURE_TRY(v, number(j, what));
    if (!v.fits_u64() || v.low64() > uint64_t(INT64_MAX))
        return input_error(std::string("'") + what + "' does not fit 63 bits");
    return int64_t(v.low64());
}

Result<Bytes> hex_bytes(const json& j, const char* what) {
    SUTURE_TRY(s, text(j, what));
    auto b = from_hex(s);
    if (!b) return std::move(b).error().context(what);
    return std::move(*b);
}

Result<Bytes32> hash(const json& j, const char* what) {
    SUTURE_TRY(b, hex_bytes(j, what));
    if (b.size() > 32) return input_error(std::string("'") + what + "' is longer than 32 bytes");
    Bytes32 h{};
    std::copy(b.begin(), b.end(), h.begin() + (32 - b.size()));
    return h;
}

Result<Address> address(const json& j, const char* what) {
    SUTURE_TRY(b, hex_bytes(j, what));
    if (b.size() != 20) return input_error(std::string("'") + what + "' is not a 20-byte address");
    Address a;
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

// A required field of obj, read as `read` reads it.
template <typename Read>
auto required(const json& obj, const char* name, Read read) -> decltype(read(obj, name)) {
    SUTURE_TRY(j, field(obj, name));
    return read(*j, name);
}

Status load_pre(const json& pre, MemoryBackend& out) {
    if (!pre.is_object()) return input_error("'pre' is not an object");
    for (const auto& [key, acc] : pre.items()) {
        SUTURE_TRY(addr, address(json(key), "pre address"));
        SUTURE_TRY(balance, required(acc, "balance", number));
        SUTURE_TRY(nonce, required(acc, "nonce", number));
        if (!nonce.fits_u64()) return input_error("pre " + key + ": nonce exceeds 64 bits");
        SUTURE_TRY(code, required(acc, "code", hex_bytes));
        std::unordered_map<uint256, uint256, Uint256Hash> storage;
        if (acc.contains("storage")) {
            for (const auto& [k, v] : acc["storage"].items()) {
                SUTURE_TRY(slot, number(json(k), "storage key"));
                SUTURE_TRY(value, number(v, "storage value"));
                storage[slot] = value;
            }
        }
        out.set_account(addr, nonce.low64(), balance, std::move(code), storage);
    }
    return {};
}

Status load_env(const json& env, BlockEnv& block) {
    SUTURE_TRY(coinbase, required(env, "currentCoinbase", address));
    block.coinbase = coinbase;
    SUTURE_TRY(num, required(env, "currentNumber", number64));
    block.number = num;
    SUTURE_TRY(ts, required(env, "currentTimestamp", number64));
    block.timestamp = ts;
    SUTURE_TRY(gl, required(env, "currentGasLimit", number64));
    block.gas_limit = gl;
    // PREVRANDAO from Paris; the fixtures of older forks carry only the difficulty.
    const char* randao = env.contains("currentRandom") ? "currentRandom" : "currentDifficulty";
    SUTURE_TRY(r, required(env, randao, number));
    block.prev_randao = r;
    if (env.contains("currentBaseFee")) {
        SUTURE_TRY(bf, number(env["currentBaseFee"], "currentBaseFee"));
        block.base_fee = bf;
    }
    if (env.contains("currentExcessBlobGas")) {
        SUTURE_TRY(eb, number64(env["currentExcessBlobGas"], "currentExcessBlobGas"));
        block.excess_blob_gas = uint64_t(eb);
    }
    // State tests have no chain behind them: like the clients that fill them,
    // BLOCKHASH(n) answers keccak256 of n's decimal digits.
    block.block_hashes = [](int64_t n) { return keccak256(std::to_string(n)); };
    return {};
}

Result<std::vector<AccessListEntry>> access_list(const json& j) {
    std::vector<AccessListEntry> out;
    if (!j.is_array()) return input_error("an access list is not an array");
    for (const auto& e : j) {
        SUTURE_TRY(a_j, field(e, "address"));
        SUTURE_TRY(addr, address(*a_j, "accessList address"));
        AccessListEntry entry{addr, {}};
        SUTURE_TRY(keys, field(e, "storageKeys"));
        for (const auto& k : *keys) {
            SUTURE_TRY(h, hash(k, "accessList storage key"));
            entry.keys.push_back(h);
        }
        out.push_back(std::move(entry));
    }
    return out;
}

// EIP-7702 tuples as execution-spec-tests writes them ("v" or "yParity",
// and a "signer" the rules recompute, so it is not read).
Status load_authorizations(const json& list, StateTest& test) {
    if (!list.is_array()) return input_error("'authorizationList' is not an array");
    for (const auto& e : list) {
        Authorization a;
        SUTURE_TRY(cid, required(e, "chainId", number));
        SUTURE_TRY(addr, required(e, "address", address));
        SUTURE_TRY(nonce, required(e, "nonce", number));
        SUTURE_TRY(y, required(e, e.is_object() && e.contains("yParity") ? "yParity" : "v", number));
        SUTURE_TRY(r, required(e, "r", number));
        SUTURE_TRY(s, required(e, "s", number));
        if (!nonce.fits_u64()) test.unrepresentable = "an authorization nonce exceeds 64 bits";
        a.chain_id = cid;
        a.address = addr;
        a.nonce = nonce.fits_u64() ? nonce.low64() : UINT64_MAX;
        a.y_parity = y;
        a.r = r;
        a.s = s;
        test.tx.authorization_list.push_back(a);
    }
    return {};
}

// "config": the chain id, and the blob schedule entry of the fork.
Status load_config(const json& config, const std::string& fork, BlockEnv& block) {
    if (!config.is_object()) return input_error("'config' is not an object");
    if (config.contains("chainid")) {
        SUTURE_TRY(cid, number(config["chainid"], "chainid"));
        block.chain_id = cid;
    }
    if (config.contains("blobSchedule") && config["blobSchedule"].contains(fork)) {
        const json& e = config["blobSchedule"][fork];
        SUTURE_TRY(target, required(e, "target", number64));
        SUTURE_TRY(max, required(e, "max", number64));
        SUTURE_TRY(fraction, required(e, "baseFeeUpdateFraction", number64));
        block.blob_schedule = BlobParams{uint64_t(target), uint64_t(max), uint64_t(fraction)};
    }
    return {};
}

Status load_transaction(const json& t, StateTest& test) {
    Transaction& tx = test.tx;
    SUTURE_TRY(sender, required(t, "sender", address));
    tx.sender = sender;
    SUTURE_TRY(to, required(t, "to", text));
    if (!to.empty()) {
        SUTURE_TRY(a, address(t["to"], "to"));
        tx.to = a;
    }
    SUTURE_TRY(nonce, required(t, "nonce", number));
    // A nonce beyond 64 bits cannot be in a valid transaction; keep it
    // saturated so validation rejects it.
    tx.nonce = nonce.fits_u64() ? nonce.low64() : UINT64_MAX;
    if (t.contains("maxFeePerGas")) {
        tx.type = TxType::dynamic_fee;
        SUTURE_TRY(mf, number(t["maxFeePerGas"], "maxFeePerGas"));
        SUTURE_TRY(mp, required(t, "maxPriorityFeePerGas", number));
        tx.max_fee_per_gas = mf;
        tx.max_priority_fee_per_gas = mp;
    } else {
        SUTURE_TRY(gp, required(t, "gasPrice", number));
        tx.gas_price = gp;
    }
    if (t.contains("blobVersionedHashes")) {
        tx.type = TxType::blob;
        for (const auto& h : t["blobVersionedHashes"]) {
            SUTURE_TRY(b, hash(h, "blobVersionedHashes"));
            tx.blob_hashes.push_back(b);
        }
        SUTURE_TRY(mb, required(t, "maxFeePerBlobGas", number));
        tx.max_fee_per_blob_gas = mb;
    }
    if (t.contains("authorizationList")) {
        tx.type = TxType::set_code;
        SUTURE_CHECK(load_authorizations(t["authorizationList"], test));
    }
    for (const char* name : {"data", "gasLimit", "value"}) {
        SUTURE_TRY(arr, field(t, name));
        if (!arr->is_array()) return input_error(std::string("'") + name + "' is not an array");
        auto& out = name[0] == 'd' ? test.data : name[0] == 'g' ? test.gas_limit : test.value;
        for (const auto& v : *arr) {
            SUTURE_TRY(s, text(v, name));
            out.push_back(std::move(s));
        }
    }
    if (t.contains("accessLists")) {
        for (const auto& al : t["accessLists"]) {
            if (al.is_null()) {
                test.access_lists.emplace_back();
                continue;
            }
            SUTURE_TRY(list, access_list(al));
            test.access_lists.emplace_back(std::move(list));
        }
    }
    return {};
}

Status load_post(const json& post, const std::string& fork, StateTest& test) {
    if (!post.contains(fork)) return {};
    size_t i = 0;
    for (const auto& p : post[fork]) {
        StateTestCase c;
        c.post_index = i++;
        SUTURE_TRY(idx, field(p, "indexes"));
        for (const char* name : {"data", "gas", "value"}) {
            SUTURE_TRY(v, field(*idx, name));
            if (!v->is_number_unsigned()) return input_error(std::string("index '") + name + "' is not a number");
            (name[0] == 'd' ? c.data : name[0] == 'g' ? c.gas : c.value) = v->get<size_t>();
        }
        if (c.data >= test.data.size() || c.gas >= test.gas_limit.size() || c.value >= test.value.size())
            return input_error("post entry " + std::to_string(c.post_index) + ": an index is out of range");
        SUTURE_TRY(h, required(p, "hash", hash));
        c.expected_root = h;
        SUTURE_TRY(l, required(p, "logs", hash));
        c.expected_logs = l;
        if (p.contains("expectException")) {
            SUTURE_TRY(e, text(p["expectException"], "expectException"));
            c.expect_exception = std::move(e);
        }
        test.cases.push_back(std::move(c));
    }
    return {};
}

Result<StateTest> load_test(const std::string& file, const std::string& name, const json& j,
                            const std::string& fork) {
    StateTest test;
    test.file = file;
    test.name = name;
    SUTURE_TRY(pre, field(j, "pre"));
    SUTURE_CHECK(load_pre(*pre, test.pre));
    SUTURE_TRY(env, field(j, "env"));
    SUTURE_CHECK(load_env(*env, test.block));
    if (j.contains("config")) SUTURE_CHECK(load_config(j["config"], fork, test.block));
    SUTURE_TRY(tx, field(j, "transaction"));
    SUTURE_CHECK(load_transaction(*tx, test));
    SUTURE_TRY(post, field(j, "post"));
    SUTURE_CHECK(load_post(*post, fork, test));
    return test;
}

}  // namespace

Result<std::vector<StateTest>> load_state_tests(const std::filesystem::path& file, const std::string& fork) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return input_error(file.string() + ": cannot open");
    json root = json::parse(in, nullptr, false);
    if (root.is_discarded() || !root.is_object()) return input_error(file.string() + ": not a JSON object");
    std::vector<StateTest> tests;
    for (const auto& [name, j] : root.items()) {
        auto t = load_test(file.string(), name, j, fork);
        if (!t) return std::move(t).error().context(file.string() + ": " + name);
        if (!t->cases.empty()) tests.push_back(std::move(*t));
    }
    return tests;
}

Result<Transaction> case_transaction(const StateTest& test, const StateTestCase& c) {
    if (test.unrepresentable) return input_error("transaction: " + *test.unrepresentable);
    Transaction tx = test.tx;
    SUTURE_TRY(data, hex_bytes(json(test.data[c.data]), "data"));
    tx.data = std::move(data);
    SUTURE_TRY(gas, number64(json(test.gas_limit[c.gas]), "gasLimit"));
    tx.gas_limit = gas;
    SUTURE_TRY(value, number(json(test.value[c.value]), "value"));
    tx.value = value;
    if (c.data < test.access_lists.size() && test.access_lists[c.data]) {
        tx.access_list = *test.access_lists[c.data];
        if (tx.type == TxType::legacy) tx.type = TxType::access_list;
    }
    return tx;
}

}  // namespace suture::evm
