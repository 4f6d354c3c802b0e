// Safe MultiSend: several calls in one Safe transaction.
//
// The Safe delegatecalls MultiSend (or MultiSendCallOnly) with
// multiSend(bytes transactions), where `transactions` packs each call as
//   operation (uint8, 1 byte) ++ to (20 bytes) ++ value (uint256, 32 bytes)
//   ++ data length (uint256, 32 bytes) ++ data
// (safe-contracts 1.4.1, contracts/libraries/MultiSend.sol).
#pragma once

#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::deploy {

enum class SafeOperation : uint8_t { call = 0, delegate_call = 1 };

struct SafeCall {
    SafeOperation operation = SafeOperation::call;
    Address to;
    uint256 value;
    Bytes data;
};

// The packed `transactions` argument.
Bytes pack_multisend(const std::vector<SafeCall>& calls);

// Splits a packed `transactions` argument back into calls; errors name the
// byte offset of a truncated entry or an operation other than 0/1.
Result<std::vector<SafeCall>> unpack_multisend(BytesView packed);

}  // namespace suture::deploy
