// Deploying the venue of examples/venue with a history, and its attack (venue.hpp).
#include "demo/venue.hpp"

#include <fstream>
#include <random>

#include "chain/devnet.hpp"
#include "chain/fees.hpp"
#include "core/abi_encode.hpp"
#include "core/abi_type.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/state_host.hpp"
#include "solidity/load.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::demo {
namespace {

using abi::AbiValue;

const uint256 kUnit = uint256(1'000'000'000'000'000'000ULL);  // 1e18: vUSD and prices have 18 decimals
const uint256 kEther = kUnit;
constexpr uint64_t kCallGas = 1'000'000;
constexpr uint64_t kCreateGas = 12'000'000;
constexpr uint64_t kSafeSaltNonce = 19;          // issue 19
constexpr uint64_t kInitialPrice = 2'000;        // vUSD per unit of the traded asset

uint256 units(uint64_t n) { return uint256(n) * kUnit; }

Result<Bytes> encode(std::string_view signature, const std::vector<AbiValue>& args) {
    SUTURE_TRY(sig, abi::parse_signature(signature));
    return abi::encode_call(sig, args);
}

Result<Bytes> safe_code(const std::string& dir, const std::string& relative) {
    const std::string path = dir + "/" + relative;
    std::ifstream in(path);
    if (!in) return input_error(path + ": cannot read the Safe artifact (run scripts/setup.sh)");
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("bytecode") || !doc["bytecode"].is_string())
        return input_error(path + ": not a Hardhat artifact with a bytecode string");
    auto code = from_hex(doc["bytecode"].get<std::string>());
    if (!code || code->empty()) return input_error(path + ": bytecode is not hex");
    return std::move(*code);
}

// The creation code of `name` followed by its ABI-encoded constructor arguments.
Result<Bytes> creation(const VenueBuild& build, std::string_view name, const std::vector<AbiValue>& args = {}) {
    SUTURE_TRY(ref, solidity::find_contract(build.venue, name));
    const auto& c = *ref.contract;
    if (!c.link_references.empty()) return input_error(std::string(name) + ": needs linked libraries");
    auto code = from_hex(c.bytecode);
    if (!code || code->empty()) return input_error(std::string(name) + ": no creation code in " + build.venue.path);
    std::vector<abi::AbiType> types;
    if (const auto* ctor = c.abi.constructor())
        for (const auto& p : ctor->inputs) types.push_back(p.type);
    if (types.size() != args.size())
        return input_error(std::string(name) + ": the constructor takes " + std::to_string(types.size()) +
                           " arguments, not " + std::to_string(args.size()));
    SUTURE_TRY(tail, abi::encode(types, args));
    code->insert(code->end(), tail.begin(), tail.end());
    return std::move(*code);
}

// The caller's node and sender, with fixed gas limits and fees refreshed now and then: no
// eth_estimateGas per transaction (a revert is reported from the receipt instead).
class Chain {
public:
    Chain(chain::RpcClient& rpc, chain::TxSender& sender) : rpc_(rpc), sender_(&sender), view_(rpc) {}
    Chain(chain::RpcClient& rpc, const chain::BlockTag& at) : rpc_(rpc), view_(rpc, at) {}  // views only, at `at`

    Status refresh_fees() {
        SUTURE_TRY(f, chain::estimate_fees(rpc_));
        // Room for the base fee to rise over the next transactions.
        f.max_fee_per_gas = f.max_fee_per_gas * uint256(2) + f.max_priority_fee_per_gas;
        fees_ = f;
        return {};
    }

