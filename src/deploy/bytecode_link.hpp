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
#include "solidity/json_ref.hpp"

namespace suture::deploy {

struct LinkReference {
    std::string file;     // source unit, e.g. "contracts/Math.sol"
    std::string library;  // library name, e.g. "Math"
    size_t start = 0;     // byte offset into the code
    size_t length = 20;   // always 20 (an address)

    std::string qualified() const { return file + ":" + library; }
};

// Parses a `linkReferences` object; errors name `where` and the bad entry.
Result<std::vector<LinkReference>> parse_link_references(const solidity::Json& j, std::string_view where);

// Libraries by "file:Name" or, when no other library has that name, by "Name".
using LibraryAddresses = std::map<std::string, Address>;

// Decodes `object_hex` (the artifact's bytecode "object", with or without 0x)
// writing each referenced library's address. Refuses, naming the library
// ("needs library Box.sol:Tripler"), when an address is missing, and refuses
// code that still holds a placeholder no reference explains.
Result<Bytes> link_bytecode(std::string_view object_hex, const std::vector<LinkReference>& refs,
                            const LibraryAddresses& libraries);

}  // namespace suture::deploy
