// Expectations checked on the calls and logs that follow: expectRevert,
// expectPartialRevert, expectEmit, expectCall (Cheatcodes checks them as the
// calls run and when the test ends).
#include "verify/foundry_cheatcodes.hpp"

namespace suture::verify::foundry {
namespace {

Result<Bytes> expect_revert(Cheatcodes& c, const CheatCall& call) {
    if (c.expected_revert) return input_error("you must call another function prior to expecting a second revert");
    Cheatcodes::ExpectedRevert e;
    e.depth = call.msg.depth;
    if (!call.args.empty() && std::holds_alternative<Bytes>(call.args[0].v)) e.data = call.args[0].as_bytes();
    e.selector_only = call.signature.name == "expectPartialRevert";
    c.expected_revert = e;
    return Bytes{};
}

Result<Bytes> expect_emit(Cheatcodes& c, const CheatCall& call) {
    Cheatcodes::ExpectedEmit e;
    e.depth = call.msg.depth;
    size_t i = 0;
    if (call.args.size() >= 4 && std::holds_alternative<bool>(call.args[0].v))
        for (; i < 4; ++i) e.checks[i] = call.args[i].as_bool();
    if (i < call.args.size() && std::holds_alternative<Address>(call.args[i].v)) e.emitter = call.args[i++].as_address();
    if (i < call.args.size() && std::holds_alternative<uint256>(call.args[i].v)) e.count = call.args[i].as_uint().low64();
    c.expected_emits.push_back(e);
    return Bytes{};
}

// expectCall(callee, [value,] data [, count])
Result<Bytes> expect_call(Cheatcodes& c, const CheatCall& call) {
    Cheatcodes::ExpectedCall e;
    e.callee = call.args[0].as_address();
    size_t i = 1;
    if (std::holds_alternative<uint256>(call.args[i].v)) e.value = call.args[i++].as_uint();
    e.data = call.args[i++].as_bytes();
    if (i < call.args.size()) e.count = call.args[i].as_uint().low64();
    c.expected_calls.push_back(std::move(e));
    return Bytes{};
}

}  // namespace

std::vector<CheatEntry> expect_cheatcodes() {
    return {
        {"expectRevert()", expect_revert},
        {"expectRevert(bytes4)", expect_revert},
        {"expectRevert(bytes)", expect_revert},
        {"expectPartialRevert(bytes4)", expect_revert},
        {"expectEmit()", expect_emit},
        {"expectEmit(address)", expect_emit},
        {"expectEmit(bool,bool,bool,bool)", expect_emit},
        {"expectEmit(bool,bool,bool,bool,address)", expect_emit},
        {"expectEmit(uint64)", expect_emit},
        {"expectEmit(address,uint64)", expect_emit},
        {"expectEmit(bool,bool,bool,bool,uint64)", expect_emit},
        {"expectEmit(bool,bool,bool,bool,address,uint64)", expect_emit},
        {"expectCall(address,bytes)", expect_call},
        {"expectCall(address,bytes,uint64)", expect_call},
        {"expectCall(address,uint256,bytes)", expect_call},
        {"expectCall(address,uint256,bytes,uint64)", expect_call},
    };
}

}  // namespace suture::verify::foundry
