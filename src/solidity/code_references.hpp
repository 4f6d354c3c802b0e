// The positions compiled code leaves to be filled at deployment, as typed lists:
// library link references (`linkReferences`) and immutable references
// (`immutableReferences`), read once when an artifact is loaded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "solidity/json_ref.hpp"

namespace suture::solidity {

// solc leaves a 40-hex-digit placeholder "__$<34 hex digits>$__" wherever code
// calls an external library function and lists its positions as
// {file: {library: [{start, length}]}} (byte offsets).
struct LinkReference {
    std::string file;     // source unit, e.g. "contracts/Math.sol"
    std::string library;  // library name, e.g. "Math"
    size_t start = 0;     // byte offset into the code
    size_t length = 20;   // always 20 (an address)

    std::string qualified() const { return file + ":" + library; }
};

// An immutable's value is written into the runtime code by the constructor,
// at the positions {astId: [{start, length}]}.
struct ImmutableReference {
    std::string id;  // solc's AST id of the immutable variable
    size_t start = 0;
    size_t length = 32;
};

// Parses a `linkReferences` object (null: none); errors name `where` and the bad entry.
Result<std::vector<LinkReference>> parse_link_references(const Json& j, std::string_view where);

// Parses an `immutableReferences` object (null: none); errors name `where`.
Result<std::vector<ImmutableReference>> parse_immutable_references(const Json& j, std::string_view where);

}  // namespace suture::solidity
