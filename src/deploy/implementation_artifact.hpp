// The new implementation as deployable code: linked creation code with its
// constructor arguments, and the runtime code post-deploy verification expects.
#pragma once

#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "deploy/bytecode_compare.hpp"
#include "deploy/bytecode_link.hpp"
#include "solidity/build.hpp"

namespace suture::deploy {

struct ImplementationArtifact {
    std::string name;                              // "Box.sol:BoxV2"
    Bytes init_code;                               // linked creation code ++ abi.encode(constructor args)
    Bytes runtime;                                 // linked deployed bytecode
    std::vector<ImmutableReference> immutables;    // positions in `runtime`
    abi::ContractAbi abi;
};

// Links `contract` with `libraries` and encodes `constructor_args` (command-line
// text, one per constructor input, as abi::parse_value reads them). Errors name
// the contract and the missing library / bad argument.
Result<ImplementationArtifact> prepare_implementation(const solidity::Contract& contract,
                                                      const LibraryAddresses& libraries,
                                                      const std::vector<std::string>& constructor_args);

}  // namespace suture::deploy
