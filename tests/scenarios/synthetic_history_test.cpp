// Old against old on a 1,000-block synthetic history (issue 13): the reentrancy scenario's bank
// behind its proxy, then 1,000 blocks of deposits, in-bank transfers and withdrawals by 24 users
// (one or two transactions a block, kept valid by a model of the bank), mined on the node
// (anvil, or the in-process node with SUTURE_TEST_NODE=state). Replaying the whole range with the
// proxy on its own implementation shows zero differences, and every transaction matches the
// node's receipt.
#include <gtest/gtest.h>

#include <iostream>

#include "scenarios/scenario_chain.hpp"
#include "support/abi_calls.hpp"
#include "verify/replay_spec.hpp"

namespace suture::verify {
namespace {

using suture::testing::call_data;
using suture::testing::encode_args;
using test::Anvil;

TEST(SyntheticHistory, AThousandBlocksOldAgainstOldShowZeroDifferences) {
    constexpr size_t kUsers = 24;
    constexpr int kBlocks = 1000;
    const std::string build_file = std::string(SUTURE_BINARY_DIR) + "/fixtures/scenarios/reentrancy.json";
    auto build = solidity::load_build(build_file);
    ASSERT_TRUE(build.ok()) << build.error().message;
    auto c = test::ScenarioChain::start(kUsers);
    ASSERT_TRUE(c.ok()) << c.error().message;
    test::ScenarioChain& chain = **c;
    auto impl = chain.deploy(Anvil::dev_key(0), *build, "EtherBankV1");
    ASSERT_TRUE(impl.ok()) << impl.error().message;
    auto proxy = chain.deploy(Anvil::dev_key(0), *build, "ERC1967Proxy",
                              encode_args({"address", "bytes"},
                                          {*impl, call_data("initialize(address)", {Anvil::dev_address(0)})}));
    ASSERT_TRUE(proxy.ok()) << proxy.error().message;

    const uint256 finney = uint256(1'000'000'000'000'000ull);
    std::vector<uint256> model(kUsers);
    uint64_t x = 0x9E3779B97F4A7C15ull;
    auto next = [&x](uint64_t n) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x % n;
    };
    size_t sent = 0;
    uint64_t first = 0, last = 0;
    for (int b = 0; b < kBlocks; ++b) {
        const size_t in_block = 1 + next(2);
        for (size_t t = 0; t < in_block; ++t) {
            const size_t u = (size_t(b) * 2 + t) % kUsers;  // distinct senders within a block
            const uint64_t op = next(3);
            auto sent_tx = [&]() -> Result<Bytes32> {
                if (op == 0 || model[u] == uint256()) {
                    const uint256 v = finney * uint256(1 + next(500));
                    model[u] += v;
                    return chain.send_as_user(u, *proxy, call_data("deposit()"), v);
                }
                if (op == 1) {
                    const size_t to = (u + 1 + next(kUsers - 1)) % kUsers;
                    const uint256 v = model[u] / uint256(2);
                    model[u] -= v;
                    model[to] += v;
                    return chain.send_as_user(u, *proxy, call_data("transfer(address,uint256)", {chain.user(to), v}));
                }
                model[u] = uint256();
                return chain.send_as_user(u, *proxy, call_data("withdraw()"));
            }();
            ASSERT_TRUE(sent_tx.ok()) << sent_tx.error().message;
            ++sent;
        }
        auto n = chain.mine();
        ASSERT_TRUE(n.ok()) << "block " << b << ": " << n.error().message;
        if (b == 0) first = *n;
        last = *n;
    }
    ASSERT_EQ(last - first + 1, uint64_t(kBlocks));

    ReplaySpec spec;
    spec.target = *proxy;
    spec.build = build_file;
    spec.new_contract = "EtherBankV1";
    spec.blocks = std::to_string(first) + ".." + std::to_string(last);
    spec.rpc_url = chain.url();
    auto r = run_replay_spec(spec);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const ReplayResult& res = r->result;
    EXPECT_EQ(res.verdict, ReplayVerdict::identical);
    EXPECT_EQ(res.blocks, uint64_t(kBlocks));
    EXPECT_EQ(res.transactions, sent);
    EXPECT_EQ(res.compared, sent);
    EXPECT_EQ(res.identical, sent);
    EXPECT_TRUE(res.differences.empty());
    EXPECT_TRUE(res.findings.empty());
    EXPECT_EQ(res.receipts_checked, sent);
    EXPECT_EQ(res.receipts_matched, sent);
    EXPECT_EQ(res.old_gas, res.new_gas);
    std::cout << "[ synthetic ] " << sent << " transactions in " << res.blocks << " blocks on "
              << (chain.on_state_file() ? "the state file" : "anvil") << ": " << res.identical << " of " << res.compared
              << " identical, " << res.receipts_matched << " receipts matched, " << res.seconds << " s\n";
}

}  // namespace
}  // namespace suture::verify
