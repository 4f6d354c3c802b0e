// The fuzz and invariant gates on tests/fixtures/fuzz's vault (compiled by
// solc-js at build time), on an in-process state: the vault behind an
// ERC1967 proxy with two depositors. Old vs old and the correct fix show no
// difference; the wrong fix's rounding change in a function no history calls
// is found with a one-call reproducer; a new function that breaks solvency is
// caught by the invariant on the new code only.
#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "solidity/load.hpp"
#include "support/abi_calls.hpp"
#include "support/build_suite.hpp"
#include "verify/fuzz_run.hpp"

namespace suture::verify {
namespace {

constexpr char kBuild[] = SUTURE_BINARY_DIR "/fixtures/fuzz/contracts.json";

Address addr(uint8_t tag) {
    Address a;
    a.bytes[0] = 0xAA;
    a.bytes[19] = tag;
    return a;
}

uint256 ether(uint64_t n) { return uint256(n) * uint256(1'000'000'000'000'000'000ull); }

using testing::call_data;
using testing::concat;
using testing::encode_args;

class FuzzRunTest : public testing::BuildSuite<kBuild> {
protected:
    Address commit(const Address& from, std::optional<Address> to, Bytes data, uint256 value = 0) {
        evm::CallRequest c;
        c.from = from;
        c.to = to;
        c.data = std::move(data);
        c.value = value;
        auto r = evm::execute_call(base_, evm::Revision::cancun, block_, c);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.value().receipt.status, evm::StatusCode::success);
        base_.apply(r.value().diff);
        return r.value().receipt.created.value_or(Address{});
    }

    void SetUp() override {
        block_.number = 100;
        block_.timestamp = 1'700'000'000;
        block_.gas_limit = 30'000'000;
        for (uint8_t t : {kOwner, kAlice, kBob}) base_.set_account(addr(t), 0, ether(100), {});
        const Address impl = commit(addr(kOwner), std::nullopt, initcode("FuzzVaultV1"));
        proxy_ = commit(addr(kOwner), std::nullopt,
                        concat(initcode("ERC1967Proxy"),
                               encode_args({"address", "bytes"}, {impl, call_data("initialize(address)", {addr(kOwner)})})));
        commit(addr(kAlice), proxy_, call_data("deposit()"), ether(4));
        commit(addr(kBob), proxy_, call_data("deposit()"), ether(6));
    }

    FuzzRequest request(std::string_view new_name, uint64_t runs = 1500) {
        FuzzRequest r;
        r.target = proxy_;
        r.block = block_;
        r.new_init_code = initcode(new_name);
        r.abi = &contract(new_name).abi;
        r.abis = {r.abi};
        r.seed = 7;
        r.runs = runs;
        return r;
    }

    Result<FuzzResult> fuzz(const FuzzRequest& r) { return run_fuzz(base_, r); }

    static constexpr uint8_t kOwner = 1, kAlice = 2, kBob = 3;
    evm::MemoryBackend base_;
    evm::BlockEnv block_;
    Address proxy_;
};

TEST_F(FuzzRunTest, OldAgainstOldNeverDiffers) {
    for (uint64_t seed : {1, 2, 3}) {
        auto req = request("FuzzVaultV1");
        req.seed = seed;
        req.invariants = {"totalAssets() >= totalSupply()"};
        auto r = fuzz(req);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_TRUE(r.value().findings.empty()) << r.value().report.front().message;
        EXPECT_EQ(r.value().runs, 1500u);
        EXPECT_GT(r.value().compared, 1500u);  // sequences: more calls than runs
        EXPECT_EQ(r.value().new_only_calls, 0u);
        EXPECT_TRUE(r.value().passed());
    }
}

TEST_F(FuzzRunTest, CoverageKeepsSequencesThatReachNewBranchTargets) {
    auto req = request("FuzzVaultV2Fixed", 400);
    auto traced = fuzz(req);
    ASSERT_TRUE(traced.ok()) << traced.error().message;
    EXPECT_GT(traced.value().coverage_points, 20u);
    EXPECT_GT(traced.value().corpus, 0u);
    EXPECT_LE(traced.value().corpus, traced.value().runs);
    req.coverage = false;
    auto plain = fuzz(req);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain.value().coverage_points, 0u);
    EXPECT_EQ(plain.value().corpus, 0u);
    // Mutating the corpus draws other sequences than drawing afresh.
    EXPECT_NE(plain.value().calls, traced.value().calls);
}

TEST_F(FuzzRunTest, SendersIncludeTheOwnerReadFromStorage) {
    auto r = fuzz(request("FuzzVaultV1", 10));
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& s = r.value().senders;
    EXPECT_NE(std::find(s.begin(), s.end(), addr(kOwner)), s.end());
}

TEST_F(FuzzRunTest, TheCorrectFixShowsNoDifference) {
    auto req = request("FuzzVaultV2Fixed", 3000);
    req.invariants = {"totalAssets() >= totalSupply()"};
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r.value().findings.empty()) << r.value().report.front().message;
    for (const FuzzFunction& f : r.value().functions) EXPECT_TRUE(f.in_old) << f.entry->canonical();
}

