// EIP-191 signed messages (version 0x45, what wallets call personal_sign).
#pragma once

#include "chain/keys.hpp"
#include "core/bytes.hpp"

namespace suture::chain {

// keccak256("\x19Ethereum Signed Message:\n" ++ decimal length ++ message).
Bytes32 personal_message_hash(BytesView message);

Signature sign_personal_message(const SecretKey& key, BytesView message);

// The address that signed `message` with `sig`.
Result<Address> recover_personal_signer(BytesView message, const Signature& sig);

}  // namespace suture::chain
