// Does the code on chain equal the code a build artifact promises?
//
// Two parts of runtime code legitimately differ from the artifact's
// deployedBytecode: the CBOR metadata solc appends (it hashes the sources and
// settings, and says nothing about behaviour), and the immutables, which the
// constructor writes into the code at deployment. The artifact lists each
// immutable's positions (`immutableReferences`: {astId: [{start, length}]});
// the comparison takes those bytes from the chain, after checking that every
// position of one immutable holds the same value there.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::deploy {

struct ImmutableReference {
    std::string id;  // solc's AST id of the immutable variable
    size_t start = 0;
    size_t length = 32;
};

Result<std::vector<ImmutableReference>> parse_immutable_references(const nlohmann::json& j, std::string_view where);

// The length of the trailing CBOR metadata section including its 2-byte
// length suffix, or 0 when the code does not end in one (solc: the last two
// bytes are the big-endian CBOR length; the CBOR is a map).
size_t metadata_length(BytesView code);

struct CodeMatch {
    bool equal = false;
    bool metadata_differs = false;        // informational when equal
    std::optional<size_t> first_difference;  // byte offset when not equal
    std::string detail;                   // why not equal, for a human
};

// Compares `onchain` runtime code with the artifact's (linked) runtime code.
// `library_address` is set when the artifact is a library: solc then starts
// the runtime with PUSH20 <zero address>, which deployment replaces by the
// library's own address (call protection).
CodeMatch compare_runtime_code(BytesView onchain, BytesView artifact, const std::vector<ImmutableReference>& immutables,
                               const std::optional<Address>& library_address = std::nullopt);

}  // namespace suture::deploy
