#include "respond/state_checks.hpp"

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/abi_value.hpp"
#include "core/hex.hpp"
#include "respond/detector_match.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::respond {
namespace {

struct Prepared {
    abi::Signature sig;
    Bytes data;
    std::optional<ArgCondition> relation;  // over the first output
};

Result<Prepared> prepare(const InvariantSpec& spec) {
    Prepared p;
    auto sig = abi::parse_signature(spec.function);
    if (!sig) return input_error("invariant '" + spec.function + "': " + sig.error().message);
    if (sig->outputs.empty())
        return input_error("invariant '" + spec.function + "': name its outputs, e.g. totalAssets()(uint256)");
    auto args = abi::parse_values(sig->input_types(), spec.args);
    if (!args) return input_error("invariant '" + spec.function + "': args: " + args.error().message);
    auto data = abi::encode_call(*sig, *args);
    if (!data) return input_error("invariant '" + spec.function + "': " + data.error().message);
    p.data = std::move(*data);
    if (spec.relation.empty()) {
        if (sig->outputs[0].type.kind != abi::AbiKind::bool_)
            return input_error("invariant '" + spec.function + "': without a relation the first output must be bool");
    } else {
        // The relation is a condition on the outputs, read as arguments.
        abi::Signature outputs;
        outputs.name = sig->name;
        outputs.inputs = sig->outputs;
        auto c = parse_condition(outputs, "0 " + spec.relation);
        if (!c) return input_error("invariant '" + spec.function + "': relation: " + c.error().message);
        p.relation = std::move(*c);
    }
    p.sig = std::move(*sig);
    return p;
}

}  // namespace

Status check_invariant_spec(const InvariantSpec& spec) {
    SUTURE_TRY(p, prepare(spec));
    (void)p;
    return {};
}

Result<InvariantVerdict> check_invariant(upgrade::ChainView& view, const InvariantSpec& spec) {
    SUTURE_TRY(p, prepare(spec));
    SUTURE_TRY(r, view.call(spec.target, p.data));
    InvariantVerdict v;
    if (r.reverted) {
        v.holds = false;
        v.value = "reverted: " + to_hex(r.output);
        return v;
    }
    auto out = abi::decode(p.sig.output_types(), r.output);
    if (!out || out->empty()) {
        v.holds = false;
        v.value = "undecodable: " + to_hex(r.output);
        return v;
    }
    const auto& first = (*out)[0];
    v.value = abi::format_value(p.sig.outputs[0].type, first);
    v.holds = p.relation ? condition_holds(*p.relation, first) : first.as_bool();
    return v;
}

Status check_slot_name(const std::string& name) {
    if (name == "implementation" || name == "admin" || name == "beacon" || name == "owner") return {};
    auto b = from_hex(name);
    if (name.starts_with("0x") && b && b->size() <= 32) return {};
    return input_error("slot '" + name + "': expected implementation, admin, beacon, owner or a 0x slot number");
}

Result<std::vector<std::pair<std::string, Bytes32>>> read_slots(upgrade::ChainView& view, const SlotSpec& spec) {
    std::vector<std::pair<std::string, Bytes32>> out;
    for (const auto& name : spec.slots) {
        SUTURE_CHECK(check_slot_name(name));
        Bytes32 value{};
        if (name == "owner") {
            SUTURE_TRY(r, view.call(spec.target, abi::encode_call(*abi::parse_signature("owner()"), {}).value()));
            if (!r.reverted && r.output.size() >= 32) std::copy(r.output.begin(), r.output.begin() + 32, value.begin());
        } else {
            Bytes32 slot{};
            if (name == "implementation") slot = upgrade::eip1967_implementation_slot();
            else if (name == "admin") slot = upgrade::eip1967_admin_slot();
            else if (name == "beacon") slot = upgrade::eip1967_beacon_slot();
            else {
                auto b = *from_hex(name);
                std::copy(b.begin(), b.end(), slot.begin() + (32 - b.size()));
            }
            SUTURE_TRY(v, view.storage(spec.target, slot));
            value = v;
        }
        out.emplace_back(name, value);
    }
    return out;
}

}  // namespace suture::respond
