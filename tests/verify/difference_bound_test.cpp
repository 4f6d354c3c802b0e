// Bounded expected differences (difference_bound.hpp, replay_expectations.hpp):
// what a bound allows (within, at, beyond; absolute, relative, either), what
// counts as an amount (return words, balance changes, log data, stored values)
// and what never does (a status change, another event, a created contract),
// how a rule with a bound declares or names the breach, and malformed bounds.
#include <gtest/gtest.h>

#include "core/abi_json.hpp"
#include "core/hex.hpp"
#include "verify/difference_bound.hpp"
#include "verify/replay_expectations.hpp"

namespace suture::verify {
namespace {

Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(0);
    a.bytes[19] = b;
    return a;
}

Bytes word(const uint256& v) {
    const Bytes32 w = v.to_bytes32();
    return Bytes(w.begin(), w.end());
}

TxEffects returned(uint64_t v) {
    TxEffects e;
    e.executed = true;
    e.status = evm::StatusCode::success;
    e.output = word(uint256(v));
    return e;
}

AmountBound bound(const std::string& text) {
    auto b = parse_amount_bound(text);
    EXPECT_TRUE(b.ok()) << text << ": " << (b.ok() ? "" : b.error().message);
    return b.ok() ? *b : AmountBound{};
}

std::optional<BoundBreach> breach(const std::string& text, const TxEffects& o, const TxEffects& n) {
    return first_breach(bound(text), o, n, AbiList{}, nullptr);
}

TEST(DifferenceBound, ParsesAbsoluteRelativeAndBoth) {
    const AmountBound a = bound("1000");
    EXPECT_EQ(a.absolute, uint256(1000));
    EXPECT_FALSE(a.relative);
    const AmountBound r = bound("0.1%");
    ASSERT_TRUE(r.relative);
    EXPECT_EQ(allowed_difference(r, uint256(1'000'000)), uint256(1000));
    const AmountBound both = bound("1000, 0.01%");
    EXPECT_EQ(both.absolute, uint256(1000));
    EXPECT_EQ(allowed_difference(both, uint256(20'000'000)), uint256(2000));  // the relative one is larger
    EXPECT_EQ(allowed_difference(both, uint256(5)), uint256(1000));           // the absolute one is
    EXPECT_EQ(bound("5 or 1%").absolute, uint256(5));
    EXPECT_EQ(allowed_difference(bound("1%"), uint256(250)), uint256(2));     // rounded down
    // No overflow on the largest amounts.
    const uint256 max = ~uint256();
    EXPECT_EQ(allowed_difference(bound("100%"), max), max);
    EXPECT_EQ(allowed_difference(bound("50%"), max), max / uint256(2));
    EXPECT_EQ(allowed_difference(bound("200%"), max), max);
}

TEST(DifferenceBound, MalformedBoundsAreErrorsNamingTheField) {
    for (const std::string bad : {"", "abc", "1.5", "-5", "0.1%%", "1%, 2%", "1, 2", "1, 2%, 3", "%", "0x10"}) {
        auto b = parse_amount_bound(bad);
        EXPECT_FALSE(b.ok()) << "'" << bad << "'";
        auto rule = parse_expect_flag("function=deposit(uint256);within=" + bad);
        ASSERT_FALSE(rule.ok()) << bad;
        EXPECT_EQ(rule.error().kind, ErrorKind::usage) << bad;
        EXPECT_NE(rule.error().message.find("--expect"), std::string::npos) << rule.error().message;
        EXPECT_NE(rule.error().message.find("within"), std::string::npos) << rule.error().message;
    }
    auto bare = parse_expect_flag("within");
    ASSERT_FALSE(bare.ok());
    EXPECT_NE(bare.error().message.find("within"), std::string::npos) << bare.error().message;
}

TEST(DifferenceBound, WithinAtAndBeyondAnAbsoluteBound) {
    EXPECT_FALSE(breach("1000", returned(1'000'000), returned(1'000'999)));  // within
    EXPECT_FALSE(breach("1000", returned(1'000'000), returned(1'001'000)));  // at
    EXPECT_FALSE(breach("1000", returned(1'000'000), returned(999'000)));    // at, downwards
    auto beyond = breach("1000", returned(1'000'000), returned(1'001'001));
    ASSERT_TRUE(beyond);
    EXPECT_TRUE(beyond->amount);
    EXPECT_EQ(beyond->item, "return word 0");
    EXPECT_EQ(beyond->difference, uint256(1001));
    EXPECT_EQ(beyond->allowed, uint256(1000));
    EXPECT_EQ(beyond->text(bound("1000")),
              "return word 0: old 1000000, new 1001001: differs by 1001, 1 beyond the bound 1000 (1000)");
}

TEST(DifferenceBound, WithinAtAndBeyondARelativeBound) {
    // 0.1% of the old value: 1,000 of 1,000,000, whatever the new one.
    EXPECT_FALSE(breach("0.1%", returned(1'000'000), returned(1'000'500)));
    EXPECT_FALSE(breach("0.1%", returned(1'000'000), returned(999'000)));
    auto beyond = breach("0.1%", returned(1'000'000), returned(990'000));  // a 1% fee
    ASSERT_TRUE(beyond);
    EXPECT_EQ(beyond->difference, uint256(10'000));
    EXPECT_EQ(beyond->allowed, uint256(1000));
    EXPECT_NE(beyond->text(bound("0.1%")).find("9000 beyond the bound 1000 (0.1%)"), std::string::npos);
    // From zero nothing is relative: a dust amount needs the absolute part.
    EXPECT_TRUE(breach("0.1%", returned(0), returned(1)));
    EXPECT_FALSE(breach("1, 0.1%", returned(0), returned(1)));
}

TEST(DifferenceBound, NamedReturnValuesAndRevertWords) {
    auto abi = abi::parse_abi_text(
        R"([{"type":"function","name":"deposit","inputs":[{"name":"assets","type":"uint256"}],
             "outputs":[{"name":"shares","type":"uint256"}],"stateMutability":"nonpayable"}])");
    ASSERT_TRUE(abi.ok()) << abi.error().message;
    auto br = first_breach(bound("10"), returned(100), returned(200), AbiList{}, &abi->entries[0]);
    ASSERT_TRUE(br);
    EXPECT_EQ(br->item, "return value shares");
    // A revert with the same error and amounts within the bound is declared; another error is not.
    TxEffects o, n;
    o.executed = n.executed = true;
    o.status = n.status = evm::StatusCode::revert;
    const Bytes sel = {0xe4, 0x50, 0xd3, 0x8c};
    o.output = sel;
    n.output = sel;
    const Bytes a = word(uint256(500)), b = word(uint256(505));
    o.output.insert(o.output.end(), a.begin(), a.end());
    n.output.insert(n.output.end(), b.begin(), b.end());
    EXPECT_FALSE(breach("10", o, n));
    n.output[0] = 0x01;
    auto other = breach("10", o, n);
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->amount);
    EXPECT_EQ(other->item, "outcome");
}

TEST(DifferenceBound, OtherKindsOfDifferenceAreNeverWithin) {
    // A status change.
    TxEffects reverted = returned(0);
    reverted.status = evm::StatusCode::revert;
    reverted.output.clear();
    auto status = breach("1000000, 50%", returned(1), reverted);
    ASSERT_TRUE(status);
    EXPECT_FALSE(status->amount);
    EXPECT_NE(status->text(bound("1000000, 50%")).find("not an amount"), std::string::npos);
    // A different event (topic 0), then an equal event whose amount moved within the bound.
    TxEffects o = returned(1), n = returned(1);
    evm::Log l;
    l.address = addr(0x70);
    l.topics = {abi::event_topic("Deposit(address,uint256)")};
    l.data = word(uint256(1000));
    o.logs = {l};
    l.topics = {abi::event_topic("Withdraw(address,uint256)")};
    n.logs = {l};
    auto event = breach("1000000", o, n);
    ASSERT_TRUE(event);
    EXPECT_FALSE(event->amount);
    EXPECT_EQ(event->item, "log 0");
    n.logs[0].topics = o.logs[0].topics;
    n.logs[0].data = word(uint256(1003));
    EXPECT_FALSE(breach("5", o, n));
    auto data = breach("2", o, n);
    ASSERT_TRUE(data);
    EXPECT_EQ(data->item, "log 0 data word 0");
    // One more log.
    n.logs.push_back(n.logs[0]);
    EXPECT_FALSE(breach("1000000", o, n)->amount);
    // A created contract.
    TxEffects c1 = returned(1), c2 = returned(1);
    c1.created = addr(1);
    c2.created = addr(2);
    EXPECT_FALSE(breach("1000000", c1, c2)->amount);
}

TEST(DifferenceBound, BalancesAndStoredValues) {
    // A token paid out: -1,000 vs -990 (a signed change); the holder's +1,000 vs +990.
    TxEffects o = returned(1), n = returned(1);
    const Address token = addr(0x70), vault = addr(0x71), user = addr(0x72);
    o.balances = {{token, vault, uint256() - uint256(1000)}, {token, user, uint256(1000)}};
    n.balances = {{token, vault, uint256() - uint256(990)}, {token, user, uint256(990)}};
    EXPECT_FALSE(breach("10", o, n));
    auto fee = breach("1%", o, n);  // 1% of 1,000 is 10: at the bound
    EXPECT_FALSE(fee);
    auto beyond = breach("9", o, n);
    ASSERT_TRUE(beyond);
    EXPECT_EQ(beyond->item, "token " + to_checksum(token) + " balance of " + to_checksum(vault) + " (change)");
    EXPECT_EQ(beyond->old_text, "-1000");
    EXPECT_EQ(beyond->new_text, "-990");
    // Storage: both wrote the slot (values compared); only the new code wrote another, from 5 to 7
    // (the old kept 5).
    o.balances.clear();
    n.balances.clear();
    o.storage = {{vault, uint256(2), uint256(100), uint256(50)}};
    n.storage = {{vault, uint256(2), uint256(101), uint256(50)}, {vault, uint256(3), uint256(7), uint256(5)}};
    EXPECT_FALSE(breach("2", o, n));
    auto slot = breach("1", o, n);
    ASSERT_TRUE(slot);
    EXPECT_EQ(slot->item, "storage of " + to_checksum(vault) + " slot 0x3");
    EXPECT_EQ(slot->old_text, "5");
    EXPECT_EQ(slot->new_text, "7");
    // A slot only one run wrote, far from the value it kept: beyond.
    n.storage[1].value = uint256(1'000'000);
    EXPECT_TRUE(breach("1000", o, n));
}

TEST(DifferenceBound, RulesDeclareWithinTheirBoundAndNameTheBreach) {
    std::vector<ExpectedDifference> rules;
    for (const std::string flag : {"function=deposit(uint256);within=1000", "function=redeem(uint256);new_reverts"}) {
        auto r = parse_expect_flag(flag);
        ASSERT_TRUE(r.ok()) << r.error().message;
        rules.push_back(*r);
    }
    DifferenceFacts deposit;
    deposit.called = abi::selector("deposit(uint256)");
    deposit.entered = {*deposit.called};
    const AbiList abis;
    const Declaration within = declare(rules, deposit, returned(1'000'000), returned(1'000'400), abis, nullptr);
    EXPECT_EQ(within.rule, &rules[0]);
    const Declaration beyond = declare(rules, deposit, returned(1'000'000), returned(990'000), abis, nullptr);
    EXPECT_EQ(beyond.rule, nullptr);
    EXPECT_EQ(beyond.breached, &rules[0]);
    EXPECT_EQ(beyond.breach_text(),
              "return word 0: old 1000000, new 990000: differs by 10000, 9000 beyond the bound 1000 (1000) "
              "(declared by --expect function=deposit(uint256);within=1000)");
    // A status change in deposit is not declared by the bound.
    TxEffects reverted = returned(0);
    reverted.status = evm::StatusCode::revert;
    const Declaration status = declare(rules, deposit, returned(5), reverted, abis, nullptr);
    EXPECT_EQ(status.rule, nullptr);
    ASSERT_TRUE(status.breach);
    EXPECT_FALSE(status.breach->amount);
    // Another function: no rule holds, nothing breached.
    DifferenceFacts other = deposit;
    other.called = abi::selector("mint(uint256)");
    other.entered = {*other.called};
    const Declaration none = declare(rules, other, returned(1), returned(2), abis, nullptr);
    EXPECT_EQ(none.rule, nullptr);
    EXPECT_EQ(none.breached, nullptr);
    EXPECT_EQ(none.breach_text(), "");
    // An unbounded rule after a breached bounded one still declares.
    auto any = parse_expect_flag("function=deposit(uint256)");
    ASSERT_TRUE(any.ok());
    rules.push_back(*any);
    EXPECT_EQ(declare(rules, deposit, returned(1'000'000), returned(990'000), abis, nullptr).rule, &rules[2]);
    // A bound alone is a rule.
    auto alone = parse_expect_flag("within=0.01%");
    ASSERT_TRUE(alone.ok()) << alone.error().message;
    EXPECT_TRUE(matches(*alone, other));
}

}  // namespace
}  // namespace suture::verify
