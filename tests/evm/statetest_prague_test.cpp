// The newer state-test format (execution-spec-tests): "config" with the chain
// id and the blob schedule, Prague and Osaka post sections, EIP-7702
// "authorizationList". The fixtures in tests/fixtures/statetest-prague are
// hand-written: each post entry carries the post state derived by hand, its
// "hash" is that state's root (checked first), and the runner must reach it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "evm/state_root.hpp"
#include "evm/statetest_load.hpp"
#include "evm/statetest_run.hpp"

namespace suture::evm {
namespace {

const std::filesystem::path kDir = std::filesystem::path(SUTURE_SOURCE_DIR) / "tests/fixtures/statetest-prague";

uint256 num(const nlohmann::json& j) { return *uint256::parse(j.get<std::string>()); }

MemoryBackend alloc(const nlohmann::json& state) {
    MemoryBackend m;
    for (const auto& [addr, acc] : state.items()) {
        std::unordered_map<uint256, uint256, Uint256Hash> storage;
        for (const auto& [k, v] : acc["storage"].items()) storage[*uint256::parse(k)] = num(v);
        Address a;
        const Bytes b = *from_hex(addr);
        std::copy(b.begin(), b.end(), a.bytes.begin());
        m.set_account(a, num(acc["nonce"]).low64(), num(acc["balance"]), *from_hex(acc["code"].get<std::string>()),
                      storage);
    }
    return m;
}

TEST(StateTestPrague, FixtureHashesAreTheRootsOfTheirHandWrittenPostStates) {
    size_t entries = 0;
    for (const auto& f : std::filesystem::directory_iterator(kDir)) {
        if (f.path().extension() != ".json") continue;
        std::ifstream in(f.path());
        const auto root = nlohmann::json::parse(in);
        for (const auto& [name, test] : root.items())
            for (const auto& [fork, posts] : test["post"].items())
                for (const auto& p : posts) {
                    EXPECT_EQ(to_hex(state_root(alloc(p["state"]))), p["hash"].get<std::string>())
                        << f.path().filename() << " " << name << " " << fork;
                    ++entries;
                }
    }
    EXPECT_EQ(entries, 10u);
}

TEST(StateTestPrague, LoadsConfigAndAuthorizations) {
    auto tests = load_state_tests(kDir / "set_code_chain_id.json", "Prague");
    ASSERT_TRUE(tests) << tests.error().message;
    ASSERT_EQ(tests->size(), 1u);
    const StateTest& t = (*tests)[0];
    EXPECT_EQ(t.block.chain_id, uint256(5));
    ASSERT_TRUE(t.block.blob_schedule);
    EXPECT_EQ(*t.block.blob_schedule, (BlobParams{6, 9, 5007716}));
    EXPECT_EQ(t.tx.type, TxType::set_code);
    ASSERT_EQ(t.tx.authorization_list.size(), 1u);
    EXPECT_EQ(t.tx.authorization_list[0].chain_id, uint256(5));
    EXPECT_EQ(t.cases.size(), 2u);
    // A fork the file has no post section for loads no test.
    auto cancun = load_state_tests(kDir / "set_code_chain_id.json", "Cancun");
    ASSERT_TRUE(cancun);
    EXPECT_TRUE(cancun->empty());
}

TEST(StateTestPrague, EveryCasePassesInPragueAndOsaka) {
    for (const char* fork : {"Prague", "Osaka"}) {
        StateTestOptions o;
        o.fork = fork;
        o.threads = 1;
        auto r = run_state_tests({kDir}, o);
        ASSERT_TRUE(r) << r.error().message;
        for (const auto& f : r->failures) ADD_FAILURE() << fork << " " << f.test << " #" << f.post_index << ": " << f.detail;
        EXPECT_EQ(r->failed, 0u) << fork;
        EXPECT_EQ(r->skipped, 0u) << fork;
        EXPECT_EQ(r->passed, std::string(fork) == "Prague" ? 7u : 3u) << fork;
    }
}

TEST(StateTestPrague, AnAuthorizationNonceBeyond64BitsMakesTheTransactionInvalid) {
    std::ifstream in(kDir / "set_code_chain_id.json");
    auto j = nlohmann::json::parse(in);
    auto& t = j.begin().value();
    t["transaction"]["authorizationList"][0]["nonce"] = "0x010000000000000000";
    const auto path = std::filesystem::temp_directory_path() / "suture_statetest_auth_nonce.json";
    std::ofstream(path) << j.dump();
    auto tests = load_state_tests(path, "Prague");
    std::filesystem::remove(path);
    ASSERT_TRUE(tests) << tests.error().message;
    auto tx = case_transaction((*tests)[0], (*tests)[0].cases[0]);
    ASSERT_FALSE(tx);
    EXPECT_NE(tx.error().message.find("64 bits"), std::string::npos);
}

}  // namespace
}  // namespace suture::evm
