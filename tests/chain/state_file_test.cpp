// The local state file: a round trip keeps every account, code, slot and
// the block context; the encoding is canonical; damaged, truncated, foreign
// and newer-version files are refused with the reason; saves replace the
// file whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "chain/state_file.hpp"
#include "core/keccak.hpp"

namespace suture::chain {
namespace {

Address A(uint16_t n) {
    Address a;
    a.bytes[18] = uint8_t(n >> 8);
    a.bytes[19] = uint8_t(n);
    return a;
}

LocalState sample() {
    LocalState s;
    s.revision = evm::Revision::shanghai;
    s.block.chain_id = 1337;
    s.block.number = 12;
    s.block.timestamp = 1'700'000'144;
    s.block.gas_limit = 30'000'000;
    s.block.base_fee = uint256(7);
    s.block.prev_randao = uint256(0xabc);
    s.block.coinbase = A(0xc0);
    s.block.excess_blob_gas = 5;
    const Bytes shared = {0x60, 0x00, 0x54, 0x00};
    s.accounts.set_account(A(1), 3, uint256::parse("1000000000000000000000").value(), {});
    s.accounts.set_account(A(2), 1, 0, shared, {{uint256(0), uint256(42)}, {uint256(9), uint256(1)}});
    s.accounts.set_account(A(3), 1, 5, shared);
    s.accounts.set_account(A(4), 1, 0, Bytes{0x00}, {{uint256::max(), uint256::max()}});
    return s;
}

void expect_same(const LocalState& a, const LocalState& b) {
    EXPECT_EQ(a.revision, b.revision);
    EXPECT_EQ(a.block.chain_id, b.block.chain_id);
    EXPECT_EQ(a.block.number, b.block.number);
    EXPECT_EQ(a.block.timestamp, b.block.timestamp);
    EXPECT_EQ(a.block.gas_limit, b.block.gas_limit);
    EXPECT_EQ(a.block.base_fee, b.block.base_fee);
    EXPECT_EQ(a.block.prev_randao, b.block.prev_randao);
    EXPECT_EQ(a.block.coinbase, b.block.coinbase);
    EXPECT_EQ(a.block.excess_blob_gas, b.block.excess_blob_gas);
    ASSERT_EQ(a.accounts.accounts().size(), b.accounts.accounts().size());
    for (const auto& [addr, acc] : a.accounts.accounts()) {
        const auto* other = b.accounts.find(addr);
        ASSERT_NE(other, nullptr) << to_checksum(addr);
        EXPECT_EQ(acc.nonce, other->nonce);
        EXPECT_EQ(acc.balance, other->balance);
        EXPECT_EQ(acc.code_hash, other->code_hash);
        EXPECT_EQ(bool(acc.code), bool(other->code));
        if (acc.code) {
            EXPECT_EQ(*acc.code, *other->code);
        }
        EXPECT_EQ(acc.storage, other->storage);
    }
}

class StateFileTest : public ::testing::Test {
protected:
    StateFileTest() {
        dir = std::filesystem::temp_directory_path() /
              ("suture-state-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        path = (dir / "dev.state").string();
    }
    ~StateFileTest() override { std::filesystem::remove_all(dir); }
    void write_raw(const Bytes& b) {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
    }
    std::filesystem::path dir;
    std::string path;
};

TEST_F(StateFileTest, RoundTripKeepsEverything) {
    const LocalState s = sample();
    ASSERT_TRUE(save_state_file(path, s).ok());
    auto loaded = load_state_file(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    expect_same(s, *loaded);
    // Reads through the backend interface, as the EVM does.
    auto a2 = loaded->accounts.account(A(2)).value();
    ASSERT_TRUE(a2);
    EXPECT_TRUE(a2->has_storage);
    EXPECT_EQ(loaded->accounts.storage(A(2), uint256(0)).value(), uint256(42));
    EXPECT_EQ(**loaded->accounts.code(a2->code_hash), (Bytes{0x60, 0x00, 0x54, 0x00}));
    EXPECT_FALSE(loaded->accounts.account(A(1)).value()->has_storage);
    // Only the file remains: the temporary file was renamed over it.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
}

TEST_F(StateFileTest, TheEncodingIsCanonicalAndSharedCodeIsStoredOnce) {
    const Bytes once = encode_state_file(sample());
    auto decoded = decode_state_file(once, "mem");
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(encode_state_file(*decoded), once);
    LocalState one_code = sample();
    one_code.accounts.set_account(A(3), 1, 5, {});
    // A(3) shared A(2)'s code: dropping it from A(3) saves only the account's reference.
    EXPECT_EQ(encode_state_file(one_code).size(), once.size());
}

TEST_F(StateFileTest, DamagedFilesAreRefusedWithTheReason) {
    const Bytes good = encode_state_file(sample());

    Bytes truncated(good.begin(), good.begin() + good.size() / 2);
    auto t = decode_state_file(truncated, "dev.state");
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.error().message.find("checksum mismatch"), std::string::npos) << t.error().message;

    Bytes flipped = good;
    flipped[flipped.size() / 2] ^= 1;
    auto f = decode_state_file(flipped, "dev.state");
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().message, "dev.state: state file checksum mismatch (the file is truncated or damaged)");

    Bytes newer = good;
    newer[8] = 3;
    auto v = decode_state_file(newer, "dev.state");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().message, "dev.state: state file format version 3, this build reads 1 and 2");

    auto foreign = decode_state_file(as_view(std::string_view("{\"accounts\": {}, \"padding\": \"......................\"}")), "x.json");
    ASSERT_FALSE(foreign.ok());
    EXPECT_NE(foreign.error().message.find("not a Suture state file"), std::string::npos);

    auto missing = load_state_file((dir / "nope.state").string());
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nope.state: cannot open"), std::string::npos);
}

TEST_F(StateFileTest, ASaveReplacesTheWholeFile) {
    LocalState s = sample();
    ASSERT_TRUE(save_state_file(path, s).ok());
    LocalState smaller;
    smaller.accounts.set_account(A(7), 0, 1, {});
    ASSERT_TRUE(save_state_file(path, smaller).ok());
    auto loaded = load_state_file(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    expect_same(smaller, *loaded);

    auto bad_dir = save_state_file((dir / "no-such-dir" / "x.state").string(), s);
    ASSERT_FALSE(bad_dir.ok());
    EXPECT_NE(bad_dir.error().message.find("no-such-dir"), std::string::npos);
}

TEST_F(StateFileTest, ManyAccountsRoundTrip) {
    LocalState s;
    const Bytes code = {0x60, 0x01, 0x60, 0x00, 0x55, 0x00};
    for (uint16_t i = 0; i < 3000; ++i)
        s.accounts.set_account(A(i), i, uint256(i) * uint256(1000), i % 3 ? Bytes{} : code,
                               {{uint256(i), uint256(i + 1u)}});
    ASSERT_TRUE(save_state_file(path, s).ok());
    auto loaded = load_state_file(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    expect_same(s, *loaded);
}

}  // namespace
}  // namespace suture::chain
