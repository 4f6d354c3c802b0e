#include "core/abi_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::abi {
namespace {

// Shaped like solc's output (types, tuple components, internalType noise).
constexpr const char* kAbi = R"([
  {"type": "constructor", "inputs": [{"name": "owner", "type": "address", "internalType": "address"}],
   "stateMutability": "nonpayable"},
  {"type": "function", "name": "transfer", "stateMutability": "nonpayable",
   "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}],
   "outputs": [{"name": "", "type": "bool"}]},
  {"type": "function", "name": "submit",
   "inputs": [{"name": "orders", "type": "tuple[2][]", "internalType": "struct Order[2][]",
               "components": [{"name": "id", "type": "uint256"},
                              {"name": "legs", "type": "tuple[]",
                               "components": [{"name": "asset", "type": "address"}, {"name": "memo", "type": "bytes"}]}]}],
   "outputs": []},
  {"type": "event", "name": "Transfer", "anonymous": false,
   "inputs": [{"name": "from", "type": "address", "indexed": true}, {"name": "to", "type": "address", "indexed": true},
              {"name": "value", "type": "uint256", "indexed": false}]},
  {"type": "error", "name": "InsufficientBalance",
   "inputs": [{"name": "available", "type": "uint256"}, {"name": "required", "type": "uint256"}]},
  {"type": "fallback", "stateMutability": "payable"},
  {"type": "receive", "stateMutability": "payable"}
])";

TEST(AbiJson, ParsesEveryEntryKind) {
    auto abi = parse_abi_text(kAbi);
    ASSERT_TRUE(abi.ok()) << abi.error().message;
    ASSERT_EQ(abi->entries.size(), 7u);
    EXPECT_EQ(abi->constructor()->inputs[0].name, "owner");
    const AbiEntry* transfer = abi->find(EntryKind::function, "transfer");
    ASSERT_NE(transfer, nullptr);
    EXPECT_EQ(transfer->canonical(), "transfer(address,uint256)");
    EXPECT_EQ(to_hex(transfer->selector()), "0xa9059cbb");
    EXPECT_EQ(abi->function(transfer->selector()), transfer);
    EXPECT_EQ(transfer->outputs.size(), 1u);

    const AbiEntry* submit = abi->find(EntryKind::function, "submit");
    ASSERT_NE(submit, nullptr);
    EXPECT_EQ(submit->canonical(), "submit((uint256,(address,bytes)[])[2][])");
    const AbiType& order = submit->inputs[0].type.element().element();
    EXPECT_EQ(order.names, (std::vector<std::string>{"id", "legs"}));
    EXPECT_EQ(order.components[1].element().names, (std::vector<std::string>{"asset", "memo"}));

    const AbiEntry* ev = abi->find(EntryKind::event, "Transfer");
    ASSERT_NE(ev, nullptr);
    EXPECT_TRUE(ev->inputs[0].indexed);
    EXPECT_FALSE(ev->inputs[2].indexed);
    EXPECT_EQ(abi->event(ev->topic()), ev);
    EXPECT_EQ(to_hex(ev->topic()), "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    const AbiEntry* err = abi->find(EntryKind::error, "InsufficientBalance");
    ASSERT_NE(err, nullptr);
    EXPECT_EQ(abi->error(err->selector()), err);
    EXPECT_EQ(abi->error(transfer->selector()), nullptr);
    EXPECT_EQ(abi->entries[5].kind, EntryKind::fallback);
    EXPECT_EQ(abi->entries[6].kind, EntryKind::receive);
}

TEST(AbiJson, RejectsMalformedEntries) {
    const char* bad[] = {
        "{}",
        "not json",
        R"([{"type": "banana", "name": "x"}])",
        R"([{"type": "function", "inputs": []}])",
        R"([{"type": "function", "name": "f", "inputs": [{"name": "a"}]}])",
        R"([{"type": "function", "name": "f", "inputs": [{"type": "uint7"}]}])",
        R"([{"type": "function", "name": "f", "inputs": [{"type": "tuple", "components": [{"type": "bad"}]}]}])",
        R"([{"type": "function", "name": "f", "inputs": {"type": "uint256"}}])",
        // Fields of the wrong JSON type (once an uncaught exception in `suture check`).
        R"([{"type": 7, "name": "f"}])",
        R"([{"type": null, "name": "f"}])",
        R"([{"type": "function", "name": "f", "inputs": "x"}])",
        R"([{"type": "function", "name": 5}])",
        R"([{"type": "function", "name": "f", "inputs": [7]}])",
        R"([{"type": "event", "name": "E", "inputs": [{"type": "uint256", "indexed": "yes"}]}])",
        R"([{"type": "function", "name": "f", "stateMutability": 1}])",
        R"([{"type": "function", "name": "f", "inputs": [{"type": "tuple", "components": 3}]}])",
    };
    for (const char* text : bad) {
        auto abi = parse_abi_text(text);
        EXPECT_FALSE(abi.ok()) << text;
    }
    auto e = parse_abi_text(R"([{"type": "function", "name": "f", "inputs": [{"type": "uint7"}]}])");
    EXPECT_NE(e.error().message.find("abi[0].inputs[0].type: "), std::string::npos) << e.error().message;
    auto t = parse_abi_text(R"([{"name": "g"}, {"type": 7, "name": "f"}])");
    EXPECT_EQ(t.error().message, "abi[1].type: expected a string, found a number");
    auto in = parse_abi(nlohmann::json::parse(R"([{"type": "function", "name": "f", "inputs": "x"}])"), "A.json: $.abi");
    EXPECT_EQ(in.error().message, "A.json: $.abi[0].inputs: expected an array of parameters, found a string");
}

TEST(AbiJson, TypeDefaultsToFunction) {
    auto e = parse_abi_entry(nlohmann::json::parse(R"({"name": "f", "inputs": [{"type": "uint256"}]})"));
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->kind, EntryKind::function);
    EXPECT_EQ(e->canonical(), "f(uint256)");
}

}  // namespace
}  // namespace suture::abi
