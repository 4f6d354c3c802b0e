// Every case of ethereum/tests TransactionTests: valid transactions decode to
// the expected sender and hash at Cancun; invalid ones are rejected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/shared_dir.hpp"

namespace suture::chain {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The fixtures are filled for chain id 1.
constexpr uint64_t kChainId = 1;

// Decode + static validation at Cancun; the error of whichever step failed.
Result<SignedTransaction> check(const std::string& txbytes) {
    auto raw = from_hex(txbytes);
    if (!raw.ok()) return std::move(raw).error();
    SUTURE_TRY(stx, decode_transaction(*raw));
    SUTURE_CHECK(validate_static(stx.tx, evm::Revision::cancun, kChainId));
    return stx;
}

TEST(TransactionTests, EveryCase) {
    fs::path dir = test::shared_dir() / "ethereum-tests" / "TransactionTests";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent (set SUTURE_SHARED)";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    int valid = 0, invalid = 0;
    for (const auto& f : files) {
        std::ifstream in(f);
        json doc = json::parse(in);
        for (const auto& [name, t] : doc.items()) {
            SCOPED_TRACE(f.filename().string() + ": " + name);
            const json& results = t["result"];
            // Cancun when the fixture has it; otherwise the latest fork it lists
            // (those fixtures are malformed RLP, rejected by every fork).
            const json& expect = results.contains("Cancun") ? results["Cancun"] : (--results.end()).value();
            auto r = check(t["txbytes"].get<std::string>());
            if (expect.contains("exception")) {
                ++invalid;
                EXPECT_FALSE(r.ok()) << "accepted, expected " << expect["exception"];
                continue;
            }
            ++valid;
            ASSERT_TRUE(r.ok()) << r.error().message;
            EXPECT_EQ(to_hex(r->sender.bytes), expect["sender"].get<std::string>());
            EXPECT_EQ(to_hex(r->hash), expect["hash"].get<std::string>());
            auto ig = uint256::parse(expect["intrinsicGas"].get<std::string>());
            ASSERT_TRUE(ig.ok());
            EXPECT_EQ(uint256(intrinsic_gas(r->tx, evm::Revision::cancun)), *ig);
            // Re-encoding the decoded fields with the signature gives the same bytes.
            auto again = encode_signed(r->tx, r->signature);
            ASSERT_TRUE(again.ok());
            EXPECT_EQ(to_hex(*again), to_hex(r->raw));
        }
    }
    // The fixture set holds 50 valid and 160 invalid cases at Cancun.
    EXPECT_GE(valid, 50);
    EXPECT_GE(invalid, 150);
}

}  // namespace
}  // namespace suture::chain
