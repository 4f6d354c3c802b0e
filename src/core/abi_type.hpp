// Solidity ABI types and signatures (Solidity docs, "Contract ABI Specification").
//
// A type is parsed from its textual form ("uint256", "(address,bytes)[]",
// "string[2]") and prints back in canonical form, the form selectors hash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace suture::abi {

enum class AbiKind {
    uint_,        // uintN, 8 <= N <= 256, N % 8 == 0
    int_,         // intN (two's complement)
    address,
    bool_,
    fixed_bytes,  // bytesN, 1 <= N <= 32
    function,     // address + selector, encoded as bytes24
    bytes,        // dynamic
    string,       // dynamic, UTF-8
    array,        // T[] (dynamic)
    fixed_array,  // T[k], k >= 1
    tuple,        // (T1,...,Tn)
};

struct AbiType {
    AbiKind kind = AbiKind::uint_;
    unsigned size = 256;               // uintN/intN: N bits; fixed_bytes: N bytes
    size_t length = 0;                 // fixed_array: k
    std::vector<AbiType> components;   // array, fixed_array: {element}; tuple: members
    std::vector<std::string> names;    // tuple member names when known (JSON ABI), else empty

    // "uint256", "(uint256,bytes)[]": the form hashed into selectors.
    std::string canonical() const;
    // Dynamic types are encoded out of place, behind an offset (spec: bytes,
    // string, T[], and T[k] / tuples containing a dynamic type).
    bool is_dynamic() const;
    // Bytes the type takes in its enclosing head: 32 for a dynamic type,
    // otherwise its whole static encoding.
    size_t head_size() const;
    const AbiType& element() const { return components.front(); }

    static AbiType uint(unsigned bits = 256) { return {AbiKind::uint_, bits, 0, {}, {}}; }
    static AbiType int_(unsigned bits = 256) { return {AbiKind::int_, bits, 0, {}, {}}; }
    static AbiType simple(AbiKind k) { return {k, 0, 0, {}, {}}; }
    static AbiType fixed_bytes(unsigned n) { return {AbiKind::fixed_bytes, n, 0, {}, {}}; }
    static AbiType array_of(AbiType e) { return {AbiKind::array, 0, 0, {std::move(e)}, {}}; }
    static AbiType fixed_array_of(AbiType e, size_t k) { return {AbiKind::fixed_array, 0, k, {std::move(e)}, {}}; }
    static AbiType tuple_of(std::vector<AbiType> members) { return {AbiKind::tuple, 0, 0, std::move(members), {}}; }

    bool operator==(const AbiType& o) const { return canonical() == o.canonical(); }
};

// Largest static encoding a type may have; bigger fixed arrays are rejected
// when parsed (they could never be backed by real call data).
inline constexpr size_t kMaxStaticSize = size_t{1} << 32;
// Deepest nesting of arrays and tuples accepted.
inline constexpr size_t kMaxTypeDepth = 64;

// Parses one type. Accepts the aliases uint = uint256, int = int256, byte = bytes1,
// and "tuple(...)" as well as "(...)".
Result<AbiType> parse_type(std::string_view text);

// A parameter as written in a human-readable signature or a JSON ABI entry.
struct Param {
    std::string name;
    AbiType type;
    bool indexed = false;  // events only
};

// "transfer(address,uint256)", or human-readable forms such as
// "function transfer(address to, uint256 amount) returns (bool)",
// "event Transfer(address indexed from, address indexed to, uint256 value)",
// "balanceOf(address)(uint256)" (outputs after the inputs, as cast writes them).
struct Signature {
    std::string name;
    std::vector<Param> inputs;
    std::vector<Param> outputs;

    // "name(type1,type2)": the text hashed into a selector or event topic.
    std::string canonical() const;
    std::vector<AbiType> input_types() const;
    std::vector<AbiType> output_types() const;
};

Result<Signature> parse_signature(std::string_view text);

// "(t1,t2,...)" of a parameter list.
std::string canonical_list(const std::vector<AbiType>& types);

}  // namespace suture::abi
