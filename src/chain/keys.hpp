// Secret keys and secp256k1 signatures.
//
// A SecretKey holds 32 secret bytes in its own memory page, locked in RAM when
// the system allows it, excluded from core dumps (MADV_DONTDUMP) and zeroed
// when the key is destroyed. It has no operator<<, no to_string and no
// accessor that copies the bytes into a std::string; debug_string() shows
// only the address. Error messages about a key never contain its bytes.
//
// Signing is deterministic (RFC 6979, libsecp256k1) and always yields a
// low-s signature (EIP-2) with its recovery id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::chain {

struct Signature {
    Bytes32 r{};
    Bytes32 s{};
    uint8_t recovery_id = 0;  // 0 or 1: parity of the ephemeral point's y (y_parity)

    bool operator==(const Signature&) const = default;
    // 65 bytes r ++ s ++ v with v = 27 + recovery_id (the personal_sign / EIP-712 layout).
    Bytes to_rsv65() const;
    // Accepts v as 0/1 or 27/28.
    static Result<Signature> from_rsv65(BytesView sig65);
};

class SecretKey {
public:
    // 32 bytes, a valid secp256k1 scalar (0 < k < n). The error never shows the bytes.
    static Result<SecretKey> from_bytes(BytesView b);
    // 64 hex digits with an optional 0x prefix; surrounding whitespace is ignored.
    static Result<SecretKey> from_hex(std::string_view hex);
    // The hex key in environment variable `var` (names the variable on error).
    static Result<SecretKey> from_env(const char* var);
    // A file holding the hex key (a trailing newline is fine). Refuses files
    // readable by group/others, since a key file must be private (mode 0600).
    static Result<SecretKey> from_file(const std::string& path);
    // A fresh random key (OpenSSL RAND_bytes).
    static Result<SecretKey> generate();

    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey();  // zeroes and releases the page

    const Address& address() const { return address_; }
    // 65-byte uncompressed public key (0x04 ++ X ++ Y).
    Bytes public_key() const;
    // Signs a 32-byte digest (not a message: hash it first).
    Signature sign_hash(const Bytes32& digest) const;
    // "SecretKey(0xAbC...; redacted)": safe for logs.
    std::string debug_string() const;

    // The raw 32 bytes, for the keystore writer only. The view dies with the key;
    // never copy it into a string, a log or an error.
    BytesView reveal_for_keystore() const;

private:
    SecretKey() = default;
    uint8_t* bytes_ = nullptr;  // 32 bytes at the start of a private mmap page
    Address address_;
};

// The address of a public key: the low 20 bytes of keccak256(X ++ Y).
// Accepts 65-byte uncompressed (0x04 prefix) or 64-byte raw X ++ Y keys.
Result<Address> address_from_public_key(BytesView pubkey);

// The signer's address of `digest`. Errors for an invalid signature (r or s
// zero or >= n, recovery id > 1, no point). High s is accepted here; callers
// that enforce EIP-2 check is_low_s first.
Result<Address> recover_address(const Bytes32& digest, const Signature& sig);

// EIP-2 (Homestead): s <= secp256k1n / 2.
bool is_low_s(const Bytes32& s);
// 0 < v < secp256k1n for v = r or s.
bool is_valid_scalar(const Bytes32& v);

}  // namespace suture::chain
