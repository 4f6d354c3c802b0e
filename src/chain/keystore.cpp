// Web3 Secret Storage v3: key derivation, MAC check, AES-128-CTR (keystore.hpp).
#include "chain/keystore.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <fstream>

#include "chain/scrypt.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

constexpr uint64_t kMaxScryptMemory = 1ULL << 30;  // 1 GiB
constexpr uint64_t kMaxScryptWork = 1ULL << 26;
constexpr uint64_t kMaxPbkdf2Iterations = 10'000'000;

// A derived key that wipes itself.
struct DerivedKey {
    uint8_t bytes[64] = {0};
    size_t size = 0;
    ~DerivedKey() { OPENSSL_cleanse(bytes, sizeof bytes); }
};

Result<const json*> field(const json& obj, std::string_view path, std::string_view key) {
    if (!obj.is_object()) return input_error("keystore: " + std::string(path) + " must be an object");
    auto it = obj.find(key);
    if (it == obj.end()) return input_error("keystore: missing field " + std::string(path) + "." + std::string(key));
    return &*it;
}

Result<Bytes> hex_field(const json& obj, std::string_view path, std::string_view key) {
    SUTURE_TRY(v, field(obj, path, key));
    if (!v->is_string()) return input_error("keystore: " + std::string(path) + "." + std::string(key) + " must be a hex string");
    auto b = from_hex(v->get<std::string>());
    if (!b.ok()) return input_error("keystore: " + std::string(path) + "." + std::string(key) + ": " + b.error().message);
    return std::move(*b);
}

Result<uint64_t> uint_field(const json& obj, std::string_view path, std::string_view key) {
    SUTURE_TRY(v, field(obj, path, key));
    if (!v->is_number_integer() || v->get<int64_t>() <= 0) return input_error("keystore: " + std::string(path) + "." + std::string(key) + " must be a positive integer");
    return v->get<uint64_t>();
}

Status derive_scrypt(const json& kp, std::string_view password, DerivedKey& dk) {
    SUTURE_TRY(n, uint_field(kp, "crypto.kdfparams", "n"));
    SUTURE_TRY(r, uint_field(kp, "crypto.kdfparams", "r"));
    SUTURE_TRY(p, uint_field(kp, "crypto.kdfparams", "p"));
    SUTURE_TRY(salt, hex_field(kp, "crypto.kdfparams", "salt"));
    if (n < 2 || (n & (n - 1)) != 0) return input_error("keystore: scrypt n must be a power of two > 1");
    if (r == 0 || p == 0 || r > 1024 || p > 1024) return input_error("keystore: scrypt r and p must be in 1..1024");
    // scrypt needs about 128 * r * (n + p) bytes (RFC 7914).
    if (n > kMaxScryptMemory / (128 * r)) return input_error("keystore: scrypt parameters need more than 1 GiB of memory");
    // Time grows with n * r * p: bound it too (geth's strongest setting is 2^18 * 8 * 1 = 2^21).
    if (n * r * p > kMaxScryptWork) return input_error("keystore: scrypt parameters n * r * p exceed 2^26 (too costly)");
    auto st = scrypt(password, salt, n, static_cast<uint32_t>(r), static_cast<uint32_t>(p), std::span(dk.bytes, dk.size));
    if (!st.ok()) return std::move(st).error().context("keystore");
    return {};
}

Status derive_pbkdf2(const json& kp, std::string_view password, DerivedKey& dk) {
    SUTURE_TRY(c, uint_field(kp, "crypto.kdfparams", "c"));
    SUTURE_TRY(salt, hex_field(kp, "crypto.kdfparams", "salt"));
    SUTURE_TRY(prf, field(kp, "crypto.kdfparams", "prf"));
    if (!prf->is_string() || prf->get<std::string>() != "hmac-sha256")
        return unsupported_error("keystore: pbkdf2 prf " + prf->dump() + " is not supported (only hmac-sha256)");
    if (c == 0 || c > kMaxPbkdf2Iterations) return input_error("keystore: pbkdf2 c must be in 1..10000000");
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                          static_cast<int>(c), EVP_sha256(), static_cast<int>(dk.size), dk.bytes) != 1)
        return internal_error("keystore: OpenSSL PBKDF2 failed");
    return {};
}

// AES-128-CTR is its own inverse: one function encrypts and decrypts.
Status aes128_ctr(const uint8_t key[16], BytesView iv, BytesView in, uint8_t* out) {
    if (iv.size() != 16) return input_error("keystore: crypto.cipherparams.iv must be 16 bytes");
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0, fin = 0;
    bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), nullptr, key, iv.data()) == 1 &&
              EVP_EncryptUpdate(ctx, out, &len, in.data(), static_cast<int>(in.size())) == 1 &&
              EVP_EncryptFinal_ex(ctx, out + len, &fin) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) return internal_error("keystore: OpenSSL AES-128-CTR failed");
    return {};
}

Bytes32 keystore_mac(const DerivedKey& dk, BytesView ciphertext) {
    Bytes buf(dk.bytes + 16, dk.bytes + 32);
    buf.insert(buf.end(), ciphertext.begin(), ciphertext.end());
    Bytes32 mac = keccak256(buf);
    OPENSSL_cleanse(buf.data(), buf.size());
    return mac;
}

std::string random_uuid_v4() {
    uint8_t u[16];
    if (RAND_bytes(u, sizeof u) != 1) std::fill(std::begin(u), std::end(u), 0);
    u[6] = static_cast<uint8_t>((u[6] & 0x0f) | 0x40);  // RFC 4122 version 4
    u[8] = static_cast<uint8_t>((u[8] & 0x3f) | 0x80);  // variant 10
    std::string h = to_hex(BytesView(u, 16), false);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

}  // namespace

