#include "verify/poc_transactions.hpp"

#include "core/hex.hpp"
#include "solidity/json_file.hpp"
#include "solidity/json_ref.hpp"

namespace suture::verify {
namespace {

using solidity::JsonRef;

Result<Address> address_at(const JsonRef& tx, std::string_view key) {
    auto s = tx.str_at(key);
    if (!s) return s.error();
    auto a = parse_address(s.value());
    if (!a) return tx.error(std::string(key) + ": " + a.error().message);
    return a.value();
}

Result<int64_t> non_negative_at(const JsonRef& tx, std::string_view key, int64_t fallback) {
    auto f = tx.find(key);
    if (!f) return fallback;
    auto v = f->integer();
    if (!v) return v.error();
    if (v.value() < 0) return f->error("must not be negative");
    return v.value();
}

Result<PocTransaction> parse_transaction(const JsonRef& tx) {
    if (auto s = tx.expect_object(); !s) return s.error();
    for (const auto& [key, value] : tx.json().items()) {
        (void)value;
        static constexpr std::string_view kKeys[] = {"from", "to", "value", "data", "gas", "advance_blocks",
                                                     "advance_seconds", "comment"};
        bool known = false;
        for (auto k : kKeys) known = known || key == k;
        if (!known) return tx.error("unknown key \"" + std::string(key) + "\"");
    }
    PocTransaction t;
    auto from = address_at(tx, "from");
    if (!from) return from.error();
    t.from = from.value();
    if (auto to = tx.find("to")) {
        auto a = address_at(tx, "to");
        if (!a) return a.error();
        t.to = a.value();
    }
    if (auto v = tx.find("value")) {
        if (v->json().is_number_unsigned() || v->json().is_number_integer()) {
            auto n = v->integer();
            if (!n) return n.error();
            if (n.value() < 0) return v->error("must not be negative");
            t.value = uint256(static_cast<uint64_t>(n.value()));
        } else {
            auto s = v->str();
            if (!s) return s.error();
            auto n = uint256::parse(s.value());
            if (!n) return v->error(n.error().message);
            t.value = n.value();
        }
    }
    if (auto d = tx.find("data")) {
        auto s = d->str();
        if (!s) return s.error();
        auto bytes = from_hex(s.value());
        if (!bytes) return d->error(bytes.error().message);
        t.data = std::move(bytes.value());
    }
    auto gas = non_negative_at(tx, "gas", t.gas);
    if (!gas) return gas.error();
    t.gas = gas.value();
    auto blocks = non_negative_at(tx, "advance_blocks", 0);
    if (!blocks) return blocks.error();
    t.advance_blocks = blocks.value();
    auto seconds = non_negative_at(tx, "advance_seconds", 0);
    if (!seconds) return seconds.error();
    t.advance_seconds = seconds.value();
    if (!t.to && t.data.empty()) return tx.error("a contract creation (no \"to\") needs \"data\"");
    return t;
}

}  // namespace

Result<std::vector<PocTransaction>> load_poc_transactions(const std::string& path) {
    auto doc = solidity::load_json_file(path);
    if (!doc) return doc.error();
    JsonRef root(*doc.value(), std::make_shared<const std::string>(path));
    if (auto s = root.expect_array(); !s) return s.error();
    if (root.size() == 0) return root.error("no transactions");
    std::vector<PocTransaction> txs;
    for (size_t i = 0; i < root.size(); ++i) {
        auto tx = root.at(i);
        if (!tx) return tx.error();
        auto t = parse_transaction(tx.value());
        if (!t) return t.error();
        txs.push_back(std::move(t.value()));
    }
    return txs;
}

Result<std::vector<PocTxOutcome>> run_poc_transactions(evm::OverlayBackend& state, evm::Revision rev,
                                                       evm::BlockEnv& block,
                                                       const std::vector<PocTransaction>& txs,
                                                       evm::CallInspector* inspector) {
    std::vector<PocTxOutcome> outcomes;
    evm::ExecOptions options;
    options.inspector = inspector;
    for (const PocTransaction& t : txs) {
        block.number += t.advance_blocks;
        block.timestamp += t.advance_seconds;
        evm::CallRequest call;
        call.from = t.from;
        call.to = t.to;
        call.data = t.data;
        call.value = t.value;
        call.gas = t.gas;
        auto r = evm::execute_call(state, rev, block, call, options);
        if (!r) return std::move(r).error().context("transaction " + std::to_string(outcomes.size()));
        // The diff of a failed call holds only what a chain keeps of a
        // failed transaction (the nonce); applying it keeps later nonces right.
        state.apply(r.value().diff);
        PocTxOutcome o;
        o.status = r.value().receipt.status;
        o.output = std::move(r.value().receipt.output);
        o.created = r.value().receipt.created;
        o.gas_used = r.value().receipt.gas_used;
        o.logs = std::move(r.value().receipt.logs);
        outcomes.push_back(std::move(o));
    }
    return outcomes;
}

}  // namespace suture::verify