    Result<chain::Receipt> send(const chain::SecretKey& key, std::optional<Address> to, Bytes data,
                                const std::string& what, const uint256& value = {}, uint64_t gas = kCallGas) {
        if (!sender_) return input_error(what + ": no transaction sender");
        if (!fees_) SUTURE_CHECK(refresh_fees());
        chain::TxRequest req;
        req.to = to;
        req.value = value;
        req.data = std::move(data);
        req.gas_limit = gas;
        req.fees = fees_;
        auto sent = sender_->send(req, key, key.address());
        if (!sent) return chain_error(what + " (from " + to_checksum(key.address()) + "): " + sent.error().message);
        ++sent_;
        last_block_ = sent->receipt.block_number;
        if (!first_block_) first_block_ = last_block_;
        return std::move(sent->receipt);
    }

    Result<chain::Receipt> call(const chain::SecretKey& key, const Address& to, std::string_view signature,
                                const std::vector<AbiValue>& args, const std::string& what) {
        SUTURE_TRY(data, encode(signature, args));
        return send(key, to, std::move(data), what);
    }

    Result<Address> create(const chain::SecretKey& key, Bytes code, const std::string& what) {
        SUTURE_TRY(receipt, send(key, std::nullopt, std::move(code), "deploy " + what, {}, kCreateGas));
        if (!receipt.contract_address) return chain_error("deploy " + what + ": the receipt has no contract address");
        return *receipt.contract_address;
    }

    // A view that must answer.
    Result<std::vector<AbiValue>> view(const Address& to, std::string_view signature,
                                       const std::vector<AbiValue>& args = {}) {
        SUTURE_TRY(out, upgrade::view_call(view_, to, signature, args));
        if (!out || out->empty())
            return chain_error(std::string(signature) + " on " + to_checksum(to) + ": no answer (reverted?)");
        return std::move(*out);
    }
    Result<uint256> view_uint(const Address& to, std::string_view signature, const std::vector<AbiValue>& args = {}) {
        SUTURE_TRY(out, view(to, signature, args));
        return out[0].as_uint();
    }
    Result<bool> view_bool(const Address& to, std::string_view signature, const std::vector<AbiValue>& args = {}) {
        SUTURE_TRY(out, view(to, signature, args));
        return out[0].as_bool();
    }

    chain::RpcClient& rpc() { return rpc_; }
    uint64_t sent() const { return sent_; }
    uint64_t first_block() const { return first_block_; }
    uint64_t last_block() const { return last_block_; }

private:
    chain::RpcClient& rpc_;
    chain::TxSender* sender_ = nullptr;
    upgrade::RpcChainView view_;
    std::optional<chain::Fees> fees_;
    uint64_t sent_ = 0, first_block_ = 0, last_block_ = 0;
};

void report(const VenueProgress& progress, std::string_view step, uint64_t done, uint64_t total) {
    if (progress) progress(step, done, total);
}

Bytes role_id(std::string_view name) {
    const Bytes32 h = keccak256(std::string(name));
    return Bytes(h.begin(), h.end());
}

Status expect(bool ok, const std::string& what) {
    if (!ok) return chain_error("venue deployment check failed: " + what);
    return {};
}

// ---- deployment ----

