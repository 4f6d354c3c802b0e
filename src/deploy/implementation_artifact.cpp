#include "deploy/implementation_artifact.hpp"

#include <nlohmann/json.hpp>

#include "core/abi_encode.hpp"
#include "core/abi_value.hpp"

namespace suture::deploy {

Result<ImplementationArtifact> prepare_implementation(const solidity::Contract& contract,
                                                      const LibraryAddresses& libraries,
                                                      const std::vector<std::string>& constructor_args) {
    ImplementationArtifact out;
    out.name = contract.source + ":" + contract.name;
    auto where = [&](std::string_view what) { return out.name + " " + std::string(what); };
    if (contract.bytecode.empty())
        return input_error(out.name + ": the artifact has no bytecode (an interface or abstract contract?)");
    if (contract.abi) {
        auto parsed = abi::parse_abi(*contract.abi);
        if (!parsed) return std::move(parsed).error().context(where("abi"));
        out.abi = std::move(*parsed);
    }
    static const solidity::Json kNone;
    SUTURE_TRY(links, parse_link_references(contract.link_references ? *contract.link_references : kNone,
                                            where("bytecode")));
    auto init = link_bytecode(contract.bytecode, links, libraries);
    if (!init) return std::move(init).error().context(out.name);
    SUTURE_TRY(runtime_links,
               parse_link_references(contract.deployed_link_references ? *contract.deployed_link_references : kNone,
                                     where("deployedBytecode")));
    auto runtime = link_bytecode(contract.deployed_bytecode, runtime_links, libraries);
    if (!runtime) return std::move(runtime).error().context(out.name);
    SUTURE_TRY(imm, parse_immutable_references(
                        contract.immutable_references ? *contract.immutable_references : kNone, where("deployedBytecode")));

    std::vector<abi::AbiType> types;
    if (const auto* ctor = out.abi.constructor())
        for (const auto& p : ctor->inputs) types.push_back(p.type);
    if (types.size() != constructor_args.size())
        return input_error(out.name + ": the constructor takes " + std::to_string(types.size()) + " argument(s), " +
                           std::to_string(constructor_args.size()) + " given");
    auto values = abi::parse_values(types, constructor_args);
    if (!values) return std::move(values).error().context(out.name + " constructor");
    SUTURE_TRY(args, abi::encode(types, *values));
    out.init_code = std::move(*init);
    out.init_code.insert(out.init_code.end(), args.begin(), args.end());
    out.runtime = std::move(*runtime);
    out.immutables = std::move(imm);
    return out;
}

}  // namespace suture::deploy
