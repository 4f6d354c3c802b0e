// The metadata trailer solc appends to runtime code.
//
// solc ends runtime code with a CBOR map ({"ipfs": <34-byte multihash>,
// "solc": <3-byte version>} by default; "bzzr0"/"bzzr1" Swarm hashes in older
// versions, "experimental": true for experimental features) followed by the
// map's length as two big-endian bytes (Solidity docs, "Encoding of the
// Metadata Hash in the Bytecode"). The hash covers the sources and settings,
// so two builds of the same code from differently commented or placed sources
// differ only there; it says nothing about behaviour.
//
// A trailer is recognised only when the whole declared range decodes as one
// well-formed CBOR map with text keys: two arbitrary final bytes of code
// without metadata (`bytecodeHash: none` with `appendCBOR: false`) must not
// be mistaken for one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/bytes.hpp"

namespace suture::upgrade {

struct CodeMetadata {
    size_t length = 0;      // the trailer's bytes, CBOR map plus its 2-byte length
    std::string hash_kind;  // "ipfs", "bzzr1", "bzzr0", or "" when the map holds no hash
    Bytes hash;             // the value of that key
    std::string solc;       // "0.8.28" (3-byte form) or the text form of prereleases; "" when absent
    bool experimental = false;
};

// The trailer of `code`, or nullopt when `code` does not end in one.
std::optional<CodeMetadata> parse_code_metadata(BytesView code);

// The trailer's length (CBOR plus the 2 length bytes), 0 when there is none.
size_t metadata_length(BytesView code);

}  // namespace suture::upgrade
