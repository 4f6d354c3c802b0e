// Malformed, truncated or incomplete artifacts: an input error naming the file
// and the JSON path (or the compiler setting to add), never a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "solidity/json_file.hpp"
#include "solidity/load.hpp"
#include "solidity/storage_layout.hpp"

namespace suture::solidity {
namespace {

namespace fs = std::filesystem;

const std::string kSolc = std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json";
const std::string kBuildInfo = std::string(SUTURE_BINARY_DIR) + "/fixtures/check/build-info/pairs.json";
const std::string kFoundry = std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/check/foundry/out";

class ArtifactErrors : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("suture-artifacts-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& text) {
        fs::path p = dir_ / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    // Loads, finds V1 of the insert pair and builds its storage model.
    static Status check_storage(const std::string& path, LoadFormat format = LoadFormat::automatic) {
        LoadOptions opt;
        opt.format = format;
        SUTURE_TRY(set, load_build(path, opt));
        SUTURE_TRY(ref, find_contract(set, "pairs/layout_insert.sol:V1"));
        SUTURE_TRY(storage, load_storage(*ref.build, *ref.contract));
        (void)storage;
        return {};
    }
    // The solc output reduced to the one pair the tests mutate (fast to load).
    static nlohmann::json small_solc() {
        static const nlohmann::json doc = [] {
            auto full = nlohmann::json::parse(read(kSolc));
            const std::string f = "pairs/layout_insert.sol";
            return nlohmann::json{{"contracts", {{f, full["contracts"][f]}}}, {"sources", {{f, full["sources"][f]}}}};
        }();
        return doc;
    }
    fs::path dir_;
};

TEST_F(ArtifactErrors, TruncatedFileNamesFileAndPath) {
    std::string text = read(kSolc);
    ASSERT_GT(text.size(), 1000u);
    std::string path = write("cut.json", text.substr(0, text.size() / 2));
    auto r = load_build(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::input);
    EXPECT_EQ(r.error().message.rfind(path + ": $.", 0), 0u) << r.error().message;
    EXPECT_NE(r.error().message.find("truncated JSON"), std::string::npos) << r.error().message;
}

TEST_F(ArtifactErrors, TruncationAnywhereIsAnErrorNotACrash) {
    std::string text;
    for (const auto& e : fs::directory_iterator(kFoundry + "/build-info")) text = read(e.path().string());
    for (size_t cut = 1; cut < text.size(); cut += text.size() / 97 + 1) {
        std::string path = write("cut.json", text.substr(0, cut));
        auto r = load_build(path);
        ASSERT_FALSE(r.ok()) << cut;
        EXPECT_EQ(r.error().message.rfind(path + ": $", 0), 0u) << r.error().message;
    }
}

TEST_F(ArtifactErrors, SyntaxErrorGivesPathOfTheValue) {
    auto r = parse_json(R"({"contracts": {"A.sol": {"A": {"abi": [1, 2, oops]}}}})", "x.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.rfind("x.json: $.contracts[\"A.sol\"].A.abi[2]: invalid JSON at byte", 0), 0u)
        << r.error().message;
}

TEST_F(ArtifactErrors, WrongTypeNamesTheExactPath) {
    auto doc = small_solc();
    doc["contracts"]["pairs/layout_insert.sol"]["V1"]["storageLayout"]["storage"][1]["slot"] = true;
    std::string path = write("bad.json", doc.dump());
    auto s = check_storage(path);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().message,
              path + ": $.contracts[\"pairs/layout_insert.sol\"].V1.storageLayout.storage[1].slot: expected a string");
}

TEST_F(ArtifactErrors, MissingFieldsAndBadShapes) {
    auto doc = small_solc();
    struct Case {
        std::function<void(nlohmann::json&)> mutate;
        std::string expect;  // substring of the error
    };
    std::vector<Case> cases = {
        {[](auto& c) { c["storageLayout"]["storage"][0].erase("type"); },
         "V1.storageLayout.storage[0]: missing field \"type\""},
        {[](auto& c) { c["storageLayout"]["storage"] = "nope"; }, "V1.storageLayout.storage: expected an array"},
        {[](auto& c) { c["storageLayout"]["types"]["t_uint256"]["encoding"] = "weird"; },
         "types.t_uint256.encoding: unknown encoding \"weird\""},
        {[](auto& c) { c["storageLayout"]["types"]["t_uint256"]["numberOfBytes"] = "3x"; },
         "types.t_uint256.numberOfBytes: expected a decimal integer"},
        {[](auto& c) { c["storageLayout"]["storage"][0]["offset"] = 40; }, "storage[0].offset: offset must be 0..31"},
        {[](auto& c) { c["storageLayout"]["types"].erase("t_uint256"); }, "missing from types"},
        {[](auto& c) { c["abi"] = 5; }, "V1.abi: expected an array of ABI entries, found a number"},
        {[](auto& c) { c["evm"]["bytecode"]["object"] = 12; }, "V1.evm.bytecode.object: expected a string"},
        // ABI fields of the wrong JSON type (an uncaught exception in `suture check` once).
        {[](auto& c) { c["abi"][0] = {{"type", 7}, {"name", "f"}}; }, "V1.abi[0].type: expected a string, found a number"},
        {[](auto& c) { c["abi"][0] = {{"type", nullptr}, {"name", "f"}}; }, "V1.abi[0].type: expected a string, found null"},
        {[](auto& c) { c["abi"][0] = {{"type", "function"}, {"name", "f"}, {"inputs", "x"}}; },
         "V1.abi[0].inputs: expected an array of parameters, found a string"},
        {[](auto& c) { c["abi"][0] = {{"type", "event"}, {"name", "E"}, {"inputs", {{{"type", "uint7"}}}}}; },
         "V1.abi[0].inputs[0].type: "},
        // An ABI nested 300 levels deep (the parser keeps 2,500; copying that deep overflowed an ASan stack).
        {[](auto& c) {
             nlohmann::json deep = nlohmann::json::array();
             for (int i = 0; i < 300; ++i) deep = nlohmann::json::array({deep});
             c["abi"][0]["inputs"] = deep;
         },
         "V1.abi: nested deeper than 256 levels: not an ABI"},
        // Code that is not hex, or one half of a contract's code missing.
        {[](auto& c) { c["evm"]["deployedBytecode"]["object"] = "zz11"; },
         "V1.evm.deployedBytecode.object: not hex code: character 0 is 'z'"},
        {[](auto& c) { c["evm"]["bytecode"]["object"] = "6080604"; }, "V1.evm.bytecode.object: hex code of odd length 7"},
        {[](auto& c) { c["evm"]["bytecode"]["object"] = ""; },
         "V1.evm: bytecode is empty but deployedBytecode is not"},
        {[](auto& c) { c["evm"]["bytecode"]["linkReferences"] = {{"L.sol", {{"L", {{{"start", 1ull << 40}, {"length", 20}}}}}}}; },
         "V1.evm.bytecode.linkReferences[\"L.sol\"].L[0].start: 1099511627776 lies beyond any code"},
        // Storage positions and sizes no compiler writes.
        {[](auto& c) {
             c["storageLayout"]["storage"][0]["slot"] =
                 "115792089237316195423570985008687907853269984665640564039457584007913129639936";
         },
         "storage[0].slot: value 0x10000000000000000000000000000000000000000000000000000000000000000 is not below 2^256"},
        {[](auto& c) { c["storageLayout"]["types"]["t_uint256"]["numberOfBytes"] = "340000000000000000000000000000000000000000"; },
         "types.t_uint256: numberOfBytes 340000000000000000000000000000000000000000 of \"uint256\": expected 1 to 32"},
        {[](auto& c) { c["storageLayout"]["types"]["t_address"]["numberOfBytes"] = "33"; },
         "types.t_address: numberOfBytes 33 of \"address\": expected 1 to 32"},
        {[](auto& c) { c["storageLayout"]["storage"][1]["offset"] = 20; },
         "storage[1]: \"b\" at offset 20 with 20 bytes does not fit in its slot"},
    };
    for (auto& c : cases) {
        auto d = doc;
        c.mutate(d["contracts"]["pairs/layout_insert.sol"]["V1"]);
        std::string path = write("bad.json", d.dump());
        auto s = check_storage(path);
        ASSERT_FALSE(s.ok()) << c.expect;
        EXPECT_NE(s.error().message.find(c.expect), std::string::npos) << s.error().message;
        EXPECT_EQ(s.error().message.rfind(path + ": $.", 0), 0u) << s.error().message;
    }
}

TEST_F(ArtifactErrors, MissingStorageLayoutNamesTheSetting) {
    auto doc = small_solc();
    doc["contracts"]["pairs/layout_insert.sol"]["V1"].erase("storageLayout");
    auto s = check_storage(write("solc.json", doc.dump()));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("add \"storageLayout\" to settings.outputSelection"), std::string::npos)
        << s.error().message;

