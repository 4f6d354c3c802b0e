// The `suture test` runner on a test contract compiled by solc-js at build
// time (tests/fixtures/foundry-unit): forge's environment, cheatcodes through
// the Vm address, the verdict rules, fuzz tests, a failing setUp, and
// find_test for the exploit gate. Conformance with forge itself is the
// CTest suture_test_vs_forge (tests/foundry_fixtures.cmake).
#include <gtest/gtest.h>

#include "evm/state_memory.hpp"
#include "solidity/load.hpp"
#include "verify/foundry_runner.hpp"

namespace suture::verify::foundry {
namespace {

const char* kBuild = SUTURE_BINARY_DIR "/fixtures/foundry-unit.json";

FoundryProject project() {
    FoundryProject p;
    auto set = solidity::load_build(kBuild);
    EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message);
    p.build = std::move(*set);
    auto tests = find_test_contracts(p.build, {});
    EXPECT_TRUE(tests.ok());
    p.test_contracts = std::move(*tests);
    return p;
}

const TestResult* find(const RunResult& r, std::string_view contract, std::string_view sig) {
    for (const auto& s : r.suites)
        if (s.contract == contract)
            for (const auto& t : s.tests)
                if (t.signature == sig) return &t;
    return nullptr;
}

class FoundryRunner : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        project_ = new FoundryProject(project());
        RunOptions o;
        o.threads = 2;
        o.fuzz_runs = 64;
        auto r = run_tests(*project_, o);
        ASSERT_TRUE(r.ok()) << r.error().message;
        result_ = new RunResult(std::move(*r));
    }
    static void TearDownTestSuite() {
        delete result_;
        delete project_;
    }
    static const TestResult& test(std::string_view sig, std::string_view contract = "RunnerUnitTest") {
        const TestResult* t = find(*result_, contract, sig);
        EXPECT_NE(t, nullptr) << sig;
        static TestResult none;
        return t ? *t : none;
    }
    static FoundryProject* project_;
    static RunResult* result_;
};
FoundryProject* FoundryRunner::project_ = nullptr;
RunResult* FoundryRunner::result_ = nullptr;

TEST_F(FoundryRunner, FindsTestContracts) {
    ASSERT_EQ(project_->test_contracts.size(), 2u);
    EXPECT_EQ(project_->test_contracts[0].name, "RunnerSetUpFailsTest");
    EXPECT_EQ(project_->test_contracts[1].name, "RunnerUnitTest");
    EXPECT_TRUE(project_->test_contracts[1].has_setup);
}

TEST_F(FoundryRunner, ForgeEnvironmentAndSetUpCarryOver) {
    const auto& t = test("test_environment()");
    EXPECT_EQ(t.status, TestStatus::success) << t.reason.value_or("");
    ASSERT_EQ(t.decoded_logs.size(), 1u);
    EXPECT_EQ(t.decoded_logs[0], "timestamp 1000");
    EXPECT_GT(t.gas, 0);
    EXPECT_EQ(t.labels.size(), 1u);  // vm.label in setUp
}

TEST_F(FoundryRunner, Cheatcodes) {
    for (auto sig : {"test_prank()", "test_expect_revert()", "test_store_load_snapshot()"}) {
        const auto& t = test(sig);
        EXPECT_EQ(t.status, TestStatus::success) << sig << ": " << t.reason.value_or("");
    }
}

TEST_F(FoundryRunner, Failures) {
    EXPECT_EQ(test("test_bad_expect_revert_not_reverting()").reason, "next call did not revert as expected");
    EXPECT_EQ(test("test_bad_assertion()").reason, "numbers differ: 1 != 2");
    const auto& flag = test("test_bad_failed_flag()");
    EXPECT_EQ(flag.status, TestStatus::failure);
    EXPECT_FALSE(flag.reason);
    // A Vm function Suture lacks fails the test even when the call is caught.
    EXPECT_EQ(test("test_bad_unsupported_cheatcode()").reason,
              "vm.ffi(string[]): cheatcode not supported by suture test");
    EXPECT_EQ(result_->passed, 5u);
    EXPECT_EQ(result_->failed, 6u);
}

TEST_F(FoundryRunner, FuzzTests) {
    const auto& ok = test("test_fuzz_assume(uint256)");
    EXPECT_EQ(ok.status, TestStatus::success) << ok.reason.value_or("");
    ASSERT_TRUE(ok.fuzz);
    EXPECT_EQ(ok.fuzz->runs, 64u);
    const auto& bad = test("test_bad_fuzz(uint8)");
    EXPECT_EQ(bad.status, TestStatus::failure);
    ASSERT_TRUE(bad.fuzz && bad.fuzz->counterexample_args);
    EXPECT_EQ(bad.reason, "too big");
}

TEST_F(FoundryRunner, SetUpFailureIsOneResult) {
    const auto& t = test("setUp()", "RunnerSetUpFailsTest");
    EXPECT_EQ(t.reason, "setup failed: no setup");
    EXPECT_FALSE(find(*result_, "RunnerSetUpFailsTest", "test_never_runs()"));
}

TEST_F(FoundryRunner, SingleTestForGates) {
    auto sel = find_test(*project_, "RunnerUnitTest::test_prank");
    ASSERT_TRUE(sel.ok()) << sel.error().message;
    evm::MemoryBackend base;
    auto r = run_single_test(*project_, *sel->contract, *sel->test, base);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, TestStatus::success);
    EXPECT_FALSE(find_test(*project_, "RunnerUnitTest").ok());  // several tests: must name one
    EXPECT_FALSE(find_test(*project_, "Nope::test_x").ok());
}

}  // namespace
}  // namespace suture::verify::foundry
