// Every fixture pair gives exactly the finding codes its manifest lists, in
// every artifact format, with source positions that point at the declaration.
#include <gtest/gtest.h>

#include <set>

#include "check_fixture.hpp"
#include "solidity/source_location.hpp"

namespace suture::test {
namespace {

class CheckPair : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckPair, FindsExactlyTheManifestCodes) {
    PairManifest m = read_pair_manifest(GetParam());
    auto r = run_pair(pairs_solc(), m);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(codes(r->findings, false), m.expect);
    EXPECT_EQ(codes(r->findings, true), m.allowed);
    for (const auto& f : r->findings) {
        EXPECT_FALSE(f.message.empty());
        if (f.suppressed) {
            EXPECT_NE(f.suppressed_by.find("@custom:oz-"), std::string::npos) << f.suppressed_by;
        } else {
            EXPECT_FALSE(f.hint.empty()) << f.code;
        }
    }
}

TEST_P(CheckPair, BuildInfoGivesTheSameFindings) {
    PairManifest m = read_pair_manifest(GetParam());
    auto a = run_pair(pairs_solc(), m);
    auto b = run_pair(pairs_build_info(), m);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->findings.size(), b->findings.size());
    for (size_t i = 0; i < a->findings.size(); ++i) {
        const auto &x = a->findings[i].location, &y = b->findings[i].location;
        EXPECT_EQ(a->findings[i].code, b->findings[i].code);
        EXPECT_EQ(x.file, y.file);
        // The build-info lists every source's text, imports included, as
        // Hardhat's does; solc's output lists none and the fixture folder holds
        // only pairs/, so in an imported library file only the build-info has a line.
        if (x.line == 0 && !x.file.starts_with("pairs/")) {
            EXPECT_GT(y.line, 0) << a->findings[i].code << " in " << y.file;
            continue;
        }
        EXPECT_EQ(x.line, y.line);
        EXPECT_EQ(x.column, y.column);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CheckPair, ::testing::ValuesIn(check_pair_names()),
                         [](const auto& info) { return info.param; });

TEST(CheckPairs, AtLeastSixtyPairsCoverEveryCodeFailingAndAllowed) {
    auto names = check_pair_names();
    EXPECT_GE(names.size(), 60u);
    std::set<std::string> failing, allowed;
    size_t clean = 0;
    for (const auto& n : names) {
        auto m = read_pair_manifest(n);
        failing.insert(m.expect.begin(), m.expect.end());
        allowed.insert(m.allowed.begin(), m.allowed.end());
        clean += m.expect.empty();
    }
    for (const char* code : {"insert", "delete", "replace", "rename", "typechange", "shrinkgap", "delete-namespace",
                             "constructor", "state-variable-assignment", "state-variable-immutable", "selfdestruct",
                             "delegatecall", "external-library-linking", "missing-public-upgradeto",
                             "internal-function-storage", "missing-initializer", "missing-initializer-call",
                             "duplicate-initializer-call", "incorrect-initializer-order", "initializer-not-disabled",
                             "reinitializer-version", "uups-upgrade-blocked", "transparent-selector-clash",
                             "diamond-selector-collision", "eip1967-slot-collision", "namespace-collision",
                             "abi-function-removed", "abi-function-changed", "abi-event-removed"})
        EXPECT_TRUE(failing.count(code)) << "no failing fixture for " << code;
    // internal-function-storage has no annotated form: OpenZeppelin's validator reads no annotation for it.
    for (const char* code : {"rename", "typechange", "constructor", "state-variable-assignment",
                             "state-variable-immutable", "delegatecall", "external-library-linking"})
        EXPECT_TRUE(allowed.count(code)) << "no annotated fixture for " << code;
    EXPECT_GE(clean, 20u);  // allowed forms with no finding at all
}

// The finding points at the declaration it is about, as file:line:col.
TEST(CheckPairs, LocationsPointAtTheDeclaration) {
    struct Case {
        const char* pair;
        const char* code;
        const char* text;  // the source text at the reported position
    };
    for (const Case& c : {Case{"layout_insert", "insert", "uint256 x"},
                          Case{"state_variable_assignment", "state-variable-assignment", "uint256 fee = 30"},
                          Case{"delegatecall_assembly", "delegatecall", "delegatecall(gas(), t, 0, 0, 0, 0)"},
                          Case{"selfdestruct", "selfdestruct", "selfdestruct(payable(msg.sender))"},
                          Case{"constructor_writes", "constructor", "constructor() { a = 1; }"}}) {
        auto m = read_pair_manifest(c.pair);
        for (const auto* set : {&pairs_solc(), &pairs_build_info()}) {
            auto r = run_pair(*set, m);
            ASSERT_TRUE(r.ok());
            const Finding* f = nullptr;
            for (const auto& x : r->findings)
                if (x.code == c.code) f = &x;
            ASSERT_NE(f, nullptr) << c.pair;
            EXPECT_EQ(f->location.file, m.source);
            ASSERT_GT(f->location.line, 0) << c.pair;
            const auto& b = set->builds.front();
            const solidity::SourceFile* src = nullptr;
            for (const auto& s : b.sources)
                if (s.path == m.source) src = &s;
            ASSERT_NE(src, nullptr);
            size_t at = src->line_starts[f->location.line - 1] + f->location.column - 1;
            EXPECT_EQ(src->content.substr(at, std::string(c.text).size()), c.text) << c.pair;
        }
    }
}

// The call path from the public function to the unsafe operation is in the message.
TEST(CheckPairs, UnsafeOperationsShowTheCallPath) {
    auto r = run_pair(pairs_solc(), read_pair_manifest("delegatecall_via_library"));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->findings.size(), 1u);
    EXPECT_NE(r->findings[0].message.find("V2.run(address,bytes) -> Exec.exec(address,bytes)"), std::string::npos)
        << r->findings[0].message;
    auto v = run_pair(pairs_solc(), read_pair_manifest("delegatecall_via_virtual_override"));
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(v->findings.size(), 1u);
    EXPECT_NE(v->findings[0].message.find("Hook.run(address) -> V2._hook(address)"), std::string::npos)
        << v->findings[0].message;
}

// The storage-layout table lists each variable with its status.
TEST(CheckPairs, LayoutTableShowsEachVariable) {
    auto r = run_pair(pairs_solc(), read_pair_manifest("gap_shrink_ok"));
    ASSERT_TRUE(r.ok());
    std::vector<std::string> statuses;
    for (const auto& row : r->layout) statuses.push_back(row.new_label + ":" + row.status);
    EXPECT_EQ(statuses, (std::vector<std::string>{"a:same", "x:gap", "y:gap", "__gap:gap", "own:same"}));
}

}  // namespace
}  // namespace suture::test