TEST_F(FuzzRunTest, TheWrongFixsRoundingChangeIsFoundWithAOneCallReproducer) {
    auto r = fuzz(request("FuzzVaultV2Wrong"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().findings.size(), 1u);
    const FuzzFinding& f = r.value().findings.front();
    EXPECT_EQ(f.kind, FuzzFindingKind::difference);
    EXPECT_EQ(f.function, "previewFee(uint256)");
    ASSERT_EQ(f.calls.size(), 1u);
    ASSERT_FALSE(f.items.empty());
    EXPECT_EQ(f.items.front().what, "outcome");
    EXPECT_FALSE(r.value().passed());
    // The reproducer's argument is not a multiple of 10000/30 (rounding differs).
    const uint256 amount = f.calls.front().args.front().as_uint();
    EXPECT_NE(amount * uint256(30) % uint256(10000), uint256());
    EXPECT_TRUE(f.calls.front().old_success);
    // What a self-contained reproducer needs: the proxy's code, the
    // implementation slot, and installing the new code writes that slot.
    bool proxy_code = false;
    for (const auto& a : f.prestate)
        if (a.address == proxy_) proxy_code = !a.code.empty();
    EXPECT_TRUE(proxy_code);
    EXPECT_FALSE(f.install.empty());
    EXPECT_EQ(r.value().report.front().code, "fuzz-difference");
    EXPECT_NE(r.value().report.front().message.find("previewFee(uint256)"), std::string::npos);

    // Deterministic for a seed.
    auto again = fuzz(request("FuzzVaultV2Wrong"));
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again.value().findings.size(), 1u);
    EXPECT_EQ(again.value().findings.front().calls.front().calldata, f.calls.front().calldata);
    EXPECT_EQ(again.value().calls, r.value().calls);
}

TEST_F(FuzzRunTest, ANewFunctionThatBreaksSolvencyIsCaughtOnTheNewCodeOnly) {
    auto req = request("FuzzVaultV2Donate");
    req.compare = false;
    req.invariants = {"totalAssets() >= totalSupply()"};
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().findings.size(), 1u);
    const FuzzFinding& f = r.value().findings.front();
    EXPECT_EQ(f.kind, FuzzFindingKind::broken_by_patch);
    EXPECT_EQ(f.function, "donateToReserves(uint256)");
    EXPECT_EQ(f.invariant, "totalAssets() >= totalSupply()");
    EXPECT_TRUE(f.old_why.empty());
    EXPECT_NE(f.new_why.find("totalAssets() = "), std::string::npos) << f.new_why;
    // Shortest: get shares, donate them.
    ASSERT_EQ(f.calls.size(), 2u);
    EXPECT_EQ(r.value().functions[f.calls[0].function].entry->name, "deposit");
    EXPECT_FALSE(r.value().passed());
    bool donate_is_new = false;
    for (const FuzzFunction& fn : r.value().functions)
        if (fn.entry->name == "donateToReserves") donate_is_new = !fn.in_old;
    EXPECT_TRUE(donate_is_new);
}

TEST_F(FuzzRunTest, ASolidityInvariantContractCatchesTheSameBreak) {
    auto req = request("FuzzVaultV2Donate");
    req.compare = false;
    req.checker_init_code = concat(initcode("FuzzVaultSolvency"), encode_args({"address"}, {proxy_}));
    req.checker_abi = &contract("FuzzVaultSolvency").abi;
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().invariants, std::vector<std::string>{"invariant_solvent()"});
    ASSERT_EQ(r.value().findings.size(), 1u);
    EXPECT_EQ(r.value().findings.front().kind, FuzzFindingKind::broken_by_patch);
    EXPECT_EQ(r.value().findings.front().new_why, "invariant_solvent() returned false");

    // On the correct fix it holds throughout.
    auto fixed = request("FuzzVaultV2Fixed");
    fixed.compare = false;
    fixed.checker_init_code = req.checker_init_code;
    fixed.checker_abi = req.checker_abi;
    auto ok = fuzz(fixed);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_TRUE(ok.value().findings.empty());
}

TEST_F(FuzzRunTest, AnInvariantBrokenOnBothCodesIsAlreadyBrokenNotAFailure) {
    auto req = request("FuzzVaultV2Fixed");
    req.compare = false;
    req.invariants = {"totalSupply() <= 10000000000000000000"};  // 10 ETH: one more deposit breaks it
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().findings.size(), 1u);
    const FuzzFinding& f = r.value().findings.front();
    EXPECT_EQ(f.kind, FuzzFindingKind::already_broken);
    EXPECT_EQ(f.function, "deposit()");
    EXPECT_EQ(f.calls.size(), 1u);
    EXPECT_FALSE(f.old_why.empty());
    EXPECT_TRUE(r.value().passed());
    EXPECT_EQ(r.value().report.front().severity, Severity::warning);
}