Result<SecretKey> decrypt_keystore(const json& ks, std::string_view password) {
    if (ks.is_object() && ks.contains("version") && ks["version"] != json(3))
        return unsupported_error("keystore: version " + ks["version"].dump() + " is not supported (only 3)");
    // Some writers use "Crypto" (geth before 1.4).
    const char* crypto_key = ks.is_object() && ks.contains("Crypto") && !ks.contains("crypto") ? "Crypto" : "crypto";
    SUTURE_TRY(crypto, field(ks, "keystore", crypto_key));
    SUTURE_TRY(cipher, field(*crypto, "crypto", "cipher"));
    if (!cipher->is_string() || cipher->get<std::string>() != "aes-128-ctr")
        return unsupported_error("keystore: cipher " + cipher->dump() + " is not supported (only aes-128-ctr)");
    SUTURE_TRY(cipherparams, field(*crypto, "crypto", "cipherparams"));
    SUTURE_TRY(iv, hex_field(*cipherparams, "crypto.cipherparams", "iv"));
    SUTURE_TRY(ciphertext, hex_field(*crypto, "crypto", "ciphertext"));
    SUTURE_TRY(mac, hex_field(*crypto, "crypto", "mac"));
    SUTURE_TRY(kdf, field(*crypto, "crypto", "kdf"));
    SUTURE_TRY(kdfparams, field(*crypto, "crypto", "kdfparams"));
    SUTURE_TRY(dklen, uint_field(*kdfparams, "crypto.kdfparams", "dklen"));
    if (dklen < 32 || dklen > 64) return input_error("keystore: crypto.kdfparams.dklen must be in 32..64");
    if (ciphertext.size() != 32) return input_error("keystore: crypto.ciphertext must be 32 bytes (a secp256k1 key)");
    if (mac.size() != 32) return input_error("keystore: crypto.mac must be 32 bytes");

    DerivedKey dk;
    dk.size = dklen;
    const std::string kdf_name = kdf->is_string() ? kdf->get<std::string>() : kdf->dump();
    if (kdf_name == "scrypt") SUTURE_CHECK(derive_scrypt(*kdfparams, password, dk));
    else if (kdf_name == "pbkdf2") SUTURE_CHECK(derive_pbkdf2(*kdfparams, password, dk));
    else return unsupported_error("keystore: kdf \"" + kdf_name + "\" is not supported (scrypt, pbkdf2)");

    Bytes32 expected = keystore_mac(dk, ciphertext);
    if (CRYPTO_memcmp(expected.data(), mac.data(), 32) != 0)
        return input_error("keystore: MAC mismatch: wrong password (or a damaged keystore file)");
    uint8_t plain[32];
    SUTURE_CHECK(aes128_ctr(dk.bytes, iv, ciphertext, plain));
    auto key = SecretKey::from_bytes(BytesView(plain, 32));
    OPENSSL_cleanse(plain, sizeof plain);
    if (!key.ok()) return input_error("keystore: decrypted key is invalid: " + key.error().message);
    return key;
}

Result<SecretKey> load_keystore_file(const std::string& path, std::string_view password) {
    std::ifstream in(path);
    if (!in) return input_error(path + ": cannot open keystore file");
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded()) return input_error(path + ": keystore file is not valid JSON");
    auto key = decrypt_keystore(j, password);
    if (!key.ok()) return std::move(key).error().context(path);
    return key;
}

Result<json> encrypt_keystore(const SecretKey& key, std::string_view password, const KeystoreParams& params) {
    uint8_t salt[32], iv[16];
    if (RAND_bytes(salt, sizeof salt) != 1 || RAND_bytes(iv, sizeof iv) != 1)
        return internal_error("keystore: OpenSSL RAND_bytes failed");
    json kdfparams = {{"dklen", 32}, {"salt", to_hex(BytesView(salt, 32), false)}};
    std::string kdf;
    if (params.kdf == KeystoreParams::Kdf::scrypt) {
        kdf = "scrypt";
        kdfparams["n"] = params.scrypt_n;
        kdfparams["r"] = params.scrypt_r;
        kdfparams["p"] = params.scrypt_p;
    } else {
        kdf = "pbkdf2";
        kdfparams["c"] = params.pbkdf2_iterations;
        kdfparams["prf"] = "hmac-sha256";
    }
    DerivedKey dk;
    dk.size = 32;
    if (params.kdf == KeystoreParams::Kdf::scrypt) SUTURE_CHECK(derive_scrypt(kdfparams, password, dk));
    else SUTURE_CHECK(derive_pbkdf2(kdfparams, password, dk));
    BytesView secret = key.reveal_for_keystore();
    Bytes ciphertext(32);
    SUTURE_CHECK(aes128_ctr(dk.bytes, BytesView(iv, 16), secret, ciphertext.data()));
    Bytes32 mac = keystore_mac(dk, ciphertext);
    return json{
        {"address", to_hex(key.address().bytes, false)},
        {"crypto",
         {{"cipher", "aes-128-ctr"},
          {"cipherparams", {{"iv", to_hex(BytesView(iv, 16), false)}}},
          {"ciphertext", to_hex(ciphertext, false)},
          {"kdf", kdf},
          {"kdfparams", kdfparams},
          {"mac", to_hex(mac, false)}}},
        {"id", random_uuid_v4()},
        {"version", 3},
    };
}

}  // namespace suture::chain
