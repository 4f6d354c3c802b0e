// Decoding of revert data: Error(string), Panic(uint256), custom errors.
#pragma once

#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/abi_value.hpp"

namespace suture::abi {

struct Revert {
    enum class Kind {
        empty,         // revert() / require(false) without a message, or out of gas
        error_string,  // Error(string): require(cond, "message"), revert("message")
        panic,         // Panic(uint256): assert, overflow, division by zero, ...
        custom,        // an error declared in the given ABI
        unknown,       // a selector the ABI does not declare, or no ABI given
    };
    Kind kind = Kind::empty;
    std::string message;      // error_string: the message
    uint256 panic_code;       // panic: the code
    const AbiEntry* error = nullptr;  // custom: the ABI entry (points into the ContractAbi)
    std::vector<AbiValue> args;       // custom: the decoded arguments
    // One line for a human, e.g. `Error("not owner")`,
    // `Panic(0x11): arithmetic overflow or underflow`, `Unauthorized(0x..., 3)`.
    std::string description;
};

// What a Panic code means (Solidity docs, "Panic via assert and Error via
// require"), or nullptr for a code Solidity does not define.
const char* panic_reason(const uint256& code);

// Decodes revert data. Custom errors are looked up in `abi` when given.
// Data that carries the Error/Panic/custom selector but a malformed body is
// an error; data with an unknown selector decodes as Kind::unknown.
Result<Revert> decode_revert(BytesView data, const ContractAbi* abi = nullptr);

}  // namespace suture::abi
