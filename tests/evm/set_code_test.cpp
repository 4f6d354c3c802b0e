// EIP-7702 set-code transactions (Prague): authorization signatures and
// processing, delegation designators, calls into delegated accounts, their
// gas, and the EXTCODE* view of a delegated account.
#include <gtest/gtest.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

Bytes hex(const std::string& s) { return *from_hex(s); }
Address address(const std::string& s) {
    Address a;
    const Bytes b = hex(s);
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

// The secret key 1 and its well-known address.
const Address kKeyOneAddress = address("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
const Address kRelayer = address("aa00000000000000000000000000000000000001");
const Address kDelegate = address("de00000000000000000000000000000000000001");
const Address kProbe = address("cc00000000000000000000000000000000000001");
const Address kCoinbase = address("cb00000000000000000000000000000000000001");

// Signs a tuple with the secret key `key` (a small integer) using libsecp256k1 directly.
Authorization sign(uint8_t key, const uint256& chain_id, const Address& to, uint64_t nonce) {
    uint8_t seckey[32] = {};
    seckey[31] = key;
    const Bytes32 digest = authorization_signing_hash(chain_id, to, nonce);
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_ecdsa_recoverable_signature sig;
    EXPECT_TRUE(secp256k1_ecdsa_sign_recoverable(ctx, &sig, digest.data(), seckey, nullptr, nullptr));
    uint8_t rs[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, rs, &recid, &sig);
    secp256k1_context_destroy(ctx);
    Authorization a;
    a.chain_id = chain_id;
    a.address = to;
    a.nonce = nonce;
    a.y_parity = uint64_t(recid);
    a.r = uint256::from_bytes32(*reinterpret_cast<const Bytes32*>(rs));
    a.s = uint256::from_bytes32(*reinterpret_cast<const Bytes32*>(rs + 32));
    return a;
}

TEST(SetCode, SigningHashIsMagicThenRlpOfChainAddressNonce) {
    // 0x05 || rlp([1, address, 0]) = 05 d7 01 94 <20 bytes> 80.
    const Bytes expected = hex("05d70194" + to_hex(kDelegate.bytes, false) + "80");
    EXPECT_EQ(authorization_signing_hash(1, kDelegate, 0), keccak256(expected));
}

TEST(SetCode, RecoversTheSignerAndRejectsBadSignatures) {
    const Authorization good = sign(1, 1, kDelegate, 0);
    EXPECT_EQ(recover_authority(good), kKeyOneAddress);

    Authorization other = good;
    other.nonce = 1;  // a different message: some other signer, never key 1
    ASSERT_TRUE(recover_authority(other));
    EXPECT_NE(*recover_authority(other), kKeyOneAddress);

    const uint256 n = *uint256::parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    struct Case { const char* what; std::function<void(Authorization&)> edit; } cases[] = {
        {"y_parity 2", [](Authorization& a) { a.y_parity = 2; }},
        {"r zero", [](Authorization& a) { a.r = 0; }},
        {"s zero", [](Authorization& a) { a.s = 0; }},
        {"r = n", [&](Authorization& a) { a.r = n; }},
        // EIP-2: the same signature with s' = n - s (and the other parity) is high-s.
        {"high s", [&](Authorization& a) { a.s = n - a.s; a.y_parity = a.y_parity == 0 ? 1 : 0; }},
    };
    for (const auto& c : cases) {
        Authorization a = good;
        c.edit(a);
        EXPECT_FALSE(recover_authority(a)) << c.what;
    }
}

TEST(SetCode, DelegationDesignator) {
    const Bytes code = delegation_code(kDelegate);
    EXPECT_EQ(to_hex(code, false), "ef0100" + to_hex(kDelegate.bytes, false));
    EXPECT_EQ(delegation_target(code), kDelegate);
    Bytes longer = code;
    longer.push_back(0);
    EXPECT_FALSE(delegation_target(longer));
    Bytes other = code;
    other[2] = 0x01;  // 0xef0101: not a designator
    EXPECT_FALSE(delegation_target(other));
    EXPECT_FALSE(delegation_target({}));
}

class SetCodeTx : public ::testing::Test {
protected:
    SetCodeTx() {
        state.set_account(kRelayer, 0, uint256(1'000'000'000'000ULL), {});
        state.set_account(kKeyOneAddress, 0, uint256(1000), {});  // exists: refunded
        // The delegate: SSTORE(0, 0x42) in the storage of whoever runs it.
        state.set_account(kDelegate, 1, 0, hex("604260005500"));
        block.coinbase = kCoinbase;
        block.number = 10;
        block.gas_limit = 30'000'000;
        block.base_fee = 7;
        block.chain_id = 1;
    }
    Transaction set_code(std::vector<Authorization> auths, Address to = kKeyOneAddress) const {
        Transaction tx;
        tx.type = TxType::set_code;
        tx.sender = kRelayer;
        tx.to = to;
        tx.nonce = state.find(kRelayer)->nonce;
        tx.gas_limit = 200'000;
        tx.max_fee_per_gas = 10;
        tx.max_priority_fee_per_gas = 1;
        tx.authorization_list = std::move(auths);
        return tx;
    }
    Result<TxOutcome> run(const Transaction& tx, Revision rev = Revision::prague) {
        auto out = execute_transaction(state, rev, block, tx);
        if (out) state.apply(out->diff);
        return out;
    }
    Bytes code_of(const Address& a) {
        const auto* acc = state.find(a);
        if (!acc || acc->code_hash == kEmptyCodeHash) return {};
        return **state.code(acc->code_hash);
    }
    uint256 storage_of(const Address& a, uint64_t key) { return *state.storage(a, uint256(key)); }

    MemoryBackend state;
    BlockEnv block;
};

TEST_F(SetCodeTx, DelegatesAndRunsTheDelegateInTheAuthoritysContext) {
    auto out = run(set_code({sign(1, 1, kDelegate, 0)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    EXPECT_EQ(code_of(kKeyOneAddress), delegation_code(kDelegate));
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 1u);
    EXPECT_EQ(storage_of(kKeyOneAddress, 0), uint256(0x42));
    EXPECT_EQ(storage_of(kDelegate, 0), uint256(0));
    // 21000 + 25000 intrinsic, 3 + 3 + 22100 for the cold SSTORE of a new
    // value (the delegate is warm for free), minus the 12500 refund for an
    // authority that existed (below the cap of a fifth).
    EXPECT_EQ(out->receipt.gas_used, 46000 + 22106 - 12500);
}

TEST_F(SetCodeTx, InvalidTuplesAreSkippedAndTheTransactionStillRuns) {
    Authorization bad_sig = sign(1, 1, kDelegate, 0);
    bad_sig.y_parity = 5;
    const std::vector<Authorization> skipped = {
        sign(1, 5, kDelegate, 0),           // another chain
        sign(1, 1, kDelegate, 3),           // wrong nonce
        bad_sig,                            // invalid signature
        sign(1, 1, kDelegate, UINT64_MAX),  // nonce 2^64-1
    };
    auto out = run(set_code(skipped));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    EXPECT_TRUE(code_of(kKeyOneAddress).empty());
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 0u);
    EXPECT_EQ(out->receipt.gas_used, 21000 + 4 * 25000);  // no refund without a valid tuple
    EXPECT_EQ(state.find(kRelayer)->nonce, 1u);
}

TEST_F(SetCodeTx, ChainIdZeroIsValidEverywhereAndTheLastTupleWins) {
    const Address other = address("de00000000000000000000000000000000000002");
    state.set_account(other, 1, 0, hex("00"));
    auto out = run(set_code({sign(1, 0, kDelegate, 0), sign(1, 1, other, 1)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(code_of(kKeyOneAddress), delegation_code(other));
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 2u);
    EXPECT_EQ(storage_of(kKeyOneAddress, 0), uint256(0));  // `other` stores nothing
}

TEST_F(SetCodeTx, ANewAuthorityIsNotRefunded) {
    state.set_account(kKeyOneAddress, 0, 0, {});
    MemoryBackend fresh;
    fresh.set_account(kRelayer, 0, uint256(1'000'000'000'000ULL), {});
    fresh.set_account(kDelegate, 1, 0, hex("00"));
    auto out = execute_transaction(fresh, Revision::prague, block, set_code({sign(1, 1, kDelegate, 0)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.gas_used, 46000);
    fresh.apply(out->diff);
    EXPECT_EQ(fresh.find(kKeyOneAddress)->nonce, 1u);
}

TEST_F(SetCodeTx, TheRefundSurvivesAFailedCall) {
    state.set_account(kDelegate, 1, 0, hex("fe"));  // INVALID: the call fails
    auto out = run(set_code({sign(1, 1, kDelegate, 0)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_NE(out->receipt.status, StatusCode::success);
    EXPECT_EQ(code_of(kKeyOneAddress), delegation_code(kDelegate));  // kept
    // All 200000 gas is used by the failed call; the refund is capped at a fifth.
    EXPECT_EQ(out->receipt.gas_used, 200'000 - 12'500);
}

TEST_F(SetCodeTx, SelfSponsoredTupleUsesTheNonceAfterTheTransactions) {
    Transaction tx = set_code({sign(1, 1, kDelegate, 1)});
    tx.sender = kKeyOneAddress;
    tx.nonce = 0;
    state.set_account(kKeyOneAddress, 0, uint256(1'000'000'000'000ULL), {});
    auto out = run(tx);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(code_of(kKeyOneAddress), delegation_code(kDelegate));
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 2u);
    // A delegated account still sends transactions (EIP-3607 as amended).
    Transaction again = set_code({sign(1, 1, Address{}, 3)});
    again.sender = kKeyOneAddress;
    again.nonce = 2;
    out = run(again);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_TRUE(code_of(kKeyOneAddress).empty());  // the zero address clears the delegation
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 4u);
}

TEST_F(SetCodeTx, AnAuthorityWithContractCodeIsSkipped) {
    state.set_account(kKeyOneAddress, 0, uint256(1000), hex("00"));
    auto out = run(set_code({sign(1, 1, kDelegate, 0)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(code_of(kKeyOneAddress), hex("00"));
    EXPECT_EQ(state.find(kKeyOneAddress)->nonce, 0u);
}

TEST_F(SetCodeTx, ValidityRules) {
    struct Case {
        const char* rule;
        Revision rev;
        std::function<void(Transaction&)> edit;
    } cases[] = {
        {"need Prague", Revision::cancun, [](Transaction&) {}},
        {"cannot create", Revision::prague, [](Transaction& t) { t.to.reset(); }},
        {"at least one authorization", Revision::prague, [](Transaction& t) { t.authorization_list.clear(); }},
        {"intrinsic gas", Revision::prague, [](Transaction& t) { t.gas_limit = 45'999; }},
        {"only a set-code", Revision::prague, [](Transaction& t) { t.type = TxType::dynamic_fee; }},
    };
    for (const auto& c : cases) {
        Transaction tx = set_code({sign(1, 1, kDelegate, 0)});
        c.edit(tx);
        auto out = execute_transaction(state, c.rev, block, tx);
        ASSERT_FALSE(out) << c.rule;
        EXPECT_NE(out.error().message.find(c.rule), std::string::npos) << out.error().message;
    }
}

// A probe contract measures the gas of CALL(gas 0) to the delegated account
// twice (cold, then warm), stores both, and stores EXTCODESIZE and
// EXTCODEHASH of the account and the first word EXTCODECOPY copies.
TEST_F(SetCodeTx, CallsChargeTheDelegateAndExtcodeSeesTheDesignator) {
    ASSERT_TRUE(run(set_code({sign(1, 1, kDelegate, 0)})));
    const std::string target = "73" + to_hex(kKeyOneAddress.bytes, false);  // PUSH20 authority
    // GAS, CALL(0, target, 0, 0, 0, 0, 0), POP, GAS, SWAP1, SUB, PUSH1 slot, SSTORE
    auto measured_call = [&](const std::string& slot) {
        return "5a" "6000" "6000" "6000" "6000" "6000" + target + "6000" "f1" "50" "5a" "90" "03" "60" + slot + "55";
    };
    const std::string probe = measured_call("00") + measured_call("01") +
                              target + "3b" "6002" "55" +                  // EXTCODESIZE -> slot 2
                              target + "3f" "6003" "55" +                  // EXTCODEHASH -> slot 3
                              "6020" "6000" "6000" + target + "3c" "600051" "6004" "55" "00";  // EXTCODECOPY word -> 4
    state.set_account(kProbe, 1, 0, hex(probe));

    Transaction call;
    call.type = TxType::dynamic_fee;
    call.sender = kRelayer;
    call.to = kProbe;
    call.nonce = 1;
    call.gas_limit = 500'000;
    call.max_fee_per_gas = 10;
    auto out = run(call);
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->receipt.status, StatusCode::success);
    // 25 for the pushes, POP and GAS around the call; CALL: 100 warm base +
    // 2500 cold authority + 2600 cold delegate (EIP-7702); then both warm.
    EXPECT_EQ(storage_of(kProbe, 0), uint256(25 + 100 + 2500 + 2600));
    EXPECT_EQ(storage_of(kProbe, 1), uint256(25 + 100 + 100));
    EXPECT_EQ(storage_of(kProbe, 2), uint256(23));
    EXPECT_EQ(storage_of(kProbe, 3), uint256::from_bytes32(keccak256(delegation_code(kDelegate))));
    Bytes32 word{};
    const Bytes designator = delegation_code(kDelegate);
    std::copy(designator.begin(), designator.end(), word.begin());
    EXPECT_EQ(storage_of(kProbe, 4), uint256::from_bytes32(word));

    // Under Cancun rules there is no delegation: no delegate charge.
    MemoryBackend cancun = state;
    auto old = execute_transaction(cancun, Revision::cancun, block, [&] {
        Transaction t = call;
        t.nonce = 2;
        return t;
    }());
    ASSERT_TRUE(old) << old.error().message;
    cancun.apply(old->diff);
    EXPECT_EQ(*cancun.storage(kProbe, uint256(0)), uint256(25 + 100 + 2500));
}

TEST_F(SetCodeTx, ACallRunsOneLevelOfDelegationOnly) {
    // The authority delegates to a second delegated account: running a
    // designator as code hits 0xef, an undefined instruction.
    const Address chained = address("de00000000000000000000000000000000000003");
    state.set_account(chained, 0, 0, delegation_code(kDelegate));
    auto out = run(set_code({sign(1, 1, chained, 0)}));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_NE(out->receipt.status, StatusCode::success);
    EXPECT_EQ(storage_of(kKeyOneAddress, 0), uint256(0));
}

TEST_F(SetCodeTx, ADelegateAtAPrecompileRunsNoPrecompile) {
    Address identity;
    identity.bytes[19] = 4;
    Transaction tx = set_code({sign(1, 1, identity, 0)});
    tx.data = hex("1234");
    auto out = run(tx);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    EXPECT_TRUE(out->receipt.output.empty());  // the identity precompile would echo 0x1234
}

}  // namespace
}  // namespace suture::evm
