#include "solidity/code_spans.hpp"

#include <gtest/gtest.h>

namespace suture::solidity {
namespace {

TEST(CodeSpans, ParsesStartAndLength) {
    Json j = Json::parse(R"([{"start": 3, "length": 20}, {"length": 20, "start": 70}])");
    auto spans = parse_code_spans(j, "A.linkReferences[\"A.sol\"].L", 20, 20);
    ASSERT_TRUE(spans.ok()) << spans.error().message;
    ASSERT_EQ(spans->size(), 2u);
    EXPECT_EQ((*spans)[1].start, 70u);
    EXPECT_EQ((*spans)[1].length, 20u);
}

TEST(CodeSpans, ErrorsNameTheElementAndTheAllowedLengths) {
    struct Case {
        const char* json;
        const char* where;
    };
    for (const Case& c : {Case{R"({"start": 1})", "P: expected an array"},
                          Case{R"([{"start": 1, "length": 33}])", "P[0]: expected {start, length} with unsigned integers, 1 <= length <= 32"},
                          Case{R"([{"start": 1, "length": 4}, {"start": -1, "length": 4}])", "P[1]:"},
                          Case{R"([{"start": 1}])", "P[0]:"},
                          Case{R"([{"start": 1, "length": 0}])", "P[0]:"},
                          Case{R"([7])", "P[0]:"}}) {
        auto r = parse_code_spans(Json::parse(c.json), "P", 1, 32);
        ASSERT_FALSE(r.ok()) << c.json;
        EXPECT_EQ(r.error().message.rfind(c.where, 0), 0u) << r.error().message;
    }
}

}  // namespace
}  // namespace suture::solidity
