// The patch digest (patch_digest.hpp).
#include "ledger/patch_digest.hpp"

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::ledger {
namespace {

using abi::AbiKind;
using abi::AbiType;
using abi::AbiValue;

Bytes word(const Bytes32& b) { return Bytes(b.begin(), b.end()); }

}  // namespace

Bytes encode_patch_digest_input(const PatchDigestInput& in) {
    static const std::vector<AbiType> types = {
        AbiType::simple(AbiKind::string), AbiType::uint(),           AbiType::simple(AbiKind::address),
        AbiType::simple(AbiKind::string), AbiType::fixed_bytes(32),  AbiType::fixed_bytes(32),
        AbiType::fixed_bytes(32),         AbiType::simple(AbiKind::bytes), AbiType::fixed_bytes(32),
    };
    std::vector<AbiValue> values = {
        AbiValue(std::string(kPatchDigestTag)), AbiValue(uint256(in.chain_id)), AbiValue(in.target),
        AbiValue(in.route), AbiValue(word(in.old_code_hash)), AbiValue(word(in.new_code_hash)),
        AbiValue(word(in.layout_hash)), AbiValue(in.initializer), AbiValue(word(in.report_hash)),
    };
    // Every value has its type's shape by construction, so encode() cannot fail.
    auto enc = abi::encode(types, values);
    return enc.ok() ? std::move(*enc) : Bytes();
}

Bytes32 patch_digest(const PatchDigestInput& in) { return keccak256(encode_patch_digest_input(in)); }

std::vector<std::pair<std::string, std::string>> describe_patch_digest_input(const PatchDigestInput& in) {
    return {
        {"encoding", kPatchDigestTag},
        {"chain id", std::to_string(in.chain_id)},
        {"target (upgraded contract)", to_checksum(in.target)},
        {"route", in.route},
        {"old runtime code hash", to_hex(in.old_code_hash)},
        {"new runtime code hash", to_hex(in.new_code_hash)},
        {"storage layout hash", to_hex(in.layout_hash)},
        {"initializer calldata", in.initializer.empty() ? "(none)" : to_hex(in.initializer)},
        {"verification report hash", to_hex(in.report_hash)},
    };
}

nlohmann::json patch_digest_input_to_json(const PatchDigestInput& in) {
    return {
        {"chain_id", std::to_string(in.chain_id)},
        {"target", to_checksum(in.target)},
        {"route", in.route},
        {"old_code_hash", to_hex(in.old_code_hash)},
        {"new_code_hash", to_hex(in.new_code_hash)},
        {"layout_hash", to_hex(in.layout_hash)},
        {"initializer", to_hex(in.initializer)},
        {"report_hash", to_hex(in.report_hash)},
    };
}

Result<Bytes32> parse_bytes32(std::string_view hex, std::string_view what) {
    auto b = from_hex(hex);
    if (!b.ok()) return input_error(std::string(what) + ": " + b.error().message);
    if (b->size() != 32)
        return input_error(std::string(what) + ": expected 32 bytes (0x + 64 hex digits), got " +
                           std::to_string(b->size()));
    Bytes32 out{};
    std::copy(b->begin(), b->end(), out.begin());
    return out;
}

Result<PatchDigestInput> patch_digest_input_from_json(const nlohmann::json& j) {
    auto str = [&](const char* key) -> Result<std::string> {
        if (!j.is_object() || !j.contains(key) || !j[key].is_string())
            return input_error(std::string("patch digest inputs: \"") + key + "\" missing or not a string");
        return j[key].get<std::string>();
    };
    PatchDigestInput in;
    SUTURE_TRY(chain_id, str("chain_id"));
    try {
        size_t used = 0;
        in.chain_id = std::stoull(chain_id, &used);
        if (used != chain_id.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
        return input_error("patch digest inputs: chain_id \"" + chain_id + "\" is not a decimal number");
    }
    SUTURE_TRY(target, str("target"));
    SUTURE_TRY(addr, parse_address(target));
    in.target = addr;
    SUTURE_TRY(route, str("route"));
    in.route = route;
    SUTURE_TRY(old_hash, str("old_code_hash"));
    SUTURE_TRY(o, parse_bytes32(old_hash, "old_code_hash"));
    in.old_code_hash = o;
    SUTURE_TRY(new_hash, str("new_code_hash"));
    SUTURE_TRY(n, parse_bytes32(new_hash, "new_code_hash"));
    in.new_code_hash = n;
    SUTURE_TRY(layout, str("layout_hash"));
    SUTURE_TRY(l, parse_bytes32(layout, "layout_hash"));
    in.layout_hash = l;
    SUTURE_TRY(init, str("initializer"));
    SUTURE_TRY(ib, from_hex(init));
    in.initializer = std::move(ib);
    SUTURE_TRY(report, str("report_hash"));
    SUTURE_TRY(r, parse_bytes32(report, "report_hash"));
    in.report_hash = r;
    return in;
}

}  // namespace suture::ledger
