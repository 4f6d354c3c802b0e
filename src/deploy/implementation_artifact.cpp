#include "deploy/implementation_artifact.hpp"

#include "core/abi_encode.hpp"
#include "core/abi_value.hpp"

namespace suture::deploy {

Result<ImplementationArtifact> prepare_implementation(const solidity::Contract& contract,
                                                      const LibraryAddresses& libraries,
                                                      const std::vector<std::string>& constructor_args) {
    ImplementationArtifact out;
    out.name = contract.source + ":" + contract.name;
    if (contract.bytecode.empty())
        return input_error(out.name + ": the artifact has no bytecode (an interface or abstract contract?)");
    out.abi = contract.abi;
    auto init = link_bytecode(contract.bytecode, contract.link_references, libraries);
    if (!init) return std::move(init).error().context(out.name);
    auto runtime = link_bytecode(contract.deployed_bytecode, contract.deployed_link_references, libraries);
    if (!runtime) return std::move(runtime).error().context(out.name);

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
    out.immutables = contract.immutable_references;
    return out;
}

}  // namespace suture::deploy
