// Findings as JSON and back: every field round-trips, absent optional keys
// stay absent, and a key of the wrong type is an error naming it.
#include <gtest/gtest.h>

#include "core/finding_json.hpp"

namespace suture {
namespace {

using nlohmann::json;

TEST(FindingJson, RoundTripsEveryField) {
    Finding f;
    f.severity = Severity::warning;
    f.code = "insert";
    f.message = "variable <x> inserted";
    f.location = {"src/V.sol", 12, 5, "0xabc"};
    f.hint = "append it";
    f.suppressed = true;
    f.suppressed_by = "reviewed";
    json j = finding_json(f);
    EXPECT_EQ(j["line"], 12);
    EXPECT_EQ(j["where"], "0xabc");
    auto back = finding_from_json(j);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->severity, Severity::warning);
    EXPECT_EQ(back->message, f.message);
    EXPECT_EQ(back->location.file, "src/V.sol");
    EXPECT_EQ(back->location.column, 5);
    EXPECT_EQ(back->location.other, "0xabc");
    EXPECT_TRUE(back->suppressed);
    EXPECT_EQ(back->suppressed_by, "reviewed");
    EXPECT_EQ(finding_json(*back), j);
}

TEST(FindingJson, OptionalKeysStayAbsent) {
    Finding f;
    f.code = "gate-error";
    json j = finding_json(f);
    EXPECT_FALSE(j.contains("file") || j.contains("line") || j.contains("where") || j.contains("suppressed_by"));
    auto back = finding_from_json(json{{"code", "x"}});  // severity defaults to error
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->severity, Severity::error);
}

TEST(FindingJson, WrongTypesAreNamed) {
    struct Case {
        json in;
        const char* says;
    } cases[] = {
        {json::array(), "not a JSON object"},
        {json{{"message", "m"}}, "no \"code\""},
        {json{{"code", 5}}, "\"code\" is not a string"},
        {json{{"code", "x"}, {"severity", "fatal"}}, "severity \"fatal\""},
        {json{{"code", "x"}, {"line", "12"}}, "\"line\" is not a line"},
        {json{{"code", "x"}, {"line", -1}}, "\"line\" is not a line"},
        {json{{"code", "x"}, {"suppressed", 1}}, "\"suppressed\" is not true or false"},
    };
    for (const auto& c : cases) {
        auto r = finding_from_json(c.in);
        ASSERT_FALSE(r.ok()) << c.in.dump();
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace suture
