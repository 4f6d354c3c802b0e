// Library linking of compiled bytecode.
//
// solc leaves a 40-hex-digit placeholder "__$<34 hex digits>$__" wherever code
// calls an external library function, and lists the positions in
// `linkReferences` ({file: {library: [{start, length}]}}, byte offsets; the
// same shape in solc standard-JSON output, Hardhat and Foundry artifacts).
// Deploying such code needs each library's address written into those bytes.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "solidity/code_references.hpp"

namespace suture::deploy {

// Read with the artifact (solidity/code_references.hpp).
using solidity::LinkReference;
using solidity::parse_link_references;

// Libraries by "file:Name" or, when no other library has that name, by "Name".
using LibraryAddresses = std::map<std::string, Address>;

// Decodes `object_hex` (the artifact's bytecode "object", with or without 0x)
// writing each referenced library's address. Refuses, naming the library
// ("needs library Box.sol:Tripler"), when an address is missing, and refuses
// code that still holds a placeholder no reference explains.
Result<Bytes> link_bytecode(std::string_view object_hex, const std::vector<LinkReference>& refs,
                            const LibraryAddresses& libraries);

}  // namespace suture::deploy
