// forge-std's assertions: Vm's assert* cheatcodes (StdAssertions calls them
// when a check fails; tests may call them directly). A failed assertion
// reverts the calling frame with forge's message, e.g. "assertion failed:
// 1 != 2" or "<message>: 1 != 2".
#include "verify/foundry_cheatcodes.hpp"
#include "verify/foundry_console.hpp"
#include "verify/foundry_signatures.hpp"

namespace suture::verify::foundry {
namespace {

using abi::AbiKind;
using abi::AbiType;
using abi::AbiValue;

bool is_signed(const AbiType& t) { return t.kind == AbiKind::int_; }
bool negative(const uint256& v) { return bool(v >> 255); }

// a < b for uint256 or (two's complement) int256.
bool less(const AbiType& t, const uint256& a, const uint256& b) {
    if (is_signed(t) && negative(a) != negative(b)) return negative(a);
    return a < b;
}

std::string show(const AbiType& t, const AbiValue& v, std::optional<unsigned> decimals) {
    if (decimals && (t.kind == AbiKind::uint_ || t.kind == AbiKind::int_))
        return format_decimal(v.as_uint(), *decimals, is_signed(t));
    return abi::format_value(t, v);
}

Error failure(const CheatCall& call, bool has_message, const std::string& detail) {
    std::string prefix = has_message ? call.args.back().as_string() : "assertion failed";
    return Error{ErrorKind::findings, detail.empty() ? prefix : prefix + ": " + detail};
}

// |a - b| for uint256 or int256 operands (as an unsigned magnitude).
uint256 abs_delta(const AbiType& t, const uint256& a, const uint256& b) {
    if (!is_signed(t)) return a > b ? a - b : b - a;
    return less(t, a, b) ? b - a : a - b;
}

uint256 magnitude(const AbiType& t, const uint256& v) { return is_signed(t) && negative(v) ? -v : v; }

Result<Bytes> check(Cheatcodes&, const CheatCall& call) {
    const std::string& name = call.signature.name;
    const auto& in = call.signature.inputs;
    const auto& a = call.args;
    if (name == "assertTrue" || name == "assertFalse") {
        const bool want = name == "assertTrue";
        if (a[0].as_bool() == want) return Bytes{};
        return failure(call, in.size() == 2, "");
    }
    const AbiType& t = in[0].type;
    const bool decimal = name.find("Decimal") != std::string::npos;
    std::optional<unsigned> decimals;

    if (name.rfind("assertApproxEq", 0) == 0) {
        // (left, right, maxDelta[, decimals][, err])
        const uint256& l = a[0].as_uint();
        const uint256& r = a[1].as_uint();
        const uint256& max = a[2].as_uint();
        if (decimal) decimals = unsigned(a[3].as_uint().low64() % 78);
        const bool has_msg = in.size() == (decimal ? 5u : 4u);
        const uint256 delta = abs_delta(t, l, r);
        if (name.rfind("assertApproxEqAbs", 0) == 0) {
            if (delta <= max) return Bytes{};
            return failure(call, has_msg,
                           show(t, a[0], decimals) + " !~= " + show(t, a[1], decimals) + " (max delta: " +
                               format_decimal(max, decimals.value_or(0), false) +
                               ", real delta: " + format_decimal(delta, decimals.value_or(0), false) + ")");
        }
        // Relative: maxDelta is a fraction scaled by 1e18 (1e18 = 100%).
        if (!r) {
            if (l == r) return Bytes{};
            return failure(call, has_msg, show(t, a[0], decimals) + " !~= " + show(t, a[1], decimals) +
                                              " (right is 0, left is not)");
        }
        const uint256 scale = uint256(1'000'000'000'000'000'000ULL);
        const uint256 rel = delta * scale / magnitude(t, r);
        if (rel <= max) return Bytes{};
        return failure(call, has_msg,
                       show(t, a[0], decimals) + " !~= " + show(t, a[1], decimals) + " (max delta: " +
                           format_decimal(max, 16, false) + "%, real delta: " + format_decimal(rel, 16, false) + "%)");
    }

    if (decimal) decimals = unsigned(a[2].as_uint().low64() % 78);
    const bool has_msg = in.size() == (decimal ? 4u : 3u);
    const std::string l = show(t, a[0], decimals);
    const std::string r = show(t, a[1], decimals);
    if (name.rfind("assertEq", 0) == 0) {
        if (a[0] == a[1]) return Bytes{};
        return failure(call, has_msg, l + " != " + r);
    }
    if (name.rfind("assertNotEq", 0) == 0) {
        if (a[0] != a[1]) return Bytes{};
        return failure(call, has_msg, l + " == " + r);
    }
    const uint256& x = a[0].as_uint();
    const uint256& y = a[1].as_uint();
    if (name.rfind("assertLt", 0) == 0) {
        if (less(t, x, y)) return Bytes{};
        return failure(call, has_msg, l + " >= " + r);
    }
    if (name.rfind("assertGt", 0) == 0) {
        if (less(t, y, x)) return Bytes{};
        return failure(call, has_msg, l + " <= " + r);
    }
    if (name.rfind("assertLe", 0) == 0) {
        if (!less(t, y, x)) return Bytes{};
        return failure(call, has_msg, l + " > " + r);
    }
    if (name.rfind("assertGe", 0) == 0) {
        if (!less(t, x, y)) return Bytes{};
        return failure(call, has_msg, l + " < " + r);
    }
    return input_error("unknown assertion");
}

}  // namespace

std::vector<CheatEntry> assert_cheatcodes() {
    std::vector<CheatEntry> out;
    for (std::string_view s : vm_signatures())
        if (s.rfind("assert", 0) == 0 && s.rfind("assume", 0) != 0) out.push_back({s.data(), check});
    return out;
}

}  // namespace suture::verify::foundry
