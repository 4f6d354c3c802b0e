#include "chain/devnode/rpc_params.hpp"

#include "chain/rpc_json.hpp"

namespace suture::chain {

using nlohmann::json;

void fail(int64_t code, std::string message, json data) { throw RpcFailure{NodeError{code, std::move(message), std::move(data)}}; }

namespace {

template <typename T>
T value_or_fail(Result<T> r, const Params& p, size_t i, std::string_view name) {
    if (!r.ok()) {
        // The parser names "param" as its field; keep only the reason.
        std::string why = r.error().message;
        if (auto c = why.find(": "); c != std::string::npos && why.starts_with("field ")) why = why.substr(c + 2);
        p.bad(i, name, why);
    }
    return std::move(r).value();
}

}  // namespace

Params::Params(const json& params, std::string_view method) : params_(params), method_(method) {
    if (!params.is_null() && !params.is_array())
        fail(kInvalidParams, "invalid params for " + method_ + ": expected an array of params");
}

size_t Params::size() const { return params_.is_array() ? params_.size() : 0; }

bool Params::has(size_t i) const { return i < size() && !params_[i].is_null(); }

void Params::bad(size_t i, std::string_view name, const std::string& why) const {
    fail(kInvalidParams, "invalid params for " + method_ + ": param " + std::to_string(i + 1) + " (" + std::string(name) + "): " + why);
}

void Params::at_most(size_t n) const {
    if (size() > n)
        fail(kInvalidParams, "invalid params for " + method_ + ": " + std::to_string(size()) + " params, at most " +
                                 std::to_string(n) + " expected");
}

const json& Params::at(size_t i, std::string_view name) const {
    if (!has(i)) bad(i, name, "missing");
    return params_[i];
}

Address Params::address(size_t i, std::string_view name) const { return value_or_fail(parse_addr(at(i, name), "param"), *this, i, name); }
uint64_t Params::u64(size_t i, std::string_view name) const { return value_or_fail(parse_u64(at(i, name), "param"), *this, i, name); }
uint256 Params::u256(size_t i, std::string_view name) const { return value_or_fail(parse_u256(at(i, name), "param"), *this, i, name); }
Bytes Params::data(size_t i, std::string_view name) const { return value_or_fail(parse_data(at(i, name), "param"), *this, i, name); }
Bytes32 Params::bytes32(size_t i, std::string_view name) const {
    return value_or_fail(parse_bytes32(at(i, name), "param"), *this, i, name);
}

bool Params::boolean(size_t i, std::string_view name) const {
    const json& j = at(i, name);
    if (!j.is_boolean()) bad(i, name, "expected true or false");
    return j.get<bool>();
}

const json& Params::object(size_t i, std::string_view name) const {
    const json& j = at(i, name);
    if (!j.is_object()) bad(i, name, "expected an object");
    return j;
}

BlockRef Params::block(size_t i, std::string_view name, const char* fallback) const {
    BlockRef ref;
    if (!has(i)) {
        ref.tag = fallback;
        return ref;
    }
    const json& j = params_[i];
    if (j.is_string()) {
        const std::string s = j.get<std::string>();
        if (s == "latest" || s == "pending" || s == "earliest" || s == "safe" || s == "finalized") {
            ref.tag = s;
            return ref;
        }
        auto n = parse_u64(j, "param");
        if (!n.ok()) bad(i, name, "expected a block number or one of latest, pending, earliest, safe, finalized");
        ref.number = *n;
        return ref;
    }
    if (j.is_object()) {  // EIP-1898
        if (auto h = j.find("blockHash"); h != j.end()) {
            ref.hash = value_or_fail(parse_bytes32(*h, "param"), *this, i, name);
            return ref;
        }
        if (auto n = j.find("blockNumber"); n != j.end()) {
            Params inner(json::array({*n}), method_);
            BlockRef r = inner.block(0, name);
            return r;
        }
    }
    bad(i, name, "expected a block number, a tag or {blockHash}/{blockNumber}");
}

CallFields Params::call(size_t i, std::string_view name) const {
    const json& o = object(i, name);
    CallFields c;
    auto field = [&](const char* key) -> const json* {
        auto it = o.find(key);
        return it == o.end() || it->is_null() ? nullptr : &*it;
    };
    auto read = [&](const char* key, auto parse, auto& out) {
        if (const json* v = field(key)) {
            auto r = parse(*v, key);
            if (!r.ok()) bad(i, std::string(name) + "." + key, r.error().message);
            out = std::move(r).value();
        }
    };
    read("from", parse_addr, c.from);
    read("to", parse_addr, c.to);
    read("gas", parse_u64, c.gas);
    read("gasPrice", parse_u256, c.gas_price);
    read("maxFeePerGas", parse_u256, c.max_fee_per_gas);
    read("maxPriorityFeePerGas", parse_u256, c.max_priority_fee_per_gas);
    read("value", parse_u256, c.value);
    read("nonce", parse_u64, c.nonce);
    // geth reads "input", older clients send "data"; both must agree when both are set.
    std::optional<Bytes> input, data;
    read("input", parse_data, input);
    read("data", parse_data, data);
    if (input && data && *input != *data) bad(i, std::string(name) + ".input", "input and data differ");
    c.data = input ? std::move(*input) : data ? std::move(*data) : Bytes{};
    return c;
}

}  // namespace suture::chain
