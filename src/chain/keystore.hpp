// Web3 Secret Storage v3 keystore files (the format geth, clef and foundry write).
//
// Supported: kdf "scrypt" and "pbkdf2" (prf "hmac-sha256"), cipher
// "aes-128-ctr". The MAC keccak256(derived_key[16..32] ++ ciphertext) is
// checked before decrypting: a mismatch means a wrong password (or a
// damaged file) and is reported as exactly that. Errors name the JSON field
// that was missing or malformed, never the password or key bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/keys.hpp"
#include "core/result.hpp"

namespace suture::chain {

// Decrypts a parsed keystore object. KDF parameters are bounded (scrypt
// memory <= 1 GiB and n * r * p <= 2^26, pbkdf2 iterations <= 10^7) so a hostile file cannot make
// us allocate or spin without limit.
Result<SecretKey> decrypt_keystore(const nlohmann::json& keystore, std::string_view password);

// Reads and decrypts a keystore file; errors are prefixed with the path.
Result<SecretKey> load_keystore_file(const std::string& path, std::string_view password);

struct KeystoreParams {
    enum class Kdf { scrypt, pbkdf2 } kdf = Kdf::scrypt;
    uint64_t scrypt_n = 262144;  // geth's "standard" cost
    uint32_t scrypt_r = 8;
    uint32_t scrypt_p = 1;
    uint32_t pbkdf2_iterations = 262144;
};

// Encrypts `key` into a new keystore object with a random salt, IV and id.
Result<nlohmann::json> encrypt_keystore(const SecretKey& key, std::string_view password,
                                        const KeystoreParams& params = {});

}  // namespace suture::chain
