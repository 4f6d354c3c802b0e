// Storage read back through the getters both versions share: the proxy's
// storage was written by (a model of) the old version, so any getter whose
// answer changes when the proxy switches to the new code shows a variable the
// new code looks for somewhere else, or reads as another type.
#include "core/abi_decode.hpp"
#include "core/hex.hpp"
#include "solidity/ast.hpp"
#include "upgrade/executed_steps.hpp"

namespace suture::upgrade {

using solidity::str_field;

namespace {

// Public state variables of the contract's own layout, by label.
std::map<std::string, const Json*> public_variables(const Target& t) {
    std::map<std::string, const Json*> out;
    for (const auto& item : t.storage.main.items) {
        const Json* decl = t.build.node(item.ast_id);
        if (decl && str_field(*decl, "visibility") == "public" && !str_field(*decl, "functionSelector").empty())
            out.emplace(item.label, decl);
    }
    return out;
}

std::string args_text(const abi::AbiEntry& fn, const std::vector<abi::AbiValue>& args) {
    std::string s = fn.name + "(";
    for (size_t i = 0; i < args.size(); ++i)
        s += (i ? ", " : "") + abi::format_value(fn.inputs[i].type, args[i]);
    return s + ")";
}

std::string value_text(const ExecContext& cx, const abi::AbiEntry& fn, const abi::ContractAbi& abi,
                       const ScratchOutcome& r) {
    if (!r.ok()) return cx.failure_text(r, abi);
    std::vector<abi::AbiType> types;
    for (const auto& p : fn.outputs) types.push_back(p.type);
    auto values = abi::decode(types, r.output);
    if (!values.ok()) return to_hex(r.output);
    std::string s;
    for (size_t i = 0; i < values->size(); ++i) s += (i ? ", " : "") + abi::format_value(types[i], (*values)[i]);
    return s;
}

// ", the value stored in `treasury`" when the getter's one elementary answer
// after the switch is a value the old layout held in another variable (or
// elsewhere in the same one: another key, element or member).
std::string origin_text(const ExecContext& cx, const abi::AbiEntry& fn, const std::string& label,
                        const ScratchOutcome& r) {
    if (!r.ok() || fn.outputs.size() != 1) return "";
    const abi::AbiType& t = fn.outputs[0].type;
    if (t.kind != abi::AbiKind::uint_ && t.kind != abi::AbiKind::int_ && t.kind != abi::AbiKind::address &&
        t.kind != abi::AbiKind::fixed_bytes)
        return "";
    auto v = abi::decode({t}, r.output);
    if (!v.ok()) return "";
    const abi::AbiValue& x = (*v)[0];
    uint256 word;
    if (t.kind == abi::AbiKind::address) {
        word = uint256::from_be(BytesView(x.as_address().bytes.data(), x.as_address().bytes.size()));
    } else if (t.kind == abi::AbiKind::fixed_bytes) {
        word = uint256::from_be(BytesView(x.as_bytes().data(), x.as_bytes().size()));
    } else {
        word = x.as_uint();
    }
    const std::string* holder = cx.filled.holder(word);
    if (!holder) return "";
    if (*holder == label) return ", a value stored elsewhere in `" + label + "`";
    return ", the value stored in `" + *holder + "`";
}

}  // namespace

std::vector<GetterRead> shared_getters(const ExecContext& cx) {
    std::vector<GetterRead> out;
    if (!cx.old) return out;
    auto old_vars = public_variables(*cx.old);
    for (const auto& [label, decl] : public_variables(cx.t)) {
        auto o = old_vars.find(label);
        if (o == old_vars.end() || str_field(*o->second, "functionSelector") != str_field(*decl, "functionSelector"))
            continue;
        const abi::AbiEntry* fn = abi_entry_of(cx.abi, *decl);
        const abi::AbiEntry* old_fn = abi_entry_of(cx.old_abi, *o->second);
        if (!fn || !old_fn) continue;
        GetterRead g;
        g.new_decl = decl;
        g.label = label;
        g.fn = fn;
        g.old_fn = old_fn;
        g.args = sample_argument_lists(input_types(*fn), cx.samples, 16);
        out.push_back(std::move(g));
    }
    return out;
}

Status read_getters(ExecContext& cx, const Address& proxy, std::vector<GetterRead>& reads) {
    for (auto& g : reads) {
        g.results.clear();
        for (const auto& args : g.args) {
            SUTURE_TRY(r, cx.call(proxy, *g.fn, args));
            g.results.push_back(std::move(r));
        }
    }
    return {};
}

void compare_getters(ExecContext& cx, const std::vector<GetterRead>& before, const std::vector<GetterRead>& after) {
    for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
        const GetterRead& b = before[i];
        const GetterRead& a = after[i];
        for (size_t j = 0; j < b.results.size() && j < a.results.size(); ++j) {
            ++cx.report.getter_calls;
            if (b.results[j].status == a.results[j].status && b.results[j].output == a.results[j].output) continue;
            cx.report.findings.push_back(cx.finding(
                a.new_decl, Severity::error, "exec-storage-value-changed",
                "`" + a.label + "` changes value when the proxy switches to " + cx.t.contract.name + ": " +
                    args_text(*a.fn, a.args[j]) + " returned " + value_text(cx, *b.old_fn, cx.old_abi, b.results[j]) +
                    " before the upgrade and " + value_text(cx, *a.fn, cx.abi, a.results[j]) + " after" +
                    origin_text(cx, *a.fn, a.label, a.results[j]) + " (executed)",
                "Keep every existing variable at its slot, offset and type; append new variables after them"));
            break;
        }
    }
}

}  // namespace suture::upgrade
