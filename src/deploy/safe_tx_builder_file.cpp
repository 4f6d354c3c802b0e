#include "deploy/safe_tx_builder_file.hpp"

#include <algorithm>

#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::deploy {
namespace {

using nlohmann::json;

// The app serialises with JavaScript's JSON.stringify; nlohmann's dump() writes
// strings, integers, booleans and null the same way (UTF-8 kept as is).
void serialize(const json& j, std::string& out) {
    if (j.is_array()) {
        out += '[';
        for (size_t i = 0; i < j.size(); ++i) {
            if (i) out += ',';
            serialize(j[i], out);
        }
        out += ']';
    } else if (j.is_object()) {
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
        std::sort(keys.begin(), keys.end());  // JS Array.sort: UTF-16 code unit order (ASCII keys here)
        out += '{';
        out += json(keys).dump();
        for (const auto& k : keys) {
            serialize(j.at(k), out);
            out += ',';
        }
        out += '}';
    } else {
        out += j.dump();
    }
}

}  // namespace

std::string batch_file_checksum(const json& batch) {
    json copy = batch;
    if (copy.contains("meta") && copy["meta"].is_object()) {
        copy["meta"].erase("checksum");
        copy["meta"]["name"] = nullptr;
    }
    std::string s;
    serialize(copy, s);
    auto h = keccak256(s);
    return to_hex(h);
}

json safe_batch_file(const BatchFileInfo& info, const std::vector<BatchCall>& calls) {
    json txs = json::array();
    for (const auto& c : calls)
        txs.push_back({{"to", to_checksum(c.to)}, {"value", c.value.to_dec()}, {"data", to_hex(c.data)}});
    json batch = {
        {"version", "1.0"},
        {"chainId", std::to_string(info.chain_id)},
        {"createdAt", info.created_at_ms},
        {"meta",
         {{"name", info.name},
          {"description", info.description},
          {"txBuilderVersion", info.tx_builder_version},
          {"createdFromSafeAddress", to_checksum(info.safe)},
          {"createdFromOwnerAddress", ""}}},
        {"transactions", txs},
    };
    batch["meta"]["checksum"] = batch_file_checksum(batch);
    return batch;
}

Result<std::vector<BatchCall>> parse_safe_batch_file(const json& batch) {
    auto field_error = [](const std::string& path, const std::string& what) {
        return input_error("Safe batch file: " + path + ": " + what);
    };
    if (!batch.is_object()) return field_error("$", "expected an object");
    if (!batch.contains("version") || !batch["version"].is_string())
        return field_error("$.version", "expected a string");
    if (!batch.contains("chainId") || !batch["chainId"].is_string())
        return field_error("$.chainId", "expected a decimal string");
    if (!batch.contains("meta") || !batch["meta"].is_object()) return field_error("$.meta", "expected an object");
    const auto& meta = batch["meta"];
    if (meta.contains("checksum") && meta["checksum"].is_string()) {
        auto want = batch_file_checksum(batch);
        if (meta["checksum"].get<std::string>() != want)
            return field_error("$.meta.checksum", "does not match the file's content (expected " + want + ")");
    }
    if (!batch.contains("transactions") || !batch["transactions"].is_array())
        return field_error("$.transactions", "expected an array");
    std::vector<BatchCall> out;
    const auto& txs = batch["transactions"];
    for (size_t i = 0; i < txs.size(); ++i) {
        std::string at = "$.transactions[" + std::to_string(i) + "]";
        const auto& t = txs[i];
        if (!t.is_object()) return field_error(at, "expected an object");
        BatchCall c;
        if (!t.contains("to") || !t["to"].is_string()) return field_error(at + ".to", "expected an address");
        auto to = parse_address(t["to"].get<std::string>());
        if (!to) return field_error(at + ".to", to.error().message);
        c.to = *to;
        if (!t.contains("value") || !t["value"].is_string())
            return field_error(at + ".value", "expected a decimal string");
        auto v = uint256::parse(t["value"].get<std::string>());
        if (!v) return field_error(at + ".value", v.error().message);
        c.value = *v;
        if (!t.contains("data") || !t["data"].is_string())
            return field_error(at + ".data", "expected hex call data (decoded contractMethod entries are not read)");
        auto d = from_hex(t["data"].get<std::string>());
        if (!d) return field_error(at + ".data", d.error().message);
        c.data = std::move(*d);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace suture::deploy
