// Cheatcodes of the block and transaction environment, callers (prank),
// balances (deal), labels, keys, environment variables, assumptions and forks.
#include <cstdlib>

#include "chain/keys.hpp"
#include "core/hex.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_cheatcodes.hpp"

namespace suture::verify::foundry {
namespace {

using abi::AbiKind;
using abi::AbiType;
using abi::AbiValue;

Result<int64_t> to_i64(const uint256& v, const char* what) {
    if (!v.fits_u64() || v.low64() > uint64_t(INT64_MAX)) return input_error(std::string(what) + " " + v.to_dec() + " is too large");
    return int64_t(v.low64());
}

Result<Bytes> set_timestamp(Cheatcodes& c, const CheatCall& call) {
    SUTURE_TRY(t, to_i64(call.args[0].as_uint(), "timestamp"));
    c.ctx().timestamp = t;
    return Bytes{};
}

Result<Bytes> set_number(Cheatcodes& c, const CheatCall& call) {
    SUTURE_TRY(n, to_i64(call.args[0].as_uint(), "block number"));
    c.ctx().number = n;
    return Bytes{};
}

Result<Bytes> set_base_fee(Cheatcodes& c, const CheatCall& call) {
    c.ctx().base_fee = call.args[0].as_uint();
    return Bytes{};
}

Result<Bytes> set_chain_id(Cheatcodes& c, const CheatCall& call) {
    if (call.args[0].as_uint() > uint256(UINT64_MAX)) return input_error("chain ID must be less than 2^64 - 1");
    c.ctx().chain_id = call.args[0].as_uint();
    return Bytes{};
}

Result<Bytes> set_coinbase(Cheatcodes& c, const CheatCall& call) {
    c.ctx().coinbase = call.args[0].as_address();
    return Bytes{};
}

Result<Bytes> set_gas_price(Cheatcodes& c, const CheatCall& call) {
    c.ctx().gas_price = call.args[0].as_uint();
    return Bytes{};
}

Result<Bytes> set_prevrandao(Cheatcodes& c, const CheatCall& call) {
    const AbiValue& v = call.args[0];
    c.ctx().prev_randao = std::holds_alternative<Bytes>(v.v) ? uint256::from_be(v.as_bytes()) : v.as_uint();
    return Bytes{};
}

Result<Bytes> set_blob_base_fee(Cheatcodes& c, const CheatCall& call) {
    c.ctx().blob_base_fee = call.args[0].as_uint();
    return Bytes{};
}

Result<Bytes> get_block_number(Cheatcodes& c, const CheatCall&) {
    return encode_one(AbiType::uint(), uint256(uint64_t(c.ctx().number)));
}

Result<Bytes> get_block_timestamp(Cheatcodes& c, const CheatCall&) {
    return encode_one(AbiType::uint(), uint256(uint64_t(c.ctx().timestamp)));
}

// prank(sender), prank(sender, origin), startPrank(...): the caller of the
// cheatcode has its next call (or every call, until stopPrank) made as `sender`.
Result<Bytes> start_prank(Cheatcodes& c, const CheatCall& call, bool persistent) {
    if (c.prank && !c.prank->persistent && !c.prank->used)
        return input_error("cannot overwrite a prank until it is applied at least once");
    Cheatcodes::Prank p;
    p.caller = call.msg.sender;
    p.depth = call.msg.depth;
    p.sender = call.args[0].as_address();
    if (call.args.size() > 1 && std::holds_alternative<Address>(call.args[1].v)) p.origin = call.args[1].as_address();
    p.persistent = persistent;
    c.prank = p;
    return Bytes{};
}

Result<Bytes> prank(Cheatcodes& c, const CheatCall& call) { return start_prank(c, call, false); }
Result<Bytes> start_prank_all(Cheatcodes& c, const CheatCall& call) { return start_prank(c, call, true); }

Result<Bytes> stop_prank(Cheatcodes& c, const CheatCall&) {
    c.prank.reset();
    return Bytes{};
}

Result<Bytes> deal(Cheatcodes& c, const CheatCall& call) {
    const Address& who = call.args[0].as_address();
    const uint256& amount = call.args[1].as_uint();
    const uint256 now = c.state().balance(who);
    if (amount > now) c.state().add_balance(who, amount - now);
    else c.state().sub_balance(who, now - amount);
    c.ensure_exists(who);
    return Bytes{};
}

Result<Bytes> label(Cheatcodes& c, const CheatCall& call) {
    c.labels()[call.args[0].as_address()] = call.args[1].as_string();
    return Bytes{};
}

Result<Bytes> get_label(Cheatcodes& c, const CheatCall& call) {
    const Address& a = call.args[0].as_address();
    auto it = c.labels().find(a);
    return encode_one(AbiType::simple(AbiKind::string),
                      it == c.labels().end() ? "unlabeled:" + to_checksum(a) : it->second);
}

Result<chain::SecretKey> key_of(const uint256& pk) {
    auto key = chain::SecretKey::from_bytes(pk.to_bytes32());
    if (!key) return input_error("private key must be a valid secp256k1 scalar (0 < key < n)");
    return key;
}

Result<Bytes> addr(Cheatcodes&, const CheatCall& call) {
    SUTURE_TRY(key, key_of(call.args[0].as_uint()));
    return encode_one(AbiType::simple(AbiKind::address), key.address());
}

Result<Bytes> sign(Cheatcodes&, const CheatCall& call) {
    SUTURE_TRY(key, key_of(call.args[0].as_uint()));
    Bytes32 digest;
    std::copy(call.args[1].as_bytes().begin(), call.args[1].as_bytes().end(), digest.begin());
    const chain::Signature sig = key.sign_hash(digest);
    return encode_outputs({AbiType::uint(8), AbiType::fixed_bytes(32), AbiType::fixed_bytes(32)},
                          {uint256(uint64_t(27 + sig.recovery_id)), Bytes(sig.r.begin(), sig.r.end()),
                           Bytes(sig.s.begin(), sig.s.end())});
}

Result<Bytes> sign_compact(Cheatcodes&, const CheatCall& call) {
    SUTURE_TRY(key, key_of(call.args[0].as_uint()));
    Bytes32 digest;
    std::copy(call.args[1].as_bytes().begin(), call.args[1].as_bytes().end(), digest.begin());
    const chain::Signature sig = key.sign_hash(digest);
    // EIP-2098: the parity goes into the top bit of s.
    Bytes32 vs = sig.s;
    if (sig.recovery_id) vs[0] |= 0x80;
    return encode_outputs({AbiType::fixed_bytes(32), AbiType::fixed_bytes(32)},
                          {Bytes(sig.r.begin(), sig.r.end()), Bytes(vs.begin(), vs.end())});
}

// The output type of an env* cheatcode, by name (envOr by its default argument).
Result<AbiType> env_type(const CheatCall& call) {
    const std::string& n = call.signature.name;
    if (n == "envOr") return call.signature.inputs.back().type;
    if (n == "envUint") return AbiType::uint();
    if (n == "envInt") return AbiType::int_();
    if (n == "envAddress") return AbiType::simple(AbiKind::address);
    if (n == "envBool") return AbiType::simple(AbiKind::bool_);
    if (n == "envBytes32") return AbiType::fixed_bytes(32);
    if (n == "envString") return AbiType::simple(AbiKind::string);
    if (n == "envBytes") return AbiType::simple(AbiKind::bytes);
    return input_error("unknown environment cheatcode");
}

Result<Bytes> env_read(Cheatcodes&, const CheatCall& call) {
    const std::string& var = call.args[0].as_string();
    SUTURE_TRY(type, env_type(call));
    const char* value = std::getenv(var.c_str());
    if (!value) {
        if (call.signature.name == "envOr") return encode_one(type, call.args.back());
        return input_error("environment variable \"" + var + "\" not found");
    }
    std::string text(value);
    if (type.kind == AbiKind::string) return encode_one(type, text);
    if (type.kind == AbiKind::bool_) {
        for (auto& ch : text) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    }
    auto parsed = abi::parse_value(type, text);
    if (!parsed)
        return input_error("failed parsing $" + var + " as type `" + type.canonical() + "`: " + parsed.error().message);
    return encode_one(type, *parsed);
}

Result<Bytes> env_exists(Cheatcodes&, const CheatCall& call) {
    return encode_one(AbiType::simple(AbiKind::bool_), std::getenv(call.args[0].as_string().c_str()) != nullptr);
}

Result<Bytes> assume(Cheatcodes& c, const CheatCall& call) {
    if (call.args[0].as_bool()) return Bytes{};
    c.assume_rejected_ = true;
    return Error{ErrorKind::findings, "FOUNDRY::ASSUME"};
}

Result<Bytes> skip(Cheatcodes& c, const CheatCall& call) {
    if (!call.args[0].as_bool()) return Bytes{};
    c.skipped_ = true;
    return Error{ErrorKind::findings, "FOUNDRY::SKIP"};
}

Result<Bytes> no_op(Cheatcodes&, const CheatCall&) { return Bytes{}; }

void apply_block(evm::TxContext& ctx, const evm::BlockEnv& b) {
    ctx.number = b.number;
    ctx.timestamp = b.timestamp;
    ctx.chain_id = b.chain_id;
    ctx.base_fee = b.base_fee;
    ctx.coinbase = b.coinbase;
    ctx.prev_randao = b.prev_randao;
    ctx.blob_base_fee = evm::blob_base_fee(b.excess_blob_gas);
}

// Forks need an RPC endpoint: a URL, or an alias from foundry.toml's
// [rpc_endpoints] ("invalid rpc url: <alias>" otherwise, as forge says).
Result<Bytes> fork(Cheatcodes& c, const CheatCall& call) {
    const std::string& n = call.signature.name;
    const auto& a = call.args;
    for (const auto& arg : a)
        if (std::holds_alternative<Bytes>(arg.v))
            return unsupported_error("forking at a transaction hash is not supported by suture test yet");
    if (!c.forks) return unsupported_error("forking is not available in this run");
    ForkSet& forks = *c.forks;
    if (n == "createFork" || n == "createSelectFork") {
        std::optional<uint64_t> block;
        if (a.size() > 1) block = a[1].as_uint().low64();
        SUTURE_TRY(id, forks.create(a[0].as_string(), block));
        if (n == "createSelectFork") {
            SUTURE_TRY(env, forks.select(id));
            apply_block(c.ctx(), env);
        }
        return encode_one(AbiType::uint(), uint256(id));
    }
    if (n == "selectFork") {
        SUTURE_TRY(env, forks.select(a[0].as_uint().low64()));
        apply_block(c.ctx(), env);
        return Bytes{};
    }
    if (n == "rollFork") {
        std::optional<uint64_t> id;
        if (a.size() > 1) id = a[0].as_uint().low64();
        SUTURE_TRY(env, forks.roll(id, a.back().as_uint().low64()));
        if (!id || forks.active() == id) apply_block(c.ctx(), env);
        return Bytes{};
    }
    if (!forks.active()) return input_error("no active fork");
    return encode_one(AbiType::uint(), uint256(*forks.active()));
}

}  // namespace

std::vector<CheatEntry> env_cheatcodes() {
    return {
        {"warp(uint256)", set_timestamp},
        {"roll(uint256)", set_number},
        {"fee(uint256)", set_base_fee},
        {"chainId(uint256)", set_chain_id},
        {"coinbase(address)", set_coinbase},
        {"txGasPrice(uint256)", set_gas_price},
        {"prevrandao(bytes32)", set_prevrandao},
        {"prevrandao(uint256)", set_prevrandao},
        {"difficulty(uint256)", set_prevrandao},
        {"blobBaseFee(uint256)", set_blob_base_fee},
        {"getBlockNumber()", get_block_number},
        {"getBlockTimestamp()", get_block_timestamp},
        {"prank(address)", prank},
        {"prank(address,address)", prank},
        {"startPrank(address)", start_prank_all},
        {"startPrank(address,address)", start_prank_all},
        {"stopPrank()", stop_prank},
        {"deal(address,uint256)", deal},
        {"label(address,string)", label},
        {"getLabel(address)", get_label},
        {"addr(uint256)", addr},
        {"sign(uint256,bytes32)", sign},
        {"signCompact(uint256,bytes32)", sign_compact},
        {"envOr(string,bool)", env_read},
        {"envOr(string,uint256)", env_read},
        {"envOr(string,int256)", env_read},
        {"envOr(string,address)", env_read},
        {"envOr(string,bytes32)", env_read},
        {"envOr(string,string)", env_read},
        {"envOr(string,bytes)", env_read},
        {"envUint(string)", env_read},
        {"envInt(string)", env_read},
        {"envAddress(string)", env_read},
        {"envBool(string)", env_read},
        {"envBytes32(string)", env_read},
        {"envString(string)", env_read},
        {"envBytes(string)", env_read},
        {"envExists(string)", env_exists},
        {"assume(bool)", assume},
        {"skip(bool)", skip},
        {"pauseGasMetering()", no_op},
        {"resumeGasMetering()", no_op},
        {"pauseTracing()", no_op},
        {"resumeTracing()", no_op},
        {"createFork(string)", fork},
        {"createFork(string,uint256)", fork},
        {"createFork(string,bytes32)", fork},
        {"createSelectFork(string)", fork},
        {"createSelectFork(string,uint256)", fork},
        {"createSelectFork(string,bytes32)", fork},
        {"selectFork(uint256)", fork},
        {"rollFork(uint256)", fork},
        {"rollFork(uint256,uint256)", fork},
        {"activeFork()", fork},
    };
}

}  // namespace suture::verify::foundry
