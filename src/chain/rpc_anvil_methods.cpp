// RpcClient helpers for anvil/hardhat test nodes (time travel, balances, impersonation).
#include "chain/rpc_client.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {
// These methods answer with a value nobody needs (true, "0x0", null).
Status done(Result<json> r) {
    if (!r.ok()) return std::move(r).error();
    return {};
}
}  // namespace

Status RpcClient::evm_increase_time(uint64_t seconds) {
    return done(request("evm_increaseTime", {seconds}));
}

Status RpcClient::evm_mine() {
    return done(request("evm_mine"));
}

Status RpcClient::anvil_mine(uint64_t blocks) {
    return done(request("anvil_mine", {quantity(blocks)}));
}

Status RpcClient::anvil_set_balance(const Address& a, const uint256& wei) {
    return done(request("anvil_setBalance", {to_hex(a.bytes), quantity(wei)}));
}

Status RpcClient::anvil_impersonate_account(const Address& a) {
    return done(request("anvil_impersonateAccount", {to_hex(a.bytes)}));
}

Status RpcClient::anvil_stop_impersonating_account(const Address& a) {
    return done(request("anvil_stopImpersonatingAccount", {to_hex(a.bytes)}));
}

Status RpcClient::anvil_set_automine(bool on) {
    return done(request("evm_setAutomine", {on}));
}

Result<uint64_t> RpcClient::evm_snapshot() {
    SUTURE_TRY(j, request("evm_snapshot"));
    auto v = parse_u64(j, "result");
    if (!v.ok()) return std::move(v).error().context("evm_snapshot at " + redacted_url());
    return *v;
}

Result<bool> RpcClient::evm_revert(uint64_t snapshot_id) {
    SUTURE_TRY(j, request("evm_revert", {quantity(snapshot_id)}));
    if (!j.is_boolean()) return chain_error("evm_revert at " + redacted_url() + ": expected a boolean answer");
    return j.get<bool>();
}

}  // namespace suture::chain