// Runs are spread over threads in rounds and merged in run order: the calls,
// the coverage, the corpus and the minimized findings are the same with one
// thread or several.
TEST_F(FuzzRunTest, TheNumberOfThreadsDoesNotChangeTheResult) {
    auto run_with = [&](std::string_view impl, unsigned jobs, bool invariant) {
        auto req = request(impl, 520);  // two full rounds and a part of one, the last block short
        req.jobs = jobs;
        if (invariant) req.invariants = {"totalAssets() >= totalSupply()"};
        auto r = fuzz(req);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return std::move(r).value();
    };
    for (auto [impl, invariant] : {std::pair{"FuzzVaultV2Wrong", false}, std::pair{"FuzzVaultV2Fixed", true}}) {
        const FuzzResult one = run_with(impl, 1, invariant);
        for (unsigned jobs : {2u, 3u}) {
            const FuzzResult many = run_with(impl, jobs, invariant);
            EXPECT_EQ(many.runs, one.runs) << impl << " jobs " << jobs;
            EXPECT_EQ(many.calls, one.calls) << impl << " jobs " << jobs;
            EXPECT_EQ(many.compared, one.compared) << impl << " jobs " << jobs;
            EXPECT_EQ(many.coverage_points, one.coverage_points) << impl << " jobs " << jobs;
            EXPECT_EQ(many.corpus, one.corpus) << impl << " jobs " << jobs;
            ASSERT_EQ(many.findings.size(), one.findings.size()) << impl << " jobs " << jobs;
            for (size_t i = 0; i < one.findings.size(); ++i) {
                ASSERT_EQ(many.findings[i].calls.size(), one.findings[i].calls.size());
                for (size_t c = 0; c < one.findings[i].calls.size(); ++c) {
                    EXPECT_EQ(many.findings[i].calls[c].sender, one.findings[i].calls[c].sender);
                    EXPECT_EQ(many.findings[i].calls[c].value, one.findings[i].calls[c].value);
                    EXPECT_EQ(many.findings[i].calls[c].calldata, one.findings[i].calls[c].calldata);
                }
                EXPECT_EQ(many.report[i].message, one.report[i].message);
            }
        }
        if (std::string_view(impl) == "FuzzVaultV2Wrong") {
            EXPECT_EQ(one.findings.size(), 1u);
        }
    }
}

// Calls from the history give the fuzzer their arguments and their senders.
TEST_F(FuzzRunTest, HistoricalCallsFeedTheValuesAndTheSenders) {
    auto plain = fuzz(request("FuzzVaultV1", 10));
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    auto req = request("FuzzVaultV1", 10);
    const Address carol = addr(0x42);
    const uint256 amount = uint256::parse("0x1234567890abcdef1234567890abcdef").value();  // in no code or slot
    req.history.push_back({carol, uint256(), call_data("withdraw(uint256)", {amount})});
    req.history.push_back({addr(kAlice), uint256(123'456'789'123ull), call_data("deposit()")});
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& s = r.value().senders;
    EXPECT_NE(std::find(s.begin(), s.end(), carol), s.end());
    EXPECT_NE(std::find(s.begin(), s.end(), addr(kAlice)), s.end());
    EXPECT_EQ(std::find(plain.value().senders.begin(), plain.value().senders.end(), carol), plain.value().senders.end());
    // The amount and the deposit's value (as a number) join the pool.
    EXPECT_EQ(r.value().pool_words, plain.value().pool_words + 2);
}

// Progress comes at the start, at a time cadence, and at the end, even for
// a short campaign (the pipeline's bar for a few hundred runs).
TEST_F(FuzzRunTest, ProgressIsReportedAtTheStartAndTheEnd) {
    auto req = request("FuzzVaultV1", 200);
    std::vector<FuzzProgress> seen;
    req.on_progress = [&seen](const FuzzProgress& p) { seen.push_back(p); };
    auto r = fuzz(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_GE(seen.size(), 2u);
    EXPECT_EQ(seen.front().runs, 0u);
    EXPECT_EQ(seen.back().runs, 200u);
    EXPECT_EQ(seen.back().calls, r.value().calls);
    for (size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].total, 200u);
        if (i) {
            EXPECT_GE(seen[i].runs, seen[i - 1].runs);
        }
    }
}

TEST_F(FuzzRunTest, BadInvariantsAreUsageErrors) {
    const abi::ContractAbi& abi = contract("FuzzVaultV1").abi;
    for (const char* bad : {"totalAssets()", "nosuch() >= 1", "totalAssets() >= banana", "previewFee(1, 2) > 0",
                            "previewFee(x) > 0", ">= 1"}) {
        auto inv = parse_invariant(bad, abi);
        ASSERT_FALSE(inv.ok()) << bad;
        EXPECT_EQ(inv.error().kind, ErrorKind::usage) << bad;
    }
    auto good = parse_invariant("previewFee(10000) == 30", abi);
    ASSERT_TRUE(good.ok()) << good.error().message;
    EXPECT_EQ(good.value().relation, Relation::eq);
    EXPECT_EQ(good.value().rhs.constant, uint256(30));
}

TEST_F(FuzzRunTest, InvariantsGateWithoutInvariantsIsAUsageError) {
    auto req = request("FuzzVaultV1", 10);
    req.compare = false;
    auto r = fuzz(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace suture::verify
