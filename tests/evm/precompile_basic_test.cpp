// ecrecover, sha256, ripemd160, identity (0x01-0x04): published vectors,
// failure cases and gas.
#include <gtest/gtest.h>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

#define HASH "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
#define V27 "000000000000000000000000000000000000000000000000000000000000001b"
#define V28 "000000000000000000000000000000000000000000000000000000000000001c"
#define R "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
#define S_HIGH "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549"
#define S_LOW "1146bf4e2fc4de1c94f1b81868960f68bc842490f1b6bc98387ba6b57599fbf8"
#define N_HEX "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
#define Z32 "0000000000000000000000000000000000000000000000000000000000000000"
#define SIGNER "000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b"

// An unrecoverable signature succeeds with empty output ("" expected).
const Vector kEcrecover[] = {
    {"valid_high_s", HASH V28 R S_HIGH, SIGNER, 3000},
    // No low-s rule for the precompile: (r, n - s) with the other v is the same signer.
    {"valid_low_s", HASH V27 R S_LOW, SIGNER, 3000},
    {"trailing_bytes_ignored", HASH V28 R S_HIGH "ffff", SIGNER, 3000},
    {"unrecoverable_key",
     "a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281" V27
     "3078356531653033663533636531386237373263636230303933666637316633"
     "6635336635633735623734646362333161383561613862383839326234653862"
     "1122334455667788991011121314151617181920212223242526272829303132",
     "", 3000},
    {"v_high_bits_1", HASH "100000000000000000000000000000000000000000000000000000000000001c" R S_HIGH, "", 3000},
    {"v_high_bits_2", HASH "000000000000000000000000000000000000001000000000000000000000001c" R S_HIGH, "", 3000},
    {"v_29", HASH "000000000000000000000000000000000000000000000000000000000000001d" R S_HIGH, "", 3000},
    {"v_0", HASH Z32 R S_HIGH, "", 3000},
    {"r_zero", HASH V28 Z32 S_HIGH, "", 3000},
    {"s_zero", HASH V28 R Z32, "", 3000},
    {"r_equals_n", HASH V28 N_HEX S_HIGH, "", 3000},
    {"s_equals_n", HASH V28 R N_HEX, "", 3000},
    {"empty", "", "", 3000},
    {"hash_only", HASH, "", 3000},
};

const Vector kSha256[] = {
    {"empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 60},
    {"abc", "616263", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 72},
    {"33_bytes_two_words", Z32 "00", "7f9c9e31ac8256ca2f258583df262dbc7d6f68f2a03043d5c99a4ae5a7396ce9", 84},
};

const Vector kRipemd160[] = {
    {"empty", "", "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31", 600},
    {"abc", "616263", "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc", 720},
};

const Vector kIdentity[] = {
    {"empty", "", "", 15},
    {"abc", "616263", "616263", 18},
    {"33_bytes", Z32 "ff", Z32 "ff", 21},
};

TEST(PrecompileBasic, Ecrecover) {
    check_vectors(Revision::cancun, 1, kEcrecover);
}
TEST(PrecompileBasic, Sha256) {
    check_vectors(Revision::cancun, 2, kSha256);
}
TEST(PrecompileBasic, Ripemd160) {
    check_vectors(Revision::cancun, 3, kRipemd160);
}
TEST(PrecompileBasic, Identity) {
    check_vectors(Revision::cancun, 4, kIdentity);
    check_vector(Revision::frontier, 4, kIdentity[1]);
}

// Which addresses are precompiles in which fork.
TEST(PrecompileTable, AvailabilityPerFork) {
    struct Case { Revision rev; int last; };
    const Case cases[] = {{Revision::frontier, 4}, {Revision::spurious_dragon, 4}, {Revision::byzantium, 8},
                          {Revision::petersburg, 8}, {Revision::istanbul, 9}, {Revision::shanghai, 9},
                          {Revision::cancun, 10}, {Revision::prague, 0x11}, {Revision::osaka, 0x11}};
    for (const auto& c : cases) {
        for (int n = 0; n <= 0x12; ++n) {
            EXPECT_EQ(is_precompile(c.rev, precompile_address(n)), n >= 1 && n <= c.last)
                << "revision " << int(c.rev) << " address " << n;
            EXPECT_EQ(run_precompile(c.rev, precompile_address(n), {}, 1000000).has_value(), n >= 1 && n <= c.last);
        }
    }
    Address high = precompile_address(1);
    high.bytes[0] = 1;
    EXPECT_FALSE(is_precompile(Revision::cancun, high));
    EXPECT_FALSE(is_precompile(Revision::cancun, precompile_address(0x101)));
    EXPECT_FALSE(is_precompile(Revision::osaka, precompile_address(0x101)));
    EXPECT_FALSE(is_precompile(Revision::osaka, precompile_address(0xff)));
}

TEST(PrecompileTable, KzgPointEvaluationRunsFromCancun) {
    const auto r = run_precompile(Revision::cancun, precompile_address(0x0a), Bytes(192, 0), 100000);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, StatusCode::precompile_failure);  // the versioned hash does not match
}

// P256VERIFY (EIP-7951) at 0x0100 from Osaka only.
TEST(PrecompileTable, P256VerifyFromOsaka) {
    EXPECT_FALSE(is_precompile(Revision::prague, precompile_address(0x100)));
    EXPECT_TRUE(is_precompile(Revision::osaka, precompile_address(0x100)));
    EXPECT_FALSE(run_precompile(Revision::prague, precompile_address(0x100), {}, 100000).has_value());
}

// The warm set of a transaction is exactly the table's addresses of the fork.
TEST(PrecompileTable, AddressesPerForkMatchTheTable) {
    for (int r = 0; r <= int(Revision::osaka); ++r) {
        const Revision rev = Revision(r);
        size_t expected = 0;
        for (int n = 0; n <= 0x200; ++n) expected += is_precompile(rev, precompile_address(n));
        const auto addrs = precompile_addresses(rev);
        EXPECT_EQ(addrs.size(), expected) << "revision " << r;
        for (const Address& a : addrs) EXPECT_TRUE(is_precompile(rev, a));
    }
    EXPECT_EQ(precompile_addresses(Revision::cancun).size(), 10u);
    EXPECT_EQ(precompile_addresses(Revision::prague).size(), 17u);
    ASSERT_EQ(precompile_addresses(Revision::osaka).size(), 18u);
    EXPECT_EQ(precompile_addresses(Revision::osaka).back(), precompile_address(0x100));
}

TEST(PrecompileTable, NegativeGasIsOutOfGas) {
    const auto r = run_precompile(Revision::cancun, precompile_address(4), {}, -1);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, StatusCode::out_of_gas);
}

}  // namespace
}  // namespace suture::evm::test
