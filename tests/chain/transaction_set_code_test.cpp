// EIP-7702 set-code transactions on the wire: signing authorizations, the
// type-4 encoding field by field, strict decoding and static validity.
#include <gtest/gtest.h>

#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"

namespace suture::chain {
namespace {

SecretKey key_of(const char* hex) { return std::move(SecretKey::from_hex(hex)).value(); }

// anvil's first dev key (0xf39F...2266) and secret key 1 (0x7E5F...5Bdf).
const char* kSender = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const char* kKeyOne = "0000000000000000000000000000000000000000000000000000000000000001";

Transaction set_code_tx(const SecretKey& authority) {
    Transaction tx;
    tx.type = TxType::set_code;
    tx.chain_id = 1;
    tx.nonce = 3;
    tx.max_priority_fee_per_gas = 2;
    tx.max_fee_per_gas = 30;
    tx.gas_limit = 100'000;
    tx.to = authority.address();
    tx.data = {0x01, 0x02};
    const Address delegate = *parse_address("0x00000000000000000000000000000000000000de");
    tx.authorization_list = {sign_authorization(1, delegate, 0, authority),
                             sign_authorization(0, delegate, 1, authority)};
    return tx;
}

TEST(SetCodeTransaction, AuthorizationsRecoverToTheirSigner) {
    const SecretKey one = key_of(kKeyOne);
    EXPECT_EQ(to_checksum(one.address()), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    const Authorization a = sign_authorization(31337, *parse_address("0x00000000000000000000000000000000000000de"), 5, one);
    EXPECT_EQ(evm::recover_authority(a), one.address());
    EXPECT_LE(a.y_parity, uint256(1));
}

TEST(SetCodeTransaction, EncodingFollowsTheEipsFieldOrder) {
    const SecretKey sender = key_of(kSender), one = key_of(kKeyOne);
    const Transaction tx = set_code_tx(one);
    auto stx = sign_transaction(tx, sender);
    ASSERT_TRUE(stx) << stx.error().message;
    // 0x04 || rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas,
    //   gas_limit, destination, value, data, access_list, authorization_list,
    //   signature_y_parity, signature_r, signature_s]), built here by hand.
    using namespace rlp;
    std::vector<Bytes> auths;
    for (const auto& a : tx.authorization_list)
        auths.push_back(encode_list({encode_uint(a.chain_id), encode_bytes(a.address.bytes), encode_uint(a.nonce),
                                     encode_uint(a.y_parity), encode_uint(a.r), encode_uint(a.s)}));
    std::vector<Bytes> fields = {encode_uint(uint64_t{1}), encode_uint(uint64_t{3}), encode_uint(uint64_t{2}),
                                 encode_uint(uint64_t{30}), encode_uint(uint64_t{100'000}),
                                 encode_bytes(one.address().bytes), encode_uint(uint64_t{0}),
                                 encode_bytes(tx.data), encode_list(std::vector<Bytes>{}), encode_list(auths)};
    Bytes unsigned_payload{0x04};
    const Bytes body = encode_list(fields);
    unsigned_payload.insert(unsigned_payload.end(), body.begin(), body.end());
    EXPECT_EQ(signing_hash(tx), keccak256(unsigned_payload));
    fields.push_back(encode_uint(uint64_t{stx->signature.recovery_id}));
    fields.push_back(encode_uint(uint256::from_bytes32(stx->signature.r)));
    fields.push_back(encode_uint(uint256::from_bytes32(stx->signature.s)));
    Bytes raw{0x04};
    const Bytes signed_body = encode_list(fields);
    raw.insert(raw.end(), signed_body.begin(), signed_body.end());
    EXPECT_EQ(to_hex(stx->raw), to_hex(raw));
}

TEST(SetCodeTransaction, DecodeRoundTripRecoversSenderAndTuples) {
    const SecretKey sender = key_of(kSender), one = key_of(kKeyOne);
    auto stx = sign_transaction(set_code_tx(one), sender);
    ASSERT_TRUE(stx) << stx.error().message;
    auto back = decode_transaction(stx->raw);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->tx, stx->tx);
    EXPECT_EQ(back->sender, sender.address());
    EXPECT_EQ(back->hash, keccak256(stx->raw));
    ASSERT_EQ(back->tx.authorization_list.size(), 2u);
    for (const auto& a : back->tx.authorization_list) EXPECT_EQ(evm::recover_authority(a), one.address());

    auto e = to_evm(*back);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->type, evm::TxType::set_code);
    EXPECT_EQ(e->authorization_list, stx->tx.authorization_list);
    EXPECT_EQ(e->max_fee_per_gas, uint256(30));
}

TEST(SetCodeTransaction, MalformedTuplesAreInputErrors) {
    const SecretKey sender = key_of(kSender), one = key_of(kKeyOne);
    Transaction tx = set_code_tx(one);
    tx.authorization_list[0].y_parity = 256;  // the wire type is uint8
    auto stx = sign_transaction(tx, sender);
    ASSERT_TRUE(stx);
    auto back = decode_transaction(stx->raw);
    ASSERT_FALSE(back);
    EXPECT_NE(back.error().message.find("authorizationList.yParity"), std::string::npos) << back.error().message;

    tx = set_code_tx(one);
    tx.authorization_list[0].y_parity = 7;  // decodes; the EVM skips the tuple
    stx = sign_transaction(tx, sender);
    ASSERT_TRUE(stx);
    EXPECT_TRUE(decode_transaction(stx->raw));
}

TEST(SetCodeTransaction, ShapeAndStaticValidity) {
    const SecretKey sender = key_of(kSender), one = key_of(kKeyOne);
    Transaction no_to = set_code_tx(one);
    no_to.to.reset();
    EXPECT_FALSE(sign_transaction(no_to, sender));
    Transaction stray = set_code_tx(one);
    stray.type = TxType::dynamic_fee;
    EXPECT_FALSE(sign_transaction(stray, sender));

    const Transaction tx = set_code_tx(one);
    EXPECT_TRUE(validate_static(tx, evm::Revision::prague, 1));
    auto cancun = validate_static(tx, evm::Revision::cancun, 1);
    ASSERT_FALSE(cancun);
    EXPECT_NE(cancun.error().message.find("EIP-7702 transactions need Prague"), std::string::npos);
    Transaction empty = tx;
    empty.authorization_list.clear();
    EXPECT_FALSE(validate_static(empty, evm::Revision::prague, 1));
    // 21000 + 2 * 25000 + calldata: below that the gas limit is invalid.
    EXPECT_EQ(intrinsic_gas(tx, evm::Revision::prague), 21000u + 50000u + 32u);
    Transaction low = tx;
    low.gas_limit = 71'031;
    EXPECT_FALSE(validate_static(low, evm::Revision::prague, 1));
    // EIP-7825 in Osaka.
    Transaction big = tx;
    big.gas_limit = (uint64_t(1) << 24) + 1;
    EXPECT_TRUE(validate_static(big, evm::Revision::prague, 1));
    EXPECT_FALSE(validate_static(big, evm::Revision::osaka, 1));
}

TEST(SetCodeTransaction, CalldataFloorInStaticValidity) {
    const SecretKey one = key_of(kKeyOne);
    Transaction tx;
    tx.type = TxType::dynamic_fee;
    tx.to = one.address();
    tx.max_fee_per_gas = 1;
    tx.data.assign(100, 0xff);   // 400 tokens: floor 25000, intrinsic 22600
    tx.gas_limit = 24'000;
    EXPECT_TRUE(validate_static(tx, evm::Revision::cancun, 1));
    auto prague = validate_static(tx, evm::Revision::prague, 1);
    ASSERT_FALSE(prague);
    EXPECT_NE(prague.error().message.find("EIP-7623"), std::string::npos);
}

}  // namespace
}  // namespace suture::chain