    auto bi = nlohmann::json::parse(read(kBuildInfo));
    bi["output"]["contracts"]["pairs/layout_insert.sol"]["V1"].erase("storageLayout");
    auto& selected = bi["input"]["settings"]["outputSelection"]["*"]["*"];
    selected.erase(std::remove(selected.begin(), selected.end(), "storageLayout"), selected.end());
    s = check_storage(write("hh/build-info/x.json", bi.dump()));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("Hardhat"), std::string::npos) << s.error().message;

    fs::copy(kFoundry, dir_ / "out", fs::copy_options::recursive);
    fs::remove_all(dir_ / "out" / "build-info");
    std::string art = (dir_ / "out" / "layout_insert.sol" / "V1.json").string();
    auto a = nlohmann::json::parse(read(art));
    a.erase("storageLayout");
    write("out/layout_insert.sol/V1.json", a.dump());
    s = check_storage((dir_ / "out").string());
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("extra_output = [\"storageLayout\"]"), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("V1.json"), std::string::npos) << s.error().message;

    a = nlohmann::json::parse(read(kFoundry + "/layout_insert.sol/V1.json"));
    a.erase("ast");
    write("out/layout_insert.sol/V1.json", a.dump());
    auto v2 = nlohmann::json::parse(read(kFoundry + "/layout_insert.sol/V2.json"));
    v2.erase("ast");
    write("out/layout_insert.sol/V2.json", v2.dump());
    s = check_storage((dir_ / "out").string());
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("ast = true"), std::string::npos) << s.error().message;
}

TEST_F(ArtifactErrors, NotAnArtifact) {
    auto r = load_build(write("x.json", R"({"hello": 1})"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("not a solc standard-JSON output"), std::string::npos);
    r = load_build((dir_ / "missing.json").string());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no such file"), std::string::npos);
    r = load_build(write("arr.json", "[1,2]"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("$: expected an object"), std::string::npos) << r.error().message;
}

TEST_F(ArtifactErrors, AmbiguousAndUnknownContractNames) {
    auto set = load_build(kSolc);
    ASSERT_TRUE(set.ok());
    auto amb = find_contract(*set, "V1");
    ASSERT_FALSE(amb.ok());
    EXPECT_NE(amb.error().message.find("ambiguous"), std::string::npos);
    EXPECT_NE(amb.error().message.find("pairs/layout_insert.sol:V1"), std::string::npos);
    auto none = find_contract(*set, "Nope");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("no contract named \"Nope\""), std::string::npos);
}

}  // namespace
}  // namespace suture::solidity
