#include "pipeline/patch_code.hpp"

#include "core/abi_encode.hpp"
#include "core/keccak.hpp"

namespace suture::pipeline {
namespace {

Result<std::pair<solidity::BuildSet, std::string>> load_named_build(const Manifest& m, const ContractRef& ref,
                                                                    const char* key) {
    const BuildConfig* b = m.build(ref.build);
    if (!b) return input_error(m.path + ": patch." + key + ": no build '" + ref.build + "'");
    solidity::LoadOptions opt;
    opt.format = load_format(b->format);
    auto set = solidity::load_build(b->path, opt);
    if (!set) return std::move(set).error().context(m.path + ": builds." + b->name);
    return std::pair{std::move(*set), b->path};
}

Result<solidity::ContractRef> find(const Manifest& m, const solidity::BuildSet& set, const ContractRef& ref,
                                   const char* key) {
    auto c = solidity::find_contract(set, ref.contract);
    if (!c) return std::move(c).error().context(m.path + ": patch." + key + ".contract");
    return *c;
}

Result<solidity::ContractStorage> storage_of(const Manifest& m, const solidity::ContractRef& c, const char* key) {
    auto s = solidity::load_storage(*c.build, *c.contract);
    if (!s) return std::move(s).error().context(m.path + ": patch." + key + " (" + c.contract->name + ")");
    return std::move(*s);
}

void layout_lines(const solidity::ContractStorage& s, const solidity::StorageLayout& l, std::string& out) {
    for (const auto& item : l.items) {
        const solidity::StorageType* t = s.type(item.type);
        out += l.ns + "|" + item.slot.hex() + "|" + std::to_string(item.offset) + "|" + item.label + "|" +
               (t ? t->label + "|" + t->bytes.decimal() : item.type + "|?") + "\n";
    }
}

}  // namespace

solidity::LoadFormat load_format(const std::string& f) {
    if (f == "foundry") return solidity::LoadFormat::foundry_artifacts;
    if (f == "hardhat") return solidity::LoadFormat::build_info;
    if (f == "solc") return solidity::LoadFormat::solc;
    return solidity::LoadFormat::automatic;
}

Bytes32 storage_layout_hash(const solidity::ContractStorage& s) {
    std::string text;
    layout_lines(s, s.main, text);
    for (const auto& ns : s.namespaces) layout_lines(s, ns, text);
    return keccak256(text);
}

Bytes32 artifact_hash(const solidity::Contract& c) { return keccak256(c.bytecode + ":" + c.deployed_bytecode); }

Result<PatchCode> load_patch_code(const Manifest& m) {
    PatchCode p;
    SUTURE_TRY(old_b, load_named_build(m, m.patch.old_contract, "old"));
    p.old_set = std::move(old_b.first);
    p.old_build_path = old_b.second;
    SUTURE_TRY(new_b, load_named_build(m, m.patch.new_contract, "new"));
    p.new_set = std::move(new_b.first);
    p.new_build_path = new_b.second;
    SUTURE_TRY(old_ref, find(m, p.old_set, m.patch.old_contract, "old"));
    SUTURE_TRY(new_ref, find(m, p.new_set, m.patch.new_contract, "new"));
    p.old_ref = old_ref;
    p.new_ref = new_ref;
    if (auto s = solidity::require_analysis_data(*old_ref.build, *old_ref.contract); !s.ok())
        return std::move(s).error().context(m.path + ": patch.old");
    if (auto s = solidity::require_analysis_data(*new_ref.build, *new_ref.contract); !s.ok())
        return std::move(s).error().context(m.path + ": patch.new");
    SUTURE_TRY(old_storage, storage_of(m, old_ref, "old"));
    SUTURE_TRY(new_storage, storage_of(m, new_ref, "new"));
    p.old_storage = std::move(old_storage);
    p.new_storage = std::move(new_storage);
    auto impl = deploy::prepare_implementation(*new_ref.contract, {}, {});
    if (!impl) return std::move(impl).error().context(m.path + ": patch.new");
    p.new_impl = std::move(*impl);
    p.new_runtime_hash = keccak256(p.new_impl.runtime);
    p.layout_hash = storage_layout_hash(p.new_storage);
    p.old_artifact_hash = artifact_hash(*old_ref.contract);
    p.new_artifact_hash = artifact_hash(*new_ref.contract);
    if (const auto& init = m.deploy.initializer) {
        auto sig = abi::parse_signature(init->function);
        if (!sig) return std::move(sig).error().context(m.path + ": deploy.initializer.function");
        auto values = abi::parse_values(sig->input_types(), init->args);
        if (!values) return std::move(values).error().context(m.path + ": deploy.initializer.args");
        auto data = abi::encode_call(*sig, *values);
        if (!data) return std::move(data).error().context(m.path + ": deploy.initializer");
        p.initializer = std::move(*data);
    }
    return p;
}

}  // namespace suture::pipeline
