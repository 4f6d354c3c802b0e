// The scenario matrix (issue 13): each exploit scenario of tests/fixtures/exploits deployed behind
// its proxy on a node, with a history of tens of users (built here, mined a block at a time) ending
// in the attack; then, for the old code itself, the correct fix and wrong fixes, the verdict of the
// replay gate (history replayed on old and new, the correct fix's declared differences allowed),
// the fuzz gate (old vs new from the last honest block) and the invariants gate. The table says
// which gate each wrong fix must be caught by, and that every other gate passes it:
//   replay-wrong:    an honest function's result changes (as Compound's proposal 62);
//   fuzz-wrong:      a path the history never took changes;
//   invariant-wrong: a new function breaks a property of the whole contract (as Euler's
//                    donateToReserves); the existing functions are unchanged. The bank's
//                    invariant sums over holders derived from its history and the fuzz
//                    sequences ("sum(balanceOf(holders)) == totalDeposits()"), not listed.
// Old against old shows zero differences in every gate. A 1,000-block synthetic history of the bank
// replays old against old with zero differences and every receipt matched.
//
// The node: anvil (CTest scenario_matrix), or the in-process node over a state file with anvil's
// genesis (SUTURE_TEST_NODE=state, CTest scenario_matrix_state): the embedded default. The table is
// the same for both.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <set>

#include "core/hex.hpp"
#include "scenarios/scenario_chain.hpp"
#include "support/abi_calls.hpp"
#include "verify/fuzz_spec.hpp"
#include "verify/replay_spec.hpp"

namespace suture::verify {
namespace {

using suture::testing::call_data;
using suture::testing::encode_args;
using test::Anvil;
using test::ScenarioChain;

const uint256 kEther = uint256(1'000'000'000'000'000'000ull);
const uint256 kFinney = uint256(1'000'000'000'000'000ull);

constexpr size_t kUsers = 24;
constexpr int kRounds = 5;
constexpr uint64_t kFuzzRuns = 1500;       // the fuzz gate: a zero transfer needs ~1,000 sequences at seed 1

// What a scenario's history left on the node.
struct Deployed {
    Address proxy;
    uint64_t first = 0, last = 0;    // the replayed range (the attack's block is `last`)
    uint64_t honest_last = 0;        // the fuzz and invariant gates fork here: before the attack
    std::vector<Address> senders;    // fuzz senders besides fresh ones (holders, the owner)
    std::vector<std::string> invariants;
    std::string holder_blocks;       // "A..B": "sum(f(holders))" takes its holders from this history
    uint64_t invariant_runs = 300;   // each step checks every invariant
    size_t transactions = 0;         // in the range
};

struct Fix {
    std::string contract;
    std::string kind;  // old, correct, replay-wrong, fuzz-wrong, invariant-wrong
    bool replay, fuzz, invariants;  // the gate passes it
};

struct Scenario {
    std::string name;
    std::string build;  // fixtures/scenarios/NAME.json
    std::function<Result<Deployed>(ScenarioChain&, const solidity::BuildSet&)> make;
    std::vector<std::string> replay_expect;  // the correct fix's declared differences (replay rules)
    std::vector<std::string> fuzz_expect;    // the correct fix's declared differences (fuzz, same rules)
    std::vector<Fix> fixes;
};

std::string build_path(const std::string& name) {
    return std::string(SUTURE_BINARY_DIR) + "/fixtures/scenarios/" + name + ".json";
}

// A deterministic stream (the history is the same on every run and node).
struct Lcg {
    uint64_t state;
    uint64_t next(uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % n;
    }
};

// V1 behind an ERC1967Proxy initialized with `init`, deployed by dev account 0.
Result<Address> deploy_proxy(ScenarioChain& c, const solidity::BuildSet& b, const std::string& v1, const Bytes& init) {
    SUTURE_TRY(impl, c.deploy(Anvil::dev_key(0), b, v1));
    return c.deploy(Anvil::dev_key(0), b, "ERC1967Proxy", encode_args({"address", "bytes"}, {impl, init}));
}

std::string holders_sum(const std::vector<Address>& holders) {
    std::string list;
    for (const Address& a : holders) list += (list.empty() ? "" : ", ") + to_checksum(a);
    return "sum(balanceOf([" + list + "]))";
}

// Reentrancy: EtherBank. Users deposit, transfer in the bank (never 0) and withdraw; then the
// cross-function re-entrancy attack from dev account 2's Attacker.
Result<Deployed> bank_history(ScenarioChain& c, const solidity::BuildSet& b) {
    Deployed d;
    SUTURE_TRY(proxy, deploy_proxy(c, b, "EtherBankV1", call_data("initialize(address)", {Anvil::dev_address(0)})));
    d.proxy = proxy;
    SUTURE_TRY(attacker, c.deploy(Anvil::dev_key(2), b, "Attacker", encode_args({"address"}, {proxy})));
    std::vector<uint256> model(c.user_count());
    Lcg rng{2026};
    for (int round = 0; round < kRounds; ++round) {
        for (size_t u = 0; u < c.user_count(); ++u) {
            const uint64_t op = rng.next(3);
            if (op == 0 || model[u] == uint256()) {
                const uint256 v = kFinney * uint256(10 + rng.next(2000));
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("deposit()"), v));
                model[u] += v;
            } else if (op == 1) {
                const size_t to = (u + 1 + rng.next(c.user_count() - 1)) % c.user_count();
                const uint256 v = model[u] / uint256(2 + rng.next(3));
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("transfer(address,uint256)", {c.user(to), v})));
                model[u] -= v;
                model[to] += v;
            } else {
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("withdraw()")));
                model[u] = uint256();
            }
            ++d.transactions;
        }
        SUTURE_TRY(n, c.mine());
        if (round == 0) d.first = n;
        d.honest_last = n;
    }
    SUTURE_CHECK(c.send(Anvil::dev_key(2), attacker, call_data("attack()"), kEther, 5'000'000));
    SUTURE_TRY(attack_block, c.mine());
    d.last = attack_block;
    ++d.transactions;
    d.senders = {c.user(0), c.user(1), c.user(2)};
    // The holders derived, not listed: the history's depositors (senders, transfer receivers), the
    // fuzz senders and every address a sequence transfers to hold every deposit, exactly.
    d.invariants = {"sum(balanceOf(holders)) == totalDeposits()"};
    d.holder_blocks = std::to_string(d.first) + ".." + std::to_string(d.honest_last);
    return d;
}

