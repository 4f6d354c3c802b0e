// EIP-191 version 0x45 messages (message_signing.hpp).
#include "chain/message_signing.hpp"

#include <string>

#include "core/keccak.hpp"

namespace suture::chain {

Bytes32 personal_message_hash(BytesView message) {
    std::string prefix = "\x19" "Ethereum Signed Message:\n" + std::to_string(message.size());
    Bytes buf(prefix.begin(), prefix.end());
    buf.insert(buf.end(), message.begin(), message.end());
    return keccak256(buf);
}

Signature sign_personal_message(const SecretKey& key, BytesView message) {
    return key.sign_hash(personal_message_hash(message));
}

Result<Address> recover_personal_signer(BytesView message, const Signature& sig) {
    return recover_address(personal_message_hash(message), sig);
}

}  // namespace suture::chain
