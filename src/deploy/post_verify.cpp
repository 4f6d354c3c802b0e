#include "deploy/post_verify.hpp"

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_json.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::deploy {

bool Verification::ok() const {
    if (checks.empty()) return false;
    for (const auto& c : checks)
        if (!c.ok) return false;
    return true;
}

std::string Verification::failures() const {
    std::string out;
    for (const auto& c : checks)
        if (!c.ok) out += (out.empty() ? "" : "\n") + c.name + ": " + c.detail;
    return out;
}

Result<SmokeCheck> parse_smoke_check(std::string_view text) {
    auto eq = text.rfind(" = ");
    if (eq == std::string_view::npos)
        return usage_error("smoke check '" + std::string(text) + "': expected 'SIGNATURE [ARG...] = EXPECTED'");
    SmokeCheck c;
    c.expected = std::string(text.substr(eq + 3));
    std::string_view call = text.substr(0, eq);
    // The signature has no spaces unless inside parentheses; arguments follow it.
    size_t depth = 0, end = 0;
    for (; end < call.size(); ++end) {
        char ch = call[end];
        if (ch == '(') ++depth;
        if (ch == ')' && depth) --depth;
        if (ch == ' ' && depth == 0) break;
    }
    c.signature = std::string(call.substr(0, end));
    std::string_view rest = call.substr(end);
    while (!rest.empty()) {
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        if (rest.empty()) break;
        auto sp = rest.find(' ');
        c.args.emplace_back(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp);
    }
    auto sig = abi::parse_signature(c.signature);
    if (!sig) return usage_error("smoke check '" + std::string(text) + "': " + sig.error().message);
    if (sig->outputs.empty())
        return usage_error("smoke check '" + std::string(text) + "': the signature needs its outputs, e.g. version()(uint256)");
    return c;
}

Result<VerifyCheck> run_smoke_check(upgrade::ChainView& view, const Address& proxy, const SmokeCheck& check) {
    VerifyCheck out{"smoke " + check.signature, false, ""};
    auto sig = abi::parse_signature(check.signature);
    if (!sig) return usage_error("smoke check " + check.signature + ": " + sig.error().message);
    auto values = abi::parse_values(sig->input_types(), check.args);
    if (!values) return std::move(values).error().context("smoke check " + check.signature);
    SUTURE_TRY(data, abi::encode_call(*sig, *values));
    SUTURE_TRY(r, view.call(proxy, data));
    if (r.reverted) {
        auto why = abi::decode_revert(r.output);
        out.detail = "reverted: " + (why ? why->description : to_hex(r.output));
        return out;
    }
    auto outputs = sig->output_types();
    auto decoded = abi::decode(outputs, r.output);
    if (!decoded) {
        out.detail = "returned " + to_hex(r.output) + ", which does not decode: " + decoded.error().message;
        return out;
    }
    std::string got;
    for (size_t i = 0; i < outputs.size(); ++i) got += (i ? ", " : "") + abi::format_value(outputs[i], (*decoded)[i]);
    out.ok = got == check.expected;
    out.detail = out.ok ? "returned " + got : "returned " + got + ", expected " + check.expected;
    return out;
}

namespace {

using upgrade::ProxyPattern;

Status check_diamond(upgrade::ChainView& view, const Address& proxy, const std::vector<FacetCut>& cuts,
                     Verification& v) {
    size_t wrong = 0;
    std::string first;
    for (const auto& c : cuts)
        for (auto s : c.selectors) {
            Bytes sel{uint8_t(s >> 24), uint8_t(s >> 16), uint8_t(s >> 8), uint8_t(s)};
            SUTURE_TRY(at, upgrade::view_address(view, proxy, "facetAddress(bytes4)(address)", {sel}));
            Address want = c.action == FacetCutAction::remove ? Address{} : c.facet;
            if (!at || *at != want) {
                if (!wrong++)
                    first = upgrade::selector_hex(s) + " routes to " + (at ? to_checksum(*at) : "nothing") +
                            ", expected " + to_checksum(want);
            }
        }
    v.checks.push_back({"facets", wrong == 0,
                        wrong == 0 ? "every cut selector routes as cut"
                                   : std::to_string(wrong) + " selector(s) wrong; first: " + first});
    return {};
}

}  // namespace

Result<Verification> post_verify(upgrade::ChainView& view, const Address& proxy, const VerifyExpectations& expect,
                                 upgrade::ProxyInfo& after) {
    Verification v;
    SUTURE_TRY(info, upgrade::inspect_proxy(view, proxy));
    after = info;
    if (info.kind != expect.kind)
        v.checks.push_back({"proxy kind", false,
                            std::string("now ") + upgrade::proxy_pattern_name(info.kind) + ", was " +
                                upgrade::proxy_pattern_name(expect.kind)});

    if (expect.kind == ProxyPattern::diamond) {
        SUTURE_CHECK(check_diamond(view, proxy, expect.cuts, v));
    } else {
        bool ok = info.implementation && *info.implementation == expect.implementation;
        std::string where = expect.kind == ProxyPattern::beacon ? "beacon implementation()" : "implementation slot";
        v.checks.push_back({where, ok,
                            (info.implementation ? to_checksum(*info.implementation) : std::string("empty")) +
                                (ok ? "" : ", expected " + to_checksum(expect.implementation))});
    }
    if (expect.kind == ProxyPattern::beacon) {
        bool ok = info.beacon == expect.beacon_before;
        v.checks.push_back({"beacon", ok, info.beacon ? to_checksum(*info.beacon) : "empty"});
    }

    if (expect.artifact) {
        SUTURE_TRY(code, view.code(expect.implementation));
        auto m = compare_runtime_code(code, expect.artifact->runtime, expect.artifact->immutables);
        v.checks.push_back({"runtime code", m.equal,
                            m.equal ? std::string("matches ") + expect.artifact->name +
                                          (m.metadata_differs ? " (metadata hash differs)" : "")
                                    : m.detail});
    } else {
        v.checks.push_back({"runtime code", true, "not compared: no artifact given for an existing implementation"});
    }

    if (expect.admin_before) {
        std::optional<Address> now;
        if (!info.authorities.empty()) now = info.authorities[0].address;
        bool ok = now == expect.admin_before;
        v.checks.push_back({"admin", ok,
                            (now ? to_checksum(*now) : std::string("none")) +
                                (ok ? " (unchanged)" : ", was " + to_checksum(*expect.admin_before))});
    }

    for (const auto& s : expect.smoke) {
        SUTURE_TRY(c, run_smoke_check(view, proxy, s));
        v.checks.push_back(std::move(c));
    }
    return v;
}

}  // namespace suture::deploy
