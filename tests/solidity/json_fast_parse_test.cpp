// The fast artifact parser builds the same DOM as nlohmann's parser and
// accepts exactly the documents nlohmann accepts (so errors keep coming from
// nlohmann's error path with the file and JSON path).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "solidity/json_fast_parse.hpp"
#include "solidity/json_file.hpp"

namespace suture::solidity {
namespace {

bool keep_all(int, std::string_view) { return false; }
bool drop_x_below_root(int depth, std::string_view k) { return depth > 1 && k == "x"; }
bool drop_src_and_evm(int depth, std::string_view k) { return depth > 1 && (k == "src" || k == "evm"); }

// Same verdict and (when valid) the same value as nlohmann.
void expect_like_nlohmann(const std::string& text) {
    Json fast;
    bool ok = static_cast<bool>(fast_parse_json(text, keep_all, fast));
    bool accepted = Json::accept(text);
    ASSERT_EQ(ok, accepted) << text;
    if (!ok) return;
    Json slow = Json::parse(text);
    EXPECT_EQ(fast, slow) << text;
    EXPECT_EQ(fast.dump(), slow.dump()) << text;  // same number kinds (unsigned/signed/float) too
}

TEST(JsonFastParse, ValidDocumentsMatchNlohmann) {
    for (const char* t : {
             R"({})", R"([])", R"("")", "0", "-0", "12", "-12", "1.5", "-1.25e3", "1E+2", "2e-2", "true", "false",
             "null", R"( { "a" : [ 1 , 2 , { "b" : null } ] } )", "\xEF\xBB\xBF{\"bom\":1}",
             "18446744073709551615",   // UINT64_MAX: unsigned
             "18446744073709551616",   // one more: a double, as nlohmann does
             "-9223372036854775808",   // INT64_MIN: signed
             "-9223372036854775809",   // one less: a double
             R"("esc \" \\ \/ \b \f \n \r \t")", R"("\u0041\u00e9\u20ac\ud83d\ude00")", R"("\u0000")",
             "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"", R"({"k":1,"k":2})", R"([[[[[[]]]]]])",
             R"({"a long key that is longer than sixteen bytes":"and a value that is longer than eight"})",
         })
        expect_like_nlohmann(t);
}

TEST(JsonFastParse, InvalidDocumentsAreRejectedLikeNlohmann) {
    for (const char* t : {
             "", " ", "{", "[", R"({"a")", R"({"a":})", R"({"a":1,})", "[1,]", "[1 2]", "01", "1.", ".5", "-",
             "1e", "+1", "tru", "nul", "True", R"("abc)", R"("\x")", R"("\u12")", R"("\ud83d")", R"("\ude00")",
             R"("\ud83d\u0041")", "\"a\tb\"", "\"a\nb\"", "\"\xC3\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"",
             "\"\xF4\x90\x80\x80\"", "\"\xFF\"", "{} {}", "[1]]", R"({1:2})", "'a'",
             "1e400", "-1e400", "3E225458", R"({"a":[1e999]})",  // number overflow, as nlohmann says
         })
        expect_like_nlohmann(t);
}

// Kept values nest at most kMaxJsonDepth deep: deeper is one clear error, not
// a stack overflow in the parser or in whatever walks the document later.
TEST(JsonFastParse, KeptValuesNestAtMostTheBound) {
    Json out;
    std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    EXPECT_TRUE(fast_parse_json(ok, keep_all, out));
    std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    auto r = fast_parse_json(deep, keep_all, out);
    EXPECT_EQ(r.kind, FastParseResult::too_deep);
    auto doc = parse_json(deep, "deep.json");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().kind, ErrorKind::input);
    EXPECT_NE(doc.error().message.find("deep.json: values nested deeper than"), std::string::npos)
        << doc.error().message;
}

// A dropped value may nest as deep as the file is long (skipped iteratively),
// and it is still validated.
TEST(JsonFastParse, DroppedValuesNestWithoutBound) {
    std::string arrays = std::string(100000, '[') + std::string(100000, ']');
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(100000, '}');
    for (const std::string* inner : {&arrays, &objects}) {
        Json out;
        ASSERT_TRUE(fast_parse_json("{\"k\":{\"x\":" + *inner + ",\"y\":2}}", drop_x_below_root, out));
        EXPECT_EQ(out, Json::parse(R"({"k":{"y":2}})"));
        std::string broken = "{\"k\":{\"x\":" + inner->substr(0, inner->size() - 1) + ",\"y\":2}}";
        EXPECT_FALSE(fast_parse_json(broken, drop_x_below_root, out));
        // parse_json drops compiler outputs nothing reads (generatedSources among them); its
        // error path is found without recursion too.
        std::string artifact = "{\"k\":{\"generatedSources\":" + inner->substr(0, inner->size() - 1) + ",\"y\":2}}";
        auto doc = parse_json(artifact, "broken.json");
        ASSERT_FALSE(doc.ok());
        EXPECT_NE(doc.error().message.find("broken.json: $"), std::string::npos) << doc.error().message;
    }
}

TEST(JsonFastParse, FilterDropsKeysBelowTheRootOnly) {
    Json out;
    ASSERT_TRUE(fast_parse_json(R"({"x":1,"a":{"x":[1,{"x":2}],"y":{"x":3}}})", drop_x_below_root, out));
    EXPECT_EQ(out, Json::parse(R"({"x":1,"a":{"y":{}}})"));
    // A dropped value is still validated.
    EXPECT_FALSE(fast_parse_json(R"({"a":{"x":[1,oops]}})", drop_x_below_root, out));
    // Names are compared decoded: an escaped "x" is dropped too.
    ASSERT_TRUE(fast_parse_json(R"({"a":{"\u0078":1,"\u0041b":2}})", drop_x_below_root, out));
    EXPECT_EQ(out, Json::parse(R"({"a":{"Ab":2}})"));
}

TEST(JsonFastParse, MemberNamesWithEscapesAndMultiByteCharacters) {
    for (const char* t : {R"({"\u0041b":1,"caf\u00e9":2,"\"q\\":3,"tab\t":4})", "{\"caf\xC3\xA9\":1,\"\xF0\x9F\x98\x80\":[]}",
                          R"({"a\":1})", R"({"\ud800":1})", "{\"\xC3\":1}"})
        expect_like_nlohmann(t);
}

// Real compiler outputs: the fast DOM equals nlohmann's, filter included.
TEST(JsonFastParse, CompilerOutputsMatchNlohmann) {
    for (std::string path : {std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json",
                             std::string(SUTURE_BINARY_DIR) + "/fixtures/check/build-info/pairs.json"}) {
        SCOPED_TRACE(path);
        auto text = read_text_file(path);
        ASSERT_TRUE(text.ok()) << text.error().message;
        Json fast;
        ASSERT_TRUE(fast_parse_json(*text, keep_all, fast));
        EXPECT_TRUE(fast == Json::parse(*text));
        Json filtered;
        ASSERT_TRUE(fast_parse_json(*text, drop_src_and_evm, filtered));
        Json::parser_callback_t cb = [](int depth, Json::parse_event_t e, Json& v) {
            return !(e == Json::parse_event_t::key && drop_src_and_evm(depth, v.get_ref<const std::string&>()));
        };
        EXPECT_TRUE(filtered == Json::parse(*text, cb));
        EXPECT_FALSE(filtered == fast);
    }
}

}  // namespace
}  // namespace suture::solidity
