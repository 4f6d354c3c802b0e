// User invariants (invariant_spec.hpp) on tests/fixtures/fuzz's vault behind
// an ERC1967 proxy, in memory: sums over holders ("sum(balanceOf([..])) ==
// totalSupply()") hold when the listed holders hold every share, break with
// the sum in words when one is missing; "sum(balanceOf(holders))" sums over
// the holders the caller derived; malformed sums are usage errors naming the part.
#include <gtest/gtest.h>

#include "evm/state_memory.hpp"
#include "support/abi_calls.hpp"
#include "support/build_suite.hpp"
#include "verify/invariant_spec.hpp"

namespace suture::verify {
namespace {

constexpr char kVault[] = SUTURE_BINARY_DIR "/fixtures/fuzz/contracts.json";

Address holder(uint8_t tag) {
    Address a;
    a.bytes[0] = 0x5A;
    a.bytes[19] = tag;
    return a;
}

uint256 finney(uint64_t n) { return uint256(n) * uint256(1'000'000'000'000'000ull); }

class InvariantSum : public testing::BuildSuite<kVault> {
protected:
    void SetUp() override {
        block_.number = 7;
        block_.timestamp = 1'700'000'000;
        block_.gas_limit = 30'000'000;
        for (uint8_t t = 1; t <= 4; ++t) state_.set_account(holder(t), 0, finney(100'000), {});
        const Address impl = run(holder(1), std::nullopt, initcode("FuzzVaultV1"));
        proxy_ = run(holder(1), std::nullopt,
                     testing::concat(initcode("ERC1967Proxy"),
                                     testing::encode_args({"address", "bytes"},
                                                          {impl, testing::call_data("initialize(address)", {holder(1)})})));
        // Three depositors: 1, 2 and 3 finney x 1000.
        for (uint8_t t = 2; t <= 4; ++t) run(holder(t), proxy_, testing::call_data("deposit()"), finney(1000 * (t - 1)));
    }

    Address run(const Address& from, std::optional<Address> to, Bytes data, uint256 value = 0) {
        evm::CallRequest c;
        c.from = from;
        c.to = to;
        c.data = std::move(data);
        c.value = value;
        auto r = evm::execute_call(state_, evm::Revision::cancun, block_, c);
        EXPECT_TRUE(r.ok() && r.value().receipt.status == evm::StatusCode::success);
        state_.apply(r.value().diff);
        return r.value().receipt.created.value_or(Address{});
    }

    // nullopt: holds; else why not. The invariant must parse.
    std::optional<std::string> check(const std::string& text, const std::vector<Address>& holders = {}) {
        auto inv = parse_invariant(text, contract("FuzzVaultV1").abi);
        EXPECT_TRUE(inv.ok()) << text << ": " << inv.error().message;
        if (!inv.ok()) return "did not parse";
        auto r = check_invariant(inv.value(), state_, evm::Revision::cancun, block_, proxy_, {&contract("FuzzVaultV1").abi},
                                 holders);
        EXPECT_TRUE(r.ok());
        return r.ok() ? r.value() : std::optional<std::string>("could not check");
    }

    static std::string list(std::initializer_list<uint8_t> tags) {
        std::string out = "[";
        for (uint8_t t : tags) out += (out.size() > 1 ? ", " : "") + to_checksum(holder(t));
        return out + "]";
    }

    evm::MemoryBackend state_;
    evm::BlockEnv block_;
    Address proxy_;
};

TEST_F(InvariantSum, TheHoldersTogetherHoldTheSupply) {
    EXPECT_EQ(check("sum(balanceOf(" + list({2, 3, 4}) + ")) == totalSupply()"), std::nullopt);
    EXPECT_EQ(check("totalSupply() == sum(balanceOf(" + list({1, 2, 3, 4}) + "))"), std::nullopt);  // holder 1 holds 0
    EXPECT_EQ(check("sum(balanceOf(" + list({2, 4}) + ")) == 4000000000000000000"), std::nullopt);
    // A list of one is a sum of one; a constant list element is a literal like any argument.
    EXPECT_EQ(check("sum(balanceOf([" + to_checksum(holder(3)) + "])) == balanceOf(" + to_checksum(holder(3)) + ")"),
              std::nullopt);
    // Sums over any one argument, with the others literal (previewFee takes one).
    EXPECT_EQ(check("sum(previewFee([10000, 20000, 30000])) == 180"), std::nullopt);
}

TEST_F(InvariantSum, AMissingHolderBreaksTheEqualityWithBothSidesInWords) {
    const std::string text = "sum(balanceOf(" + list({2, 3}) + ")) == totalSupply()";
    const auto why = check(text);
    ASSERT_TRUE(why.has_value());
    EXPECT_EQ(*why, "sum(balanceOf(" + list({2, 3}) + ")) = 3000000000000000000, totalSupply() = 6000000000000000000");
    // As a bound it holds: the listed holders never hold more than the supply.
    EXPECT_EQ(check("sum(balanceOf(" + list({2, 3}) + ")) <= totalSupply()"), std::nullopt);

    // A share moved away from the listed holders (holder 4 withdraws; holder 2 deposits again) is seen at once.
    run(holder(4), proxy_, testing::call_data("withdraw(uint256)", {finney(3000)}));
    EXPECT_EQ(check(text), std::nullopt);
    run(holder(1), proxy_, testing::call_data("deposit()"), finney(1));
    EXPECT_NE(check(text), std::nullopt);
}

TEST_F(InvariantSum, DerivedHoldersAreSummedAsTheCallerGivesThem) {
    const std::string text = "sum(balanceOf(holders)) == totalSupply()";
    auto inv = parse_invariant(text, contract("FuzzVaultV1").abi);
    ASSERT_TRUE(inv.ok()) << inv.error().message;
    EXPECT_TRUE(inv->uses_holders());
    EXPECT_FALSE(parse_invariant("sum(balanceOf([" + to_checksum(holder(2)) + "])) == 1", contract("FuzzVaultV1").abi)->uses_holders());
    EXPECT_EQ(check(text, {holder(1), holder(2), holder(3), holder(4)}), std::nullopt);
    EXPECT_EQ(check("totalSupply() == sum(balanceOf(holders))", {holder(4), holder(3), holder(2)}), std::nullopt);
    // A holder the derivation missed breaks the equality, and the reason says over how many it summed.
    const auto why = check(text, {holder(2), holder(3)});
    ASSERT_TRUE(why.has_value());
    EXPECT_EQ(*why, "sum(balanceOf(holders)) = 3000000000000000000 over 2 holder(s), totalSupply() = 6000000000000000000");
    // No holders: a sum of nothing, zero.
    EXPECT_EQ(check("sum(balanceOf(holders)) == 0", {}), std::nullopt);
    // A holder minted to later (holder 1 deposits) is counted once the caller passes it.
    run(holder(1), proxy_, testing::call_data("deposit()"), finney(5));
    EXPECT_NE(check(text, {holder(2), holder(3), holder(4)}), std::nullopt);
    EXPECT_EQ(check(text, {holder(2), holder(3), holder(4), holder(1)}), std::nullopt);
}

TEST_F(InvariantSum, MalformedSumsAreUsageErrorsNamingThePart) {
    const abi::ContractAbi& abi = contract("FuzzVaultV1").abi;
    const std::string one = to_checksum(holder(2));
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"sum(balanceOf(" + one + ")) == 1", "needs one argument given as a list"},
        {"sum(balanceOf([])) == 0", "over an empty list"},
        {"sum(nosuch([1])) > 0", "has no function nosuch with 1 arguments"},
        {"sum(balanceOf([" + one + ", banana])) > 0", "argument 1 of balanceOf"},
        {"sum(balanceOf([" + one + "]) > 0", "expected A OP B"},
        {"sum(totalSupply) > 0", "sum(...) takes a call"},
        {"sum(previewFee(holders)) > 0", "holders are addresses; argument 1 of previewFee is uint256"},
        {"sum(balanceOf(holder)) > 0", "needs one argument given as a list [a, b, ...] or as holders"},
    };
    for (const auto& [text, part] : bad) {
        auto inv = parse_invariant(text, abi);
        ASSERT_FALSE(inv.ok()) << text;
        EXPECT_EQ(inv.error().kind, ErrorKind::usage) << text;
        EXPECT_NE(inv.error().message.find(part), std::string::npos) << text << ": " << inv.error().message;
    }
}

}  // namespace
}  // namespace suture::verify
