// Building, signing, encoding and decoding each transaction type.
#include "chain/transaction.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {
namespace {

SecretKey key_of(const char* hex) { return std::move(SecretKey::from_hex(hex)).value(); }

// The worked example of EIP-155.
TEST(Transaction, Eip155Example) {
    SecretKey key = key_of("4646464646464646464646464646464646464646464646464646464646464646");
    Transaction tx;
    tx.type = TxType::legacy;
    tx.chain_id = 1;
    tx.nonce = 9;
    tx.gas_price = uint256(20'000'000'000ULL);
    tx.gas_limit = 21000;
    tx.to = *parse_address("0x3535353535353535353535353535353535353535");
    tx.value = uint256(1'000'000'000'000'000'000ULL);
    EXPECT_EQ(to_hex(signing_hash(tx)), "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    auto stx = sign_transaction(tx, key);
    ASSERT_TRUE(stx.ok()) << stx.error().message;
    EXPECT_EQ(to_hex(stx->raw),
              "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc"
              "2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
}

TEST(Transaction, SignDecodeRoundTripEveryType) {
    SecretKey key = key_of("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    std::vector<Transaction> txs;
    Transaction base;
    base.chain_id = 31337;
    base.nonce = 7;
    base.gas_limit = 100000;
    base.to = key.address();
    base.value = uint256(12345);
    base.data = {0xde, 0xad, 0x00, 0xbe, 0xef};
    AccessListEntry entry;
    entry.address = key.address();
    entry.keys.push_back(keccak256("slot"));

    Transaction legacy = base;  // EIP-155
    legacy.type = TxType::legacy;
    legacy.gas_price = uint256(1'000'000'000);
    txs.push_back(legacy);
    Transaction unprotected = legacy;
    unprotected.chain_id = 0;
    txs.push_back(unprotected);
    Transaction al = legacy;  // EIP-2930
    al.type = TxType::access_list;
    al.access_list = {entry};
    txs.push_back(al);
    Transaction dyn = base;  // EIP-1559, a creation
    dyn.type = TxType::dynamic_fee;
    dyn.to.reset();
    dyn.max_fee_per_gas = uint256(30'000'000'000ULL);
    dyn.max_priority_fee_per_gas = uint256(1'000'000'000);
    dyn.access_list = {entry, entry};
    txs.push_back(dyn);

    for (const auto& tx : txs) {
        SCOPED_TRACE(int(tx.type));
        auto stx = sign_transaction(tx, key);
        ASSERT_TRUE(stx.ok()) << stx.error().message;
        EXPECT_EQ(stx->hash, keccak256(stx->raw));
        auto back = decode_transaction(stx->raw);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_TRUE(back->tx == tx);
        EXPECT_EQ(back->sender, key.address());
        EXPECT_EQ(back->hash, stx->hash);
        EXPECT_TRUE(validate_static(back->tx, evm::Revision::cancun, tx.chain_id ? tx.chain_id : 5).ok());
    }
}

TEST(Transaction, RefusesShapesThatCannotBeEncoded) {
    SecretKey key = key_of("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    Transaction tx;
    tx.type = TxType::legacy;
    tx.access_list.push_back({});
    EXPECT_FALSE(sign_transaction(tx, key).ok());
    Transaction blob;
    blob.type = TxType::blob;  // no `to`
    EXPECT_FALSE(sign_transaction(blob, key).ok());
}

TEST(Transaction, StaticValidationRules) {
    Transaction ok;
    ok.type = TxType::dynamic_fee;
    ok.chain_id = 1;
    ok.gas_limit = 21000;
    ok.to = Address{};
    ok.max_fee_per_gas = uint256(10);
    ok.max_priority_fee_per_gas = uint256(1);
    ASSERT_TRUE(validate_static(ok, evm::Revision::cancun, 1).ok());
    struct Case { std::function<void(Transaction&)> edit; std::string expect; };
    const std::vector<Case> cases = {
        {[](Transaction& t) { t.chain_id = 5; }, "chain id 5"},
        {[](Transaction& t) { t.gas_limit = 20999; }, "intrinsic gas"},
        {[](Transaction& t) { t.max_priority_fee_per_gas = uint256(11); }, "exceeds the max fee"},
        {[](Transaction& t) { t.nonce = UINT64_MAX; }, "EIP-2681"},
        {[](Transaction& t) { t.max_fee_per_gas = uint256::max(); t.max_priority_fee_per_gas = 0; }, "overflows"},
        {[](Transaction& t) { t.to.reset(); t.gas_limit = 10'000'000; t.data.assign(49153, 0); }, "EIP-3860"},
    };
    for (const auto& c : cases) {
        Transaction t = ok;
        c.edit(t);
        auto st = validate_static(t, evm::Revision::cancun, 1);
        ASSERT_FALSE(st.ok()) << c.expect;
        EXPECT_NE(st.error().message.find(c.expect), std::string::npos) << st.error().message;
    }
}

TEST(Transaction, DecodeRejectsHighS) {
    SecretKey key = key_of("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    Transaction tx;
    tx.gas_limit = 21000;
    tx.to = Address{};
    auto stx = sign_transaction(tx, key);
    ASSERT_TRUE(stx.ok());
    // s' = n - s is the other valid signature for the same digest (EIP-2 forbids it).
    const uint256 n = *uint256::parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    Signature sig = stx->signature;
    sig.s = (n - uint256::from_bytes32(sig.s)).to_bytes32();
    sig.recovery_id ^= 1;
    auto raw = encode_signed(tx, sig);
    ASSERT_TRUE(raw.ok());
    auto d = decode_transaction(*raw);
    ASSERT_FALSE(d.ok());
    EXPECT_NE(d.error().message.find("EIP-2"), std::string::npos) << d.error().message;
}

}  // namespace
}  // namespace suture::chain
