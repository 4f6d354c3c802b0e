// The fuzzer's argument sources: PUSH immediates harvested from code (with
// their neighbours, a truncated PUSH at the end of code included), storage
// words as numbers and addresses, values of every type inside the type's
// range (pool words cut to intN are sign-extended), the simplest values.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/hex.hpp"
#include "verify/fuzz_values.hpp"

namespace suture::verify {
namespace {

bool has(const std::vector<uint256>& v, const uint256& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(FuzzValues, HarvestsPushImmediatesAndTheirNeighbours) {
    ValuePool pool;
    // PUSH1 0x2a, PUSH2 0x2710, JUMPDEST, PUSH4 0xdeadbeef, PUSH3 with one byte left (0x77 then code ends)
    pool.harvest_code(from_hex("0x602a612710" "5b" "63deadbeef" "6277").value());
    for (uint64_t w : {0x2aull, 0x29ull, 0x2bull, 10000ull, 9999ull, 10001ull, 0xdeadbeefull})
        EXPECT_TRUE(has(pool.words, uint256(w))) << w;
    EXPECT_TRUE(has(pool.words, uint256(0x770000)));  // the EVM pads a truncated immediate with zeros on the right
    EXPECT_FALSE(has(pool.words, uint256(0x5b)));     // JUMPDEST is an opcode, not data
}

TEST(FuzzValues, StorageWordsThatFitAreAddressesToo) {
    ValuePool pool;
    const Address a = parse_address("0x77F6cbD166DD059a33afDe102d79845fDd090228").value();
    pool.add_word(to_uint256(a));
    pool.add_word(uint256::max());
    EXPECT_EQ(pool.addresses, std::vector<Address>{a});
    EXPECT_EQ(pool.words.size(), 2u);
}

TEST(FuzzValues, HistoricalCalldataGivesItsArgumentWords) {
    ValuePool pool;
    // withdraw(uint256 amount, address to) with amount 4.2 ETH, then a short
    // trailing word (two bytes), as a caller may send.
    const Bytes calldata = from_hex("0x00f714ce"
                                    "0000000000000000000000000000000000000000000000003a4965bf58a40000"
                                    "00000000000000000000000077f6cbd166dd059a33afde102d79845fdd090228"
                                    "abcd").value();
    pool.harvest_calldata(calldata);
    pool.harvest_calldata(calldata);  // again: no duplicates
    const Address to = parse_address("0x77F6cbD166DD059a33afDe102d79845fDd090228").value();
    EXPECT_EQ(pool.words, (std::vector<uint256>{uint256(4'200'000'000'000'000'000ull), to_uint256(to),
                                                uint256::parse("0xabcd" + std::string(60, '0')).value()}));
    // The address-like word is an address; the amount and the padded word are not.
    EXPECT_EQ(pool.addresses, std::vector<Address>{to});
    // A selector alone has no arguments.
    ValuePool none;
    none.harvest_calldata(from_hex("0xd0e30db0").value());
    EXPECT_TRUE(none.words.empty());
}

TEST(FuzzValues, EveryValueFitsItsTypeAndTheSeedDecides) {
    ValuePool pool;
    pool.harvest_code(from_hex("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80" "60ff").value());
    pool.add_address(Address{});
    for (const char* type : {"int8", "int64", "uint8", "uint256", "int256", "address", "bool", "bytes", "string",
                             "bytes32", "uint16[]", "(int24,address)[2]"}) {
        const abi::AbiType t = abi::parse_type(type).value();
        FuzzValues a(11, pool), b(11, pool);
        for (int i = 0; i < 300; ++i) {
            const abi::AbiValue v = a.value(t);
            EXPECT_TRUE(abi::check_value(t, v).ok()) << type << ": " << abi::format_value(t, v);
            EXPECT_EQ(v, b.value(t)) << type;
        }
        EXPECT_TRUE(abi::check_value(t, simplest_value(t)).ok()) << type;
    }
    EXPECT_EQ(simplest_value(abi::parse_type("uint8[3]").value()),
              abi::AbiValue(abi::AbiValue::List(3, abi::AbiValue(uint256()))));
}

}  // namespace
}  // namespace suture::verify
