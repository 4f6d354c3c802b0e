// The venue of examples/venue deployed with a history on anvil (src/demo/venue.hpp), and its attack:
// the first drain transaction takes collateral, the guardian's pause stops the rest.
#include <iostream>

#include <gtest/gtest.h>

#include "chain/devnet.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/tx_sender.hpp"
#include "core/hex.hpp"
#include "core/units.hpp"
#include "demo/venue.hpp"
#include "support/anvil.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::demo {
namespace {

using suture::test::Anvil;

const VenueBuild& venue_build() {
    static const VenueBuild b = [] {
        auto r = load_venue_build({std::string(SUTURE_BINARY_DIR) + "/examples/venue.json",
                                   std::string(SUTURE_SOURCE_DIR) +
                                       "/node_modules/@safe-global/safe-contracts/build/artifacts/contracts"});
        if (!r) throw std::runtime_error(r.error().message);
        return std::move(*r);
    }();
    return b;
}

class VenueOnAnvil : public suture::test::AnvilSuite {
protected:
    void SetUp() override {
        AnvilSuite::SetUp();
        nonces = std::make_unique<chain::NonceManager>(rpc());
        chain::SendOptions o;
        o.poll_interval = std::chrono::milliseconds(5);
        sender = std::make_unique<chain::TxSender>(rpc(), *nonces, o);
    }
    uint256 view_uint(const Address& to, std::string_view sig, const std::vector<abi::AbiValue>& args = {}) {
        upgrade::RpcChainView view(rpc());
        auto r = upgrade::view_uint(view, to, sig, args);
        if (!r || !*r) throw std::runtime_error(std::string(sig) + ": no answer");
        return **r;
    }
    std::unique_ptr<chain::NonceManager> nonces;
    std::unique_ptr<chain::TxSender> sender;
};

TEST_F(VenueOnAnvil, DeploysWithAHistoryThenTheAttackIsStoppedByThePause) {
    const chain::SecretKey funder = Anvil::dev_key(0);
    auto accounts = venue_accounts(12);
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;
    VenueOptions options;
    options.users = 12;
    options.rounds = 4;
    options.funder = &funder;
    std::vector<std::string> steps;
    auto d = deploy_venue_with_history(rpc(), *sender, venue_build(), *accounts, options,
                                       [&](std::string_view step, uint64_t, uint64_t) {
                                           if (steps.empty() || steps.back() != step) steps.emplace_back(step);
                                       });
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(steps, (std::vector<std::string>{"deploy", "history"}));
    const auto& v = d->addresses;
    const auto& s = d->history.stats;
    EXPECT_LE(d->deploy_first_block, d->deploy_last_block);
    EXPECT_LT(d->deploy_last_block, d->history.first_block);
    EXPECT_LT(d->history.first_block + 50, d->history.last_block);
    EXPECT_GE(s.transactions, 50u);
    EXPECT_GE(s.liquidations, 1u);
    EXPECT_GE(s.positions_opened, 5u);
    EXPECT_GE(s.positions_closed, 1u);
    EXPECT_GE(s.lp_deposits, 6u);
    EXPECT_GE(s.lp_withdrawals, 1u);
    EXPECT_GE(s.margin_deposits, 6u);
    EXPECT_EQ(s.price_updates, 4u);
    EXPECT_GT(s.trader_collateral, uint256(0));  // the venue owes traders: wrong fix (d) has something to take
    EXPECT_GE(s.collateral_balance, s.pool_assets + s.trader_collateral);
    EXPECT_EQ(view_uint(v.venue, "poolAssets()(uint256)"), s.pool_assets);
    std::cout << "venue history: blocks " << d->history.first_block << ".." << d->history.last_block << ", "
              << s.transactions << " txs, " << s.lp_deposits << " deposits, " << s.lp_withdrawals << " withdrawals, "
              << s.share_transfers << " share transfers, " << s.margin_deposits << "/" << s.margin_withdrawals
              << " margin in/out, " << s.positions_opened << " opened, " << s.positions_closed << " closed, "
              << s.liquidations << " liquidated; pool " << format_units(s.pool_assets, 18) << " vUSD, traders "
              << format_units(s.trader_collateral, 18) << " vUSD\n";

    // The attack: set-up, then the first drain transaction takes twice the stake from the pool.
    AttackOptions attack;
    auto plan = venue_attack(rpc(), venue_build(), *accounts, v, attack);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    ASSERT_EQ(plan->size(), 3u + attack.drain_transactions);
    const Address attacker = accounts->attacker.address();
    auto before_attack = rpc().block_number();
    ASSERT_TRUE(before_attack.ok()) << before_attack.error().message;
    const uint256 held_before = view_uint(v.token, "balanceOf(address)(uint256)", {attacker});
    size_t i = 0;
    for (; !(*plan)[i].drains; ++i) {
        auto r = send_attack_step(*sender, *accounts, (*plan)[i]);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    const uint256 pool_before = view_uint(v.venue, "poolAssets()(uint256)");
    auto first = send_attack_step(*sender, *accounts, (*plan)[i++]);
    ASSERT_TRUE(first.ok()) << first.error().message;
    const uint256 taken = pool_before - view_uint(v.venue, "poolAssets()(uint256)");
    std::cout << "first drain transaction took " << format_units(taken, 18) << " vUSD of "
              << format_units(pool_before, 18) << "\n";
    EXPECT_GE(taken, attack.stake * uint256(2) - uint256(1'000'000));  // two rounds, each the stake's worth
    EXPECT_GT(view_uint(v.token, "balanceOf(address)(uint256)", {attacker}), held_before + attack.stake / uint256(2));

    // The guardian pauses; the remaining drain transactions revert.
    chain::TxRequest pause;
    pause.to = v.venue;
    pause.data = {0x84, 0x56, 0xcb, 0x59};  // pause()
    auto paused = sender->send(pause, accounts->guardian, accounts->guardian.address());
    ASSERT_TRUE(paused.ok()) << paused.error().message;
    const uint256 pool_paused = view_uint(v.venue, "poolAssets()(uint256)");
    for (; i < plan->size(); ++i) {
        auto r = send_attack_step(*sender, *accounts, (*plan)[i]);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find("attack step attack(2)"), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(view_uint(v.venue, "poolAssets()(uint256)"), pool_paused);

    // The PoC for the exploit gate starts with the owner's unpause on the paused chain.
    auto poc = venue_poc(rpc(), venue_build(), *accounts, v, attack);
    ASSERT_TRUE(poc.ok()) << poc.error().message;
    ASSERT_EQ(poc->size(), 4u + attack.drain_transactions);
    EXPECT_EQ((*poc)[0]["from"], to_checksum(v.timelock));
    EXPECT_EQ((*poc)[0]["data"], "0x3f4ba83a");  // unpause()
    EXPECT_FALSE((*poc)[1].contains("to"));      // the attacker contract's creation
    // Built at the block before the attack (gates that fork there): no pause to lift, and the same
    // transactions the attacker sent.
    auto early = venue_poc(rpc(), venue_build(), *accounts, v, attack, chain::BlockTag::number(*before_attack));
    ASSERT_TRUE(early.ok()) << early.error().message;
    ASSERT_EQ(early->size(), plan->size());
    for (size_t k = 0; k < plan->size(); ++k) EXPECT_EQ((*early)[k]["data"], to_hex((*plan)[k].data)) << k;
    EXPECT_EQ((*early)[2]["to"], to_checksum(*(*plan)[2].to));  // stake() to the contract the attacker made
    EXPECT_NE((*poc)[3]["to"], (*early)[2]["to"]);  // built now: another contract, from the later nonce
}

// The same seed on the same starting chain sends the same transactions: the same addresses, books
// and counts; another seed another history.
TEST_F(VenueOnAnvil, TheHistoryIsDeterministic) {
    const chain::SecretKey funder = Anvil::dev_key(0);
    auto accounts = venue_accounts(6);
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;
    VenueOptions options;
    options.users = 6;
    options.rounds = 3;
    options.seed = 7;
    options.funder = &funder;
    auto snapshot = rpc().evm_snapshot();
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    auto once = [&](uint64_t seed) {
        options.seed = seed;
        chain::NonceManager n(rpc());  // nonces as the chain has them after a revert
        chain::SendOptions so;
        so.poll_interval = std::chrono::milliseconds(5);
        chain::TxSender s(rpc(), n, so);
        auto d = deploy_venue_with_history(rpc(), s, venue_build(), *accounts, options);
        auto reverted = rpc().evm_revert(*snapshot);
        EXPECT_TRUE(reverted.ok() && *reverted);
        snapshot = rpc().evm_snapshot();
        if (!d) throw std::runtime_error(d.error().message);
        return std::move(*d);
    };
    const auto a = once(7), b = once(7), c = once(8);
    EXPECT_EQ(a.addresses.venue, b.addresses.venue);
    EXPECT_EQ(a.addresses.safe, b.addresses.safe);
    EXPECT_EQ(a.history.first_block, b.history.first_block);
    EXPECT_EQ(a.history.last_block, b.history.last_block);
    EXPECT_EQ(a.history.stats.transactions, b.history.stats.transactions);
    EXPECT_EQ(a.history.stats.pool_assets, b.history.stats.pool_assets);
    EXPECT_EQ(a.history.stats.trader_collateral, b.history.stats.trader_collateral);
    EXPECT_EQ(a.history.stats.total_shares, b.history.stats.total_shares);
    EXPECT_EQ(a.addresses.venue, c.addresses.venue);  // the deployment does not depend on the seed
    EXPECT_NE(a.history.stats.pool_assets, c.history.stats.pool_assets);
}

TEST(VenueAccounts, AreDevKeysAtFixedIndices) {
    auto a = venue_accounts(5);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->deployer.address(), *parse_address("0x77F6cbD166DD059a33afDe102d79845fDd090228"));  // docs/devnet.md
    ASSERT_EQ(a->users.size(), 5u);
    EXPECT_EQ(a->users[0].address(), chain::dev_key(venue_first_user_index)->address());
    EXPECT_EQ(a->safe_owners[2].address(), chain::dev_key(venue_safe_owner_index + 2)->address());
    EXPECT_FALSE(venue_accounts(3).ok());
}

TEST(VenueFixes, NameOneGatePerWrongFix) {
    std::vector<std::string> gates;
    for (const auto& f : venue_fixes()) gates.push_back(f.stops_at);
    EXPECT_EQ(gates, (std::vector<std::string>{"", "check", "exploit", "replay", "invariants"}));
    for (const auto& f : venue_fixes()) EXPECT_TRUE(solidity::find_contract(venue_build().venue, f.contract).ok()) << f.contract;
}

}  // namespace
}  // namespace suture::demo