// Access control: Treasury. Users pay fees in (plain transfers), the owner sweeps to its wallet
// (dev account 5) every other round; then the attacker (dev account 2) takes ownership and sweeps.
Result<Deployed> treasury_history(ScenarioChain& c, const solidity::BuildSet& b) {
    Deployed d;
    const Address owner = Anvil::dev_address(0);
    SUTURE_TRY(proxy, deploy_proxy(c, b, "TreasuryV1", call_data("initialize(address)", {owner})));
    d.proxy = proxy;
    Lcg rng{1337};
    for (int round = 0; round < kRounds; ++round) {
        for (size_t u = 0; u < c.user_count(); ++u) {
            SUTURE_CHECK(c.send_as_user(u, proxy, {}, kFinney * uint256(1 + rng.next(900)), 100'000));
            ++d.transactions;
        }
        if (round % 2 == 1) {
            SUTURE_CHECK(c.send(Anvil::dev_key(0), proxy, call_data("sweep(address)", {Anvil::dev_address(5)})));
            ++d.transactions;
        }
        SUTURE_TRY(n, c.mine());
        if (round == 0) d.first = n;
        d.honest_last = n;
    }
    SUTURE_CHECK(c.send(Anvil::dev_key(2), proxy, call_data("setOwner(address)", {Anvil::dev_address(2)})));
    SUTURE_CHECK(c.send(Anvil::dev_key(2), proxy, call_data("sweep(address)", {Anvil::dev_address(2)})));
    SUTURE_TRY(attack_block, c.mine());
    d.last = attack_block;
    d.transactions += 2;
    d.senders = {owner};
    d.invariants = {"owner() == " + to_checksum(owner)};
    return d;
}

// Price manipulation: LendingMarket over a pool and an oracle that agree (1 mUSD per mCOL) through
// the whole honest history. Users mint themselves tokens, supply mUSD, deposit mCOL and borrow
// within 50% of it; users 0-2 (the fuzz senders) hold 2 wei of mCOL against 1 wei of debt, at the
// limit. Then the attacker pumps mCOL in the pool with 9,000 mUSD and borrows against the spot price.
Result<Deployed> market_history(ScenarioChain& c, const solidity::BuildSet& b) {
    Deployed d;
    const chain::SecretKey deployer = Anvil::dev_key(0);
    const Address owner = deployer.address();
    const uint256 max = ~uint256();
    SUTURE_TRY(usd, c.deploy(deployer, b, "MockToken", encode_args({"string", "string"}, {std::string("Mock USD"), std::string("mUSD")})));
    SUTURE_TRY(col, c.deploy(deployer, b, "MockToken", encode_args({"string", "string"}, {std::string("Mock COL"), std::string("mCOL")})));
    SUTURE_TRY(amm, c.deploy(deployer, b, "MockAmm", encode_args({"address", "address"}, {col, usd})));
    SUTURE_TRY(oracle, c.deploy(deployer, b, "MockOracle", encode_args({"uint256"}, {kEther})));
    SUTURE_TRY(proxy, deploy_proxy(c, b, "LendingMarketV1",
                                   call_data("initialize(address,address,address,address,address)", {usd, col, amm, oracle, owner})));
    d.proxy = proxy;
    // The pool: 1,000 of each (price 1). Every user: 10,000 mUSD and 1,000 mCOL, the market approved.
    for (const Address& token : {usd, col}) {
        SUTURE_CHECK(c.send(deployer, token, call_data("mint(address,uint256)", {owner, uint256(1000) * kEther}), 0, 100'000));
        SUTURE_CHECK(c.send(deployer, token, call_data("approve(address,uint256)", {amm, max}), 0, 100'000));
    }
    for (size_t u = 0; u < c.user_count(); ++u)
        for (const auto& [token, amount] : {std::make_pair(usd, uint256(10'000)), std::make_pair(col, uint256(1000))}) {
            SUTURE_CHECK(c.send_as_user(u, token, call_data("mint(address,uint256)", {c.user(u), amount * kEther}), 0, 100'000));
            SUTURE_CHECK(c.send_as_user(u, token, call_data("approve(address,uint256)", {proxy, max}), 0, 100'000));
        }
    SUTURE_CHECK(c.mine());
    SUTURE_CHECK(c.send(deployer, amm, call_data("addLiquidity(uint256,uint256)", {uint256(1000) * kEther, uint256(1000) * kEther})));
    SUTURE_CHECK(c.mine());

    std::vector<uint256> collateral(c.user_count()), debt(c.user_count());
    uint256 liquidity;  // supplied and not lent
    Lcg rng{4242};
    for (int round = 0; round < kRounds; ++round) {
        for (size_t u = 0; u < c.user_count(); ++u) {
            uint64_t op = round == 0 ? 0 : rng.next(3);
            if (u < 3) op = round == 0 ? 1 : round == 1 ? 2 : 0;
            if (op == 2) {
                const uint256 room = collateral[u] / uint256(2) - debt[u];
                uint256 amount = u < 3 ? room : room * uint256(1 + rng.next(3)) / uint256(3);
                if (amount > liquidity) amount = liquidity;
                if (amount == uint256()) op = 1;
                else {
                    SUTURE_CHECK(c.send_as_user(u, proxy, call_data("borrow(uint256)", {amount})));
                    debt[u] += amount;
                    liquidity -= amount;
                }
            }
            if (op == 1) {
                const uint256 amount = u < 3 ? uint256(2) : kEther * uint256(10 + rng.next(190));
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("depositCollateral(uint256)", {amount})));
                collateral[u] += amount;
            } else if (op == 0) {
                const uint256 amount = kEther * uint256(100 + rng.next(400));
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("supply(uint256)", {amount})));
                liquidity += amount;
            }
            ++d.transactions;
        }
        SUTURE_TRY(n, c.mine());
        if (round == 0) d.first = n;
        d.honest_last = n;
    }
    // The attack, in one block: buy mCOL with 9,000 mUSD (spot 1 -> ~100), post 100 mCOL, borrow.
    const chain::SecretKey attacker = Anvil::dev_key(2);
    const uint256 loan = liquidity < uint256(4000) * kEther ? liquidity : uint256(4000) * kEther;
    const std::vector<std::pair<Address, Bytes>> attack = {
        {usd, call_data("mint(address,uint256)", {attacker.address(), uint256(9000) * kEther})},
        {col, call_data("mint(address,uint256)", {attacker.address(), uint256(100) * kEther})},
        {usd, call_data("approve(address,uint256)", {amm, max})},
        {col, call_data("approve(address,uint256)", {proxy, max})},
        {amm, call_data("swap(address,uint256,uint256)", {usd, uint256(9000) * kEther, uint256()})},
        {proxy, call_data("depositCollateral(uint256)", {uint256(100) * kEther})},
        {proxy, call_data("borrow(uint256)", {loan})},
    };
    for (const auto& [to, data] : attack) SUTURE_CHECK(c.send(attacker, to, data));
    SUTURE_TRY(attack_block, c.mine());
    d.last = attack_block;
    d.transactions += attack.size();
    d.senders = {c.user(0), c.user(1), c.user(2)};
    d.invariant_runs = 1500;  // three cheap invariants; a break needs withdrawCollateral(2) by one of three
    for (size_t u = 0; u < 3; ++u)
        d.invariants.push_back("collateralOf(" + to_checksum(c.user(u)) + ") >= debtOf(" + to_checksum(c.user(u)) + ")");
    return d;
}

// Share inflation: ShareVault. The history opens with the attack on the empty vault (the attacker's
// 1-wei deposit and 6 mUSD donation, the victim's 10 mUSD deposit minting 1 share, the attacker's
// redeem); the victim then takes her 8 mUSD back, the vault is empty again, and the owner seeds it
// with 1,000 mUSD (1:1). The replayed range is what follows: users deposit and redeem on the live
// vault, kept valid by a model of V1's arithmetic. The fix is installed on that vault, as it would
// be: the virtual offset then moves each deposit and redeem by rounding only (a few hundred wei at
// most), which its declarations bound (kVaultRounding); the attack is the exploit gate's.
Result<Deployed> vault_history(ScenarioChain& c, const solidity::BuildSet& b) {
    Deployed d;
    const chain::SecretKey deployer = Anvil::dev_key(0), victim = Anvil::dev_key(1), attacker = Anvil::dev_key(2);
    const uint256 max = ~uint256();
    SUTURE_TRY(usd, c.deploy(deployer, b, "MockToken", encode_args({"string", "string"}, {std::string("Mock USD"), std::string("mUSD")})));
    SUTURE_TRY(proxy, deploy_proxy(c, b, "ShareVaultV1", call_data("initialize(address,address)", {usd, deployer.address()})));
    d.proxy = proxy;
    const uint256 donation = uint256(6) * kEther, seed = uint256(1000) * kEther;
    SUTURE_CHECK(c.send(attacker, usd, call_data("mint(address,uint256)", {attacker.address(), donation + uint256(1)}), 0, 100'000));
    SUTURE_CHECK(c.send(attacker, usd, call_data("approve(address,uint256)", {proxy, max}), 0, 100'000));
    SUTURE_CHECK(c.send(victim, usd, call_data("mint(address,uint256)", {victim.address(), uint256(10) * kEther}), 0, 100'000));
    SUTURE_CHECK(c.send(victim, usd, call_data("approve(address,uint256)", {proxy, max}), 0, 100'000));
    SUTURE_CHECK(c.send(deployer, usd, call_data("mint(address,uint256)", {deployer.address(), seed}), 0, 100'000));
    SUTURE_CHECK(c.send(deployer, usd, call_data("approve(address,uint256)", {proxy, max}), 0, 100'000));
    for (size_t u = 0; u < c.user_count(); ++u) {
        SUTURE_CHECK(c.send_as_user(u, usd, call_data("mint(address,uint256)", {c.user(u), uint256(10'000) * kEther}), 0, 100'000));
        SUTURE_CHECK(c.send_as_user(u, usd, call_data("approve(address,uint256)", {proxy, max}), 0, 100'000));
    }
    SUTURE_CHECK(c.mine());
    // The attack, a block a step; then the victim's exit and the owner's seed.
    SUTURE_CHECK(c.send(attacker, proxy, call_data("deposit(uint256)", {uint256(1)})));
    SUTURE_CHECK(c.send(attacker, usd, call_data("transfer(address,uint256)", {proxy, donation})));
    SUTURE_CHECK(c.mine());
    SUTURE_CHECK(c.send(victim, proxy, call_data("deposit(uint256)", {uint256(10) * kEther})));
    SUTURE_CHECK(c.mine());
    SUTURE_CHECK(c.send(attacker, proxy, call_data("redeem(uint256)", {uint256(1)})));
    SUTURE_CHECK(c.mine());
    SUTURE_CHECK(c.send(victim, proxy, call_data("redeem(uint256)", {uint256(1)})));
    SUTURE_CHECK(c.mine());
    SUTURE_CHECK(c.send(deployer, proxy, call_data("deposit(uint256)", {seed})));
    SUTURE_CHECK(c.mine());
    // V1's arithmetic from the seed: the supply is the owner's 1,000 mUSD of shares, 1:1.
    uint256 supply = seed, assets = seed;
    std::vector<uint256> shares(c.user_count());
    Lcg rng{77};
    for (int round = 0; round < kRounds; ++round) {
        for (size_t u = 0; u < c.user_count(); ++u) {
            if (shares[u] == uint256() || rng.next(3) != 0) {
                const uint256 amount = kEther * uint256(100 + rng.next(900));
                const uint256 minted = amount * supply / assets;
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("deposit(uint256)", {amount})));
                shares[u] += minted;
                supply += minted;
                assets += amount;
            } else {
                const uint256 burned = shares[u] / uint256(2) + uint256(1);
                const uint256 paid = burned * assets / supply;
                SUTURE_CHECK(c.send_as_user(u, proxy, call_data("redeem(uint256)", {burned})));
                shares[u] -= burned;
                supply -= burned;
                assets -= paid;
            }
            ++d.transactions;
        }
        SUTURE_TRY(n, c.mine());
        if (round == 0) d.first = n;
        d.honest_last = n;
    }
    d.last = d.honest_last;
    d.senders = {c.user(0), c.user(1), c.user(2)};
    std::vector<Address> holders = c.users();
    holders.push_back(victim.address());
    holders.push_back(deployer.address());
    d.invariants = {holders_sum(holders) + " <= totalSupply()"};
    return d;
}

// What the virtual offset may change in a deposit or redeem on the seeded vault: rounding, a few
// hundred wei (1,000 for dust amounts, where one share is a large part), or a millionth of an amount
// (the views' results and the stored totals, over any amount). A 1% fee is far beyond either.
const std::string kVaultRounding = "within=1000, 0.0001%";

const std::vector<Scenario>& scenarios() {
    static const std::vector<Scenario> s = {
        {"reentrancy", build_path("reentrancy"), bank_history,
         {"function=withdraw();reentered;new_reverts"},
         {},
         {{"EtherBankV1", "old", true, true, true},
          {"EtherBankV2Fixed", "correct", true, true, true},
          {"EtherBankV2Fee", "replay-wrong", false, false, true},
          {"EtherBankV2ZeroTransfer", "fuzz-wrong", true, false, true},
          {"EtherBankV2Donate", "invariant-wrong", true, true, false}}},
        {"access-control", build_path("access-control"), treasury_history,
         {"sender=" + to_checksum(Anvil::dev_address(2)) + ";new_reverts"},
         {"function=setOwner(address)"},
         {{"TreasuryV1", "old", true, true, true},
          {"TreasuryV2Fixed", "correct", true, true, true},
          {"TreasuryV2SweepFee", "replay-wrong", false, false, true},
          {"TreasuryV2SweepSelf", "fuzz-wrong", true, false, true},
          {"TreasuryV2Claim", "invariant-wrong", true, true, false}}},
        {"price-manipulation", build_path("price-manipulation"), market_history,
         {"sender=" + to_checksum(Anvil::dev_address(2)) + ";new_reverts"},
         {},
         {{"LendingMarketV1", "old", true, true, true},
          {"LendingMarketV2Fixed", "correct", true, true, true},
          {"LendingMarketV2BorrowFee", "replay-wrong", false, true, true},  // no fuzz sender can borrow more
          {"LendingMarketV2ZeroBorrow", "fuzz-wrong", true, false, true},
          {"LendingMarketV2Withdraw", "invariant-wrong", true, true, false}}},
        {"share-inflation", build_path("share-inflation"), vault_history,
         {kVaultRounding},
         {kVaultRounding},
         {{"ShareVaultV1", "old", true, true, true},
          {"ShareVaultV2Fixed", "correct", true, true, true},
          {"ShareVaultV2RedeemFee", "replay-wrong", false, false, true},
          {"ShareVaultV2DustFee", "fuzz-wrong", true, false, true},
          {"ShareVaultV2Donate", "invariant-wrong", true, true, false}}},
    };
    return s;
}

// Replay: passes when every difference is declared (only the fixes declare the correct fix's
// differences; old against old declares none); every transaction of the range is checked against
// the node's receipt under the old code.
bool replay_passes(const std::string& url, const Scenario& s, const Deployed& d, const Fix& f, std::string& what) {
    ReplaySpec spec;
    spec.target = d.proxy;
    spec.build = s.build;
    spec.new_contract = f.contract;
    spec.blocks = std::to_string(d.first) + ".." + std::to_string(d.last);
    spec.rpc_url = url;
    if (f.kind != "old") spec.expect = s.replay_expect;
    auto r = run_replay_spec(spec);
    EXPECT_TRUE(r.ok()) << f.contract << ": " << r.error().message;
    if (!r.ok()) return false;
    const ReplayResult& x = r->result;
    EXPECT_EQ(x.transactions, d.transactions) << f.contract;
    EXPECT_EQ(x.receipts_checked, d.transactions) << f.contract;
    EXPECT_EQ(x.receipts_matched, d.transactions) << f.contract;
    if (f.kind == "old") {
        EXPECT_EQ(x.verdict, ReplayVerdict::identical) << f.contract;
        EXPECT_TRUE(x.differences.empty()) << f.contract;
        EXPECT_EQ(x.identical, x.compared) << f.contract;
    }
    size_t undeclared = 0;
    std::string beyond;
    for (const auto& diff : x.differences) {
        undeclared += diff.expected ? 0 : 1;
        if (beyond.empty() && !diff.beyond_bound.empty()) beyond = "; first: " + diff.function + ": " + diff.beyond_bound;
    }
    what = std::string(replay_verdict_name(x.verdict)) + " (" + std::to_string(x.compared) + " compared, " +
           std::to_string(x.differences.size()) + " differ, " + std::to_string(undeclared) + " undeclared" + beyond + ")";
    return x.passed();
}

// Fuzz (compare) or invariants, forked at the last honest block. The fuzz gate passes when every
// difference is declared (the fixes declare the correct fix's, as replay rules; old against old
// none); the invariants gate when nothing is broken by the patch.
bool fuzz_passes(const std::string& url, const Scenario& s, const Deployed& d, const Fix& f, bool compare,
                 std::string& what) {
    FuzzSpec spec;
    spec.target = d.proxy;
    spec.build = s.build;
    spec.new_contract = f.contract;
    spec.rpc_url = url;
    spec.block = d.honest_last;
    spec.senders = d.senders;
    spec.compare = compare;
    if (!compare) {
        spec.invariants = d.invariants;
        spec.holder_blocks = d.holder_blocks;
    }
    if (compare && f.kind != "old") spec.expect = s.fuzz_expect;
    spec.runs = compare ? kFuzzRuns : d.invariant_runs;
    spec.seed = 1;
    auto r = run_fuzz_spec(spec);
    EXPECT_TRUE(r.ok()) << f.contract << ": " << r.error().message;
    if (!r.ok()) return false;
    const FuzzResult& x = r->result;
    // Old against old: no difference, and no invariant broken on one code only.
    if (f.kind == "old")
        for (const FuzzFinding& ff : x.findings) {
            EXPECT_FALSE(compare) << f.contract << ": a difference in " << ff.function;
            EXPECT_EQ(ff.kind, FuzzFindingKind::already_broken) << f.contract << ": " << ff.function;
        }
    // Derived holders are complete: an equality over them breaks only where a patch breaks it.
    if (!compare && !d.holder_blocks.empty()) {
        for (const FuzzFinding& ff : x.findings)
            EXPECT_NE(ff.kind, FuzzFindingKind::already_broken) << f.contract << ": " << ff.invariant << " " << ff.old_why;
    }
    bool pass = true;
    std::string found;
    for (const FuzzFinding& ff : x.findings) {
        if (ff.kind != FuzzFindingKind::already_broken) pass = false;
        found += (found.empty() ? "" : ", ") + ff.function +
                 (ff.kind == FuzzFindingKind::already_broken ? " (already broken)" : "") +
                 (ff.beyond_bound.empty() ? "" : " (" + ff.beyond_bound + ")");
    }
    what = std::to_string(x.runs) + " runs, " + std::to_string(x.declared) + " declared, " +
           std::to_string(x.findings.size()) + " finding(s)" + (found.empty() ? "" : ": " + found);
    return pass;
}

std::string verdict(bool pass) { return pass ? "pass" : "FAIL"; }

class ScenarioMatrix : public ::testing::TestWithParam<size_t> {
protected:
    static void SetUpTestSuite() {
        auto c = ScenarioChain::start(kUsers);
        ASSERT_TRUE(c.ok()) << c.error().message;
        chain_ = std::move(*c);
    }
    static void TearDownTestSuite() { chain_.reset(); }
    static inline std::unique_ptr<ScenarioChain> chain_;
};

TEST_P(ScenarioMatrix, EachFixGetsItsVerdictFromEveryGate) {
    ASSERT_NE(chain_, nullptr);
    const Scenario& s = scenarios().at(GetParam());
    auto build = solidity::load_build(s.build);
    ASSERT_TRUE(build.ok()) << build.error().message;
    auto d = s.make(*chain_, *build);
    ASSERT_TRUE(d.ok()) << s.name << " history: " << d.error().message;
    std::cout << "[ matrix ] " << s.name << " on " << (chain_->on_state_file() ? "the state file" : "anvil") << ": "
              << d->transactions << " transactions in blocks " << d->first << ".." << d->last << ", " << kUsers
              << " users\n";
    for (const Fix& f : s.fixes) {
        SCOPED_TRACE(s.name + " x " + f.contract + " (" + f.kind + ")");
        std::string rw, fw, iw;
        const bool replay = replay_passes(chain_->url(), s, *d, f, rw);
        const bool fuzz = fuzz_passes(chain_->url(), s, *d, f, true, fw);
        const bool invariants = fuzz_passes(chain_->url(), s, *d, f, false, iw);
        std::cout << "[ matrix ] " << s.name << " x " << f.contract << " (" << f.kind << "): replay " << verdict(replay)
                  << " [" << rw << "]; fuzz " << verdict(fuzz) << " [" << fw << "]; invariants " << verdict(invariants)
                  << " [" << iw << "]\n";
        EXPECT_EQ(verdict(replay), verdict(f.replay)) << "replay: " << rw;
        EXPECT_EQ(verdict(fuzz), verdict(f.fuzz)) << "fuzz: " << fw;
        EXPECT_EQ(verdict(invariants), verdict(f.invariants)) << "invariants: " << iw;
    }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioMatrix, ::testing::Range(size_t(0), scenarios().size()),
                         [](const ::testing::TestParamInfo<size_t>& i) {
                             std::string n = scenarios()[i.param].name;
                             for (char& ch : n)
                                 if (ch == '-') ch = '_';
                             return n;
                         });

}  // namespace
}  // namespace suture::verify
