// Does code on chain equal the runtime code a build artifact promises?
//
// Parts of deployed runtime code legitimately differ from the artifact's
// deployedBytecode:
// - the CBOR metadata trailer (code_metadata.hpp): it hashes sources and
//   settings and says nothing about behaviour; compared separately;
// - immutables, which the constructor writes into the code at deployment.
//   The artifact lists each one's positions (`immutableReferences`:
//   {astId: [{start, length}]}); those bytes are taken from the chain after
//   checking that every position of one immutable holds the same value there;
// - library link placeholders (`__$<34 hex>$__`) in unlinked artifacts: any
//   address is accepted there;
// - a library's call protection: solc >= 0.4.20 starts library runtime code
//   with PUSH20 <the library's own address>, zero in the artifact.
//
// Used by deployment verification (deploy/) and by `suture check` to find
// which contract of a build a live address runs (deployed_match.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "solidity/code_references.hpp"

namespace suture::upgrade {

// Read with the artifact (solidity/code_references.hpp).
using solidity::ImmutableReference;
using solidity::parse_immutable_references;

// An artifact's runtime code with the parts that deployment fills in made explicit.
struct ExpectedCode {
    Bytes code;                                // link placeholders decoded as zero bytes
    std::vector<ImmutableReference> immutables;
    std::vector<size_t> unlinked;              // offsets of 20-byte library placeholders: any address matches
    // Library call protection (PUSH20 at byte 0): the address the chain must
    // hold there, or, with `any_library_address`, whatever it holds.
    std::optional<Address> library_address;
    bool any_library_address = false;
};

// Decodes an artifact's runtime code hex (with or without 0x) whose library
// placeholders (40 hex digits starting with "__") become zero bytes listed in
// `unlinked`; code starting with a library's call protection accepts any
// address there. Errors name `where`.
Result<ExpectedCode> decode_runtime_code(std::string_view hex, std::string_view where);

struct CodeMatch {
    bool equal = false;                      // the code without metadata matches
    bool metadata_present = false;           // both sides end in a metadata trailer
    bool metadata_differs = false;           // informational when equal
    std::optional<size_t> first_difference;  // byte offset when not equal
    size_t chain_size = 0, artifact_size = 0;  // code sizes without metadata
    size_t common_prefix = 0, common_suffix = 0;  // equal bytes at each end (for ranking near misses)
    std::string detail;                      // why not equal, for a human
};

CodeMatch compare_runtime_code(BytesView onchain, const ExpectedCode& expected);

// Compares with an already linked artifact. `library_address` is set when the
// artifact is a library deployed at that address (its call protection).
CodeMatch compare_runtime_code(BytesView onchain, BytesView artifact, const std::vector<ImmutableReference>& immutables,
                               const std::optional<Address>& library_address = std::nullopt);

}  // namespace suture::upgrade