Status fund_actors(Chain& c, const VenueAccounts& a, const chain::SecretKey& funder) {
    std::vector<const chain::SecretKey*> all{&a.deployer, &a.keeper, &a.guardian, &a.attacker, &a.liquidator,
                                             &a.treasury};
    for (const auto& k : a.safe_owners) all.push_back(&k);
    for (const auto& k : a.users) all.push_back(&k);
    for (const auto* k : all) {
        if (k->address() == funder.address()) continue;
        SUTURE_TRY(balance, c.rpc().get_balance(k->address()));
        if (balance >= kEther / uint256(2)) continue;
        SUTURE_TRY(r, c.send(funder, k->address(), {}, "fund " + to_checksum(k->address()), kEther, 21'000));
        (void)r;
    }
    return {};
}

// The 2-of-3 Safe through the factory (the factory's prediction is read first: createProxyWithNonce
// returns the address, but a transaction's return value is not in its receipt).
Result<Address> create_safe(Chain& c, const VenueAccounts& a, const Address& singleton, const Address& factory) {
    AbiValue::List owners;
    for (const auto& k : a.safe_owners) owners.push_back(k.address());
    SUTURE_TRY(setup, encode("setup(address[],uint256,address,bytes,address,address,uint256,address)",
                             {owners, uint256(2), Address{}, Bytes{}, Address{}, Address{}, uint256(0), Address{}}));
    std::vector<AbiValue> args{singleton, setup, uint256(kSafeSaltNonce)};
    SUTURE_TRY(predicted, c.view(factory, "createProxyWithNonce(address,bytes,uint256)(address)", args));
    SUTURE_TRY(r, c.call(a.deployer, factory, "createProxyWithNonce(address,bytes,uint256)", args, "create the Safe"));
    (void)r;
    return predicted[0].as_address();
}

Status check_wiring(Chain& c, const VenueAccounts& a, const VenueAddresses& v, uint64_t delay) {
    SUTURE_TRY(owner, c.view(v.venue, "owner()(address)"));
    SUTURE_CHECK(expect(owner[0].as_address() == v.timelock, "the venue's owner is not the timelock"));
    SUTURE_TRY(admin, c.view_bool(v.venue, "hasRole(bytes32,address)(bool)", {Bytes(32, 0), v.timelock}));
    SUTURE_CHECK(expect(admin, "the timelock lacks DEFAULT_ADMIN_ROLE on the venue"));
    SUTURE_TRY(pauser, c.view_bool(v.venue, "hasRole(bytes32,address)(bool)", {role_id("PAUSER_ROLE"), a.guardian.address()}));
    SUTURE_CHECK(expect(pauser, "the guardian lacks PAUSER_ROLE"));
    SUTURE_TRY(min_delay, c.view_uint(v.timelock, "getMinDelay()(uint256)"));
    SUTURE_CHECK(expect(min_delay == uint256(delay), "the timelock's delay is " + min_delay.to_dec()));
    for (const char* role : {"PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"}) {
        SUTURE_TRY(has, c.view_bool(v.timelock, "hasRole(bytes32,address)(bool)", {role_id(role), v.safe}));
        SUTURE_CHECK(expect(has, std::string("the Safe lacks the timelock's ") + role));
    }
    SUTURE_TRY(threshold, c.view_uint(v.safe, "getThreshold()(uint256)"));
    SUTURE_CHECK(expect(threshold == uint256(2), "the Safe's threshold is " + threshold.to_dec()));
    SUTURE_TRY(owners, c.view(v.safe, "getOwners()(address[])"));
    SUTURE_CHECK(expect(owners[0].as_list().size() == 3, "the Safe does not have 3 owners"));
    return {};
}

// ---- history ----

// A seeded generator whose output is the same on every platform (std::mt19937_64 is specified
// exactly; the standard's distributions are not, so ranges are taken by modulo).
class Dice {
public:
    explicit Dice(uint64_t seed) : rng_(seed) {}
    uint64_t below(uint64_t n) { return n ? rng_() % n : 0; }
    uint64_t between(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    std::mt19937_64 rng_;
};

struct History {
    Chain& c;
    const VenueAccounts& a;
    const VenueAddresses& v;
    const VenueOptions& o;
    Dice dice;
    HistoryStats stats;
    std::vector<bool> has_position;

    bool is_provider(size_t i) const { return i % 2 == 0; }
    bool is_trader(size_t i) const { return i % 2 == 1 || i % 6 == 0; }  // some providers also trade

    std::string who(size_t i) const { return "user " + std::to_string(i) + " " + to_checksum(a.users[i].address()); }

    Result<uint256> token_balance(const Address& holder) {
        return c.view_uint(v.token, "balanceOf(address)(uint256)", {holder});
    }

    Status user_call(size_t i, std::string_view signature, const std::vector<AbiValue>& args) {
        SUTURE_TRY(r, c.call(a.users[i], v.venue, signature, args, who(i) + " " + std::string(signature)));
        (void)r;
        return {};
    }

    Status open_accounts() {
        for (size_t i = 0; i < a.users.size(); ++i) {
            SUTURE_TRY(r, c.call(a.users[i], v.token, "approve(address,uint256)", {v.venue, uint256::max()},
                                 who(i) + " approve"));
            (void)r;
            SUTURE_TRY(balance, token_balance(a.users[i].address()));
            if (is_provider(i)) {
                SUTURE_CHECK(user_call(i, "deposit(uint256)", {balance * uint256(dice.between(40, 70)) / uint256(100)}));
                ++stats.lp_deposits;
            }
            if (is_trader(i)) {
                SUTURE_CHECK(user_call(i, "depositMargin(uint256)", {units(dice.between(2'000, 8'000))}));
                ++stats.margin_deposits;
            }
        }
        return {};
    }

    // The keeper's update: a seeded walk of up to 4% a round; round 2 drops 8% so that the
    // leveraged long opened in round 1 falls under the maintenance margin.
    Status move_price(uint32_t round) {
        SUTURE_TRY(price, c.view_uint(v.oracle, "latestPrice()(uint256)"));
        uint64_t bps = round == 2 ? 9'200 : 10'000 - 400 + dice.below(801);
        uint256 next = price * uint256(bps) / uint256(10'000);
        SUTURE_TRY(r, c.call(a.keeper, v.oracle, "setPrice(uint256)", {next}, "keeper setPrice"));
        (void)r;
        ++stats.price_updates;
        return {};
    }

    Status liquidate_all() {
        for (size_t i = 0; i < a.users.size(); ++i) {
            if (!has_position[i]) continue;
            SUTURE_TRY(under, c.view_bool(v.venue, "isLiquidatable(address)(bool)", {a.users[i].address()}));
            if (!under) continue;
            SUTURE_TRY(r, c.call(a.liquidator, v.venue, "liquidate(address)", {a.users[i].address()},
                                 "liquidator liquidate " + who(i)));
            (void)r;
            has_position[i] = false;
            ++stats.liquidations;
        }
        return {};
    }

    Status trade(size_t i, uint32_t round) {
        if (has_position[i]) {
            if (!dice.chance(45)) return {};
            SUTURE_CHECK(user_call(i, "closePosition()", {}));
            has_position[i] = false;
            ++stats.positions_closed;
            return {};
        }
        SUTURE_TRY(free, c.view_uint(v.venue, "margin(address)(uint256)", {a.users[i].address()}));
        if (free < units(100)) return {};
        // User 1 opens a 10x long in round 1: the position round 2's drop liquidates.
        const bool forced = round == 1 && i == 1;
        if (!forced && dice.chance(25)) {
            SUTURE_CHECK(user_call(i, "withdrawMargin(uint256)", {free * uint256(dice.between(10, 40)) / uint256(100)}));
            ++stats.margin_withdrawals;
            return {};
        }
        if (!forced && !dice.chance(70)) return {};
        const bool is_long = forced || dice.chance(50);
        const uint256 collateral = free * uint256(forced ? 50 : dice.between(20, 60)) / uint256(100);
        const uint256 size = collateral * uint256(forced ? 10 : dice.between(2, 7));
        SUTURE_CHECK(user_call(i, "openPosition(bool,uint256,uint256)", {is_long, collateral, size}));
        has_position[i] = true;
        ++stats.positions_opened;
        return {};
    }

    Status provide(size_t i) {
        SUTURE_TRY(shares, c.view_uint(v.venue, "sharesOf(address)(uint256)", {a.users[i].address()}));
        const unsigned roll = unsigned(dice.below(100));
        if (roll < 15 && shares > uint256(0)) {
            SUTURE_CHECK(user_call(i, "withdraw(uint256)", {shares * uint256(dice.between(10, 50)) / uint256(100)}));
            ++stats.lp_withdrawals;
        } else if (roll < 30) {
            SUTURE_TRY(balance, token_balance(a.users[i].address()));
            const uint256 amount = balance * uint256(dice.between(20, 60)) / uint256(100);
            if (amount < units(10)) return {};
            SUTURE_CHECK(user_call(i, "deposit(uint256)", {amount}));
            ++stats.lp_deposits;
        } else if (roll < 35 && shares > uint256(0)) {
            const size_t to = (i + 2 * (1 + dice.below(a.users.size() / 2 - 1))) % a.users.size();
            SUTURE_CHECK(user_call(i, "transferShares(address,uint256)",
                                   {a.users[to].address(), shares * uint256(dice.between(5, 25)) / uint256(100)}));
            ++stats.share_transfers;
        }
        return {};
    }

    Status run(const VenueProgress& progress) {
        has_position.assign(a.users.size(), false);
        const uint64_t total = o.rounds + 1;
        report(progress, "history", 0, total);
        SUTURE_CHECK(open_accounts());
        report(progress, "history", 1, total);
        for (uint32_t round = 1; round <= o.rounds; ++round) {
            SUTURE_CHECK(c.refresh_fees());
            SUTURE_CHECK(move_price(round));
            SUTURE_CHECK(liquidate_all());
            for (size_t i = 0; i < a.users.size(); ++i) {
                if (is_trader(i)) SUTURE_CHECK(trade(i, round));
                if (is_provider(i)) SUTURE_CHECK(provide(i));
            }
            report(progress, "history", round + 1, total);
        }
        return {};
    }

    Status read_books() {
        SUTURE_TRY(pool, c.view_uint(v.venue, "poolAssets()(uint256)"));
        SUTURE_TRY(traders, c.view_uint(v.venue, "totalTraderCollateral()(uint256)"));
        SUTURE_TRY(shares, c.view_uint(v.venue, "totalShares()(uint256)"));
        SUTURE_TRY(balance, c.view_uint(v.venue, "collateralBalance()(uint256)"));
        stats.pool_assets = pool;
        stats.trader_collateral = traders;
        stats.total_shares = shares;
        stats.collateral_balance = balance;
        if (balance < pool + traders)
            return chain_error("the venue is insolvent after its history: holds " + balance.to_dec() + ", owes " +
                               (pool + traders).to_dec());
        return {};
    }
};

// ---- attack ----

Result<std::vector<AttackStep>> attack_steps(Chain& c, const VenueBuild& build, const VenueAccounts& a,
                                             const VenueAddresses& v, const AttackOptions& o,
                                             const chain::BlockTag& at) {
    if (o.drain_transactions == 0 || o.rounds_per_transaction == 0)
        return input_error("the attack needs at least one drain transaction of at least one round");
    const Address attacker = a.attacker.address();
    SUTURE_TRY(held, c.view_uint(v.token, "balanceOf(address)(uint256)", {attacker}));
    if (held < o.stake)
        return input_error("the attacker " + to_checksum(attacker) + " holds " + held.to_dec() +
                           " vUSD base units, less than the stake " + o.stake.to_dec());
    SUTURE_TRY(nonce, c.rpc().get_transaction_count(attacker, at));
    const Address contract = evm::create_address(attacker, nonce);

    std::vector<AttackStep> steps;
    SUTURE_TRY(code, creation(build, "VenueAttacker", {v.venue, v.token}));
    steps.push_back({"deploy VenueAttacker", attacker, std::nullopt, {}, std::move(code), false});
    SUTURE_TRY(approve, encode("approve(address,uint256)", {contract, o.stake}));
    steps.push_back({"approve the stake", attacker, v.token, {}, std::move(approve), false});
    SUTURE_TRY(stake, encode("stake(uint256)", {o.stake}));
    steps.push_back({"stake", attacker, contract, {}, std::move(stake), false});
    SUTURE_TRY(attack, encode("attack(uint256)", {uint256(o.rounds_per_transaction)}));
    for (uint32_t i = 1; i <= o.drain_transactions; ++i)
        steps.push_back({"attack(" + std::to_string(o.rounds_per_transaction) + ") #" + std::to_string(i), attacker,
                         contract, {}, attack, true});
    return steps;
}

}  // namespace

Result<VenueBuild> load_venue_build(const VenueArtifacts& artifacts) {
    VenueBuild b;
    SUTURE_TRY(set, solidity::load_build(artifacts.venue_build));
    b.venue = std::move(set);
    for (const char* name : {"CollateralToken", "PriceOracle", "PerpVenueV1", "VenueProxy", "TimelockController",
                             "VenueAttacker"}) {
        auto found = solidity::find_contract(b.venue, name);
        if (!found) return input_error(artifacts.venue_build + ": " + found.error().message);
    }
    for (const auto& fix : venue_fixes()) {
        auto found = solidity::find_contract(b.venue, fix.contract);
        if (!found) return input_error(artifacts.venue_build + ": " + found.error().message);
    }
    SUTURE_TRY(singleton, safe_code(artifacts.safe_artifacts, "Safe.sol/Safe.json"));
    SUTURE_TRY(factory, safe_code(artifacts.safe_artifacts, "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"));
    b.safe_singleton_code = std::move(singleton);
    b.safe_factory_code = std::move(factory);
    return b;
}

Result<VenueAccounts> venue_accounts(uint32_t users) {
    if (users < 4) return input_error("the venue needs at least 4 users, not " + std::to_string(users));
    auto key = [](uint32_t i) { return chain::dev_key(i); };
    SUTURE_TRY(deployer, key(venue_deployer_index));
    SUTURE_TRY(keeper, key(venue_keeper_index));
    SUTURE_TRY(guardian, key(venue_guardian_index));
    SUTURE_TRY(attacker, key(venue_attacker_index));
    SUTURE_TRY(liquidator, key(venue_liquidator_index));
    SUTURE_TRY(treasury, key(venue_treasury_index));
    SUTURE_TRY(o0, key(venue_safe_owner_index));
    SUTURE_TRY(o1, key(venue_safe_owner_index + 1));
    SUTURE_TRY(o2, key(venue_safe_owner_index + 2));
    VenueAccounts a{std::move(deployer), std::move(keeper),   std::move(guardian),
                    std::move(attacker), std::move(liquidator), std::move(treasury),
                    {std::move(o0), std::move(o1), std::move(o2)}, {}};
    a.users.reserve(users);
    for (uint32_t i = 0; i < users; ++i) {
        SUTURE_TRY(u, key(venue_first_user_index + i));
        a.users.push_back(std::move(u));
    }
    return a;
}

Result<VenueAddresses> deploy_venue(chain::RpcClient& rpc, chain::TxSender& sender, const VenueBuild& build,
                                    const VenueAccounts& a, const VenueOptions& o, const VenueProgress& progress) {
    if (o.timelock_delay == 0) return input_error("the timelock's delay must be above 0");
    if (o.fee_bps > 100) return input_error("the venue's fee is at most 100 bps, not " + std::to_string(o.fee_bps));
    if (a.users.size() < 4) return input_error("the venue needs at least 4 users");
    Chain c(rpc, sender);
    constexpr uint64_t steps = 10;
    report(progress, "deploy", 0, steps);
    if (o.funder) SUTURE_CHECK(fund_actors(c, a, *o.funder));
    report(progress, "deploy", 1, steps);

    VenueAddresses v;
    const auto& d = a.deployer;
    SUTURE_TRY(token_code, creation(build, "CollateralToken", {d.address()}));
    SUTURE_TRY(token, c.create(d, std::move(token_code), "CollateralToken"));
    v.token = token;
    SUTURE_TRY(oracle_code, creation(build, "PriceOracle", {a.keeper.address(), units(kInitialPrice)}));
    SUTURE_TRY(oracle, c.create(d, std::move(oracle_code), "PriceOracle"));
    v.oracle = oracle;
    SUTURE_TRY(impl_code, creation(build, "PerpVenueV1"));
    SUTURE_TRY(impl, c.create(d, std::move(impl_code), "PerpVenueV1"));
    v.implementation = impl;
    report(progress, "deploy", 4, steps);

    SUTURE_TRY(singleton, c.create(d, build.safe_singleton_code, "Safe singleton"));
    v.safe_singleton = singleton;
    SUTURE_TRY(factory, c.create(d, build.safe_factory_code, "SafeProxyFactory"));
    v.safe_factory = factory;
    SUTURE_TRY(safe, create_safe(c, a, singleton, factory));
    v.safe = safe;
    report(progress, "deploy", 6, steps);

    // Proposer, executor (and so canceller) is the Safe; no admin: the timelock governs itself.
    SUTURE_TRY(tl_code, creation(build, "TimelockController",
                                 {uint256(o.timelock_delay), AbiValue::List{v.safe}, AbiValue::List{v.safe}, Address{}}));
    SUTURE_TRY(timelock, c.create(d, std::move(tl_code), "TimelockController"));
    v.timelock = timelock;
    SUTURE_TRY(init, encode("initialize(address,address,address,address,address,uint256)",
                            {v.token, v.oracle, v.timelock, a.guardian.address(), a.treasury.address(),
                             uint256(o.fee_bps)}));
    SUTURE_TRY(proxy_code, creation(build, "VenueProxy", {v.implementation, init}));
    SUTURE_TRY(proxy, c.create(d, std::move(proxy_code), "VenueProxy"));
    v.venue = proxy;
    report(progress, "deploy", 8, steps);

    // Collateral for everyone who trades: users (seeded amounts) and the attacker (an ordinary holder
    // until the attack).
    Dice dice(o.seed ^ 0x5eed'0019ULL);
    for (size_t i = 0; i < a.users.size(); ++i) {
        SUTURE_TRY(r, c.call(d, v.token, "mint(address,uint256)", {a.users[i].address(), units(dice.between(20, 120) * 1'000)},
                             "mint vUSD to user " + std::to_string(i)));
        (void)r;
    }
    SUTURE_TRY(r, c.call(d, v.token, "mint(address,uint256)", {a.attacker.address(), units(25'000)}, "mint vUSD to the attacker"));
    (void)r;
    report(progress, "deploy", 9, steps);
    SUTURE_CHECK(check_wiring(c, a, v, o.timelock_delay));
    report(progress, "deploy", steps, steps);
    return v;
}

Result<VenueHistory> run_venue_history(chain::RpcClient& rpc, chain::TxSender& sender, const VenueBuild& build,
                                       const VenueAccounts& a, const VenueAddresses& v, const VenueOptions& o,
                                       const VenueProgress& progress) {
    (void)build;  // the history calls the deployed contracts by signature
    if (a.users.size() < 4) return input_error("the venue's history needs at least 4 users");
    Chain c(rpc, sender);
    History h{c, a, v, o, Dice(o.seed), {}, {}};
    SUTURE_CHECK(h.run(progress));
    SUTURE_CHECK(h.read_books());
    VenueHistory out;
    out.first_block = c.first_block();
    out.last_block = c.last_block();
    out.stats = h.stats;
    out.stats.transactions = c.sent();
    return out;
}

Result<VenueDeployment> deploy_venue_with_history(chain::RpcClient& rpc, chain::TxSender& sender,
                                                  const VenueBuild& build, const VenueAccounts& accounts,
                                                  const VenueOptions& options, const VenueProgress& progress) {
    SUTURE_TRY(first, rpc.block_number());
    SUTURE_TRY(addresses, deploy_venue(rpc, sender, build, accounts, options, progress));
    SUTURE_TRY(deployed, rpc.block_number());
    SUTURE_TRY(history, run_venue_history(rpc, sender, build, accounts, addresses, options, progress));
    VenueDeployment out;
    out.addresses = addresses;
    out.deploy_first_block = first + 1;
    out.deploy_last_block = deployed;
    out.history = history;
    return out;
}

Result<std::vector<AttackStep>> venue_attack(chain::RpcClient& rpc, const VenueBuild& build,
                                             const VenueAccounts& accounts, const VenueAddresses& addresses,
                                             const AttackOptions& options, const chain::BlockTag& at) {
    Chain c(rpc, at);
    return attack_steps(c, build, accounts, addresses, options, at);
}

Result<chain::SentTransaction> send_attack_step(chain::TxSender& sender, const VenueAccounts& accounts,
                                                const AttackStep& step) {
    if (step.from != accounts.attacker.address())
        return input_error(step.what + ": sent from " + to_checksum(step.from) + ", not the attacker");
    chain::TxRequest req;
    req.to = step.to;
    req.value = step.value;
    req.data = step.data;
    req.gas_limit = step.to ? kCallGas * 4 : kCreateGas;
    auto sent = sender.send(req, accounts.attacker, accounts.attacker.address());
    if (!sent) return chain_error("attack step " + step.what + ": " + sent.error().message);
    return sent;
}

Result<nlohmann::json> venue_poc(chain::RpcClient& rpc, const VenueBuild& build, const VenueAccounts& accounts,
                                 const VenueAddresses& addresses, const AttackOptions& options,
                                 const chain::BlockTag& at) {
    SUTURE_TRY(steps, venue_attack(rpc, build, accounts, addresses, options, at));
    upgrade::RpcChainView view(rpc, at);
    SUTURE_TRY(paused, upgrade::view_bool(view, addresses.venue, "paused()(bool)"));
    if (!paused) return chain_error("paused() on " + to_checksum(addresses.venue) + ": no answer");
    const bool is_paused = *paused;
    nlohmann::json list = nlohmann::json::array();
    auto add = [&](const Address& from, const std::optional<Address>& to, const Bytes& data, const std::string& comment) {
        nlohmann::json tx{{"from", to_checksum(from)}, {"data", to_hex(data)}, {"comment", comment}};
        if (to) tx["to"] = to_checksum(*to);
        list.push_back(std::move(tx));
    };
    if (is_paused) {
        SUTURE_TRY(owner, upgrade::view_address(view, addresses.venue, "owner()(address)"));
        if (!owner) return chain_error("owner() on " + to_checksum(addresses.venue) + ": no answer");
        SUTURE_TRY(unpause, encode("unpause()", {}));
        add(*owner, addresses.venue, unpause, "the owner lifts the guardian's pause, so the attack can run again");
    }
    for (const auto& s : steps) add(s.from, s.to, s.data, s.what);
    return list;
}

const std::vector<VenueFix>& venue_fixes() {
    static const std::vector<VenueFix> fixes{
        {"PerpVenueV2", "", "withdraw() burns the shares before paying and is non-reentrant", "", "", ""},
        {"PerpVenueV2Relayout", "check", "a hand-written lock's slot inherited first shifts every variable", "insert",
         "check", "insert"},
        {"PerpVenueV2GuardOnly", "exploit",
         "withdraw() non-reentrant only: the attack moves its shares through transferShares()",
         "exploit-still-works", "exploit", "exploit-still-works"},
        {"PerpVenueV2Rounding", "replay", "the right withdraw(), and deposits now round shares up",
         "replay-difference", "fuzz", "fuzz-difference"},
        {"PerpVenueV2Sweep", "invariants",
         "the right withdraw(), and a new sweep() that sends the traders' collateral to the treasury",
         "invariant-broken-by-patch", "invariants", "invariant-broken-by-patch"},
    };
    return fixes;
}

}  // namespace suture::demo
