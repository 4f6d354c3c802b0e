// SecretKey storage and secp256k1 signing/recovery (keys.hpp).
#include "chain/keys.hpp"

#include <fcntl.h>
#include <secp256k1_recovery.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "chain/secp256k1_context.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {

namespace detail {
const secp256k1_context* secp256k1_ctx() {
    static secp256k1_context* ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        unsigned char seed[32];
        // Randomisation only blinds against side channels; without it signing is still correct.
        if (RAND_bytes(seed, sizeof seed) == 1) {
            [[maybe_unused]] int randomized = secp256k1_context_randomize(c, seed);
        }
        OPENSSL_cleanse(seed, sizeof seed);
        return c;
    }();
    return ctx;
}
}  // namespace detail

namespace {

using detail::secp256k1_ctx;

// secp256k1 group order n, and n/2 (EIP-2 bound on s), big-endian.
constexpr Bytes32 kOrder = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                            0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
                            0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};
constexpr Bytes32 kHalfOrder = {0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4,
                                0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

bool is_zero(const Bytes32& v) {
    for (auto b : v)
        if (b) return false;
    return true;
}

// One private anonymous page per key: never swapped when mlock succeeds,
// never in a core dump (MADV_DONTDUMP), unmapped after zeroing.
uint8_t* alloc_secret_page() {
    long page = sysconf(_SC_PAGESIZE);
    void* p = mmap(nullptr, static_cast<size_t>(page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    (void)madvise(p, static_cast<size_t>(page), MADV_DONTDUMP);
    (void)mlock(p, static_cast<size_t>(page));  // best effort: RLIMIT_MEMLOCK may forbid it
    return static_cast<uint8_t*>(p);
}

void free_secret_page(uint8_t* p) {
    if (!p) return;
    long page = sysconf(_SC_PAGESIZE);
    OPENSSL_cleanse(p, 32);
    (void)munlock(p, static_cast<size_t>(page));
    munmap(p, static_cast<size_t>(page));
}

// Hex text to key bytes without leaving the key in a std::string we do not wipe.
Result<SecretKey> key_from_text(std::string& text, std::string_view source) {
    size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    auto r = SecretKey::from_hex(std::string_view(text).substr(b, e - b));
    OPENSSL_cleanse(text.data(), text.size());
    if (!r.ok()) return input_error(std::string(source) + ": " + r.error().message);
    return r;
}

}  // namespace

bool is_valid_scalar(const Bytes32& v) { return !is_zero(v) && v < kOrder; }
bool is_low_s(const Bytes32& s) { return s <= kHalfOrder; }

Bytes Signature::to_rsv65() const {
    Bytes out(r.begin(), r.end());
    out.insert(out.end(), s.begin(), s.end());
    out.push_back(static_cast<uint8_t>(27 + recovery_id));
    return out;
}

Result<Signature> Signature::from_rsv65(BytesView sig) {
    if (sig.size() != 65) return input_error("signature must be 65 bytes (r, s, v), got " + std::to_string(sig.size()));
    Signature out;
    std::copy(sig.begin(), sig.begin() + 32, out.r.begin());
    std::copy(sig.begin() + 32, sig.begin() + 64, out.s.begin());
    uint8_t v = sig[64];
    if (v >= 27) v -= 27;
    if (v > 1) return input_error("signature v must be 0, 1, 27 or 28, got " + std::to_string(sig[64]));
    out.recovery_id = v;
    return out;
}

Result<SecretKey> SecretKey::from_bytes(BytesView b) {
    if (b.size() != 32) return input_error("secret key must be 32 bytes, got " + std::to_string(b.size()));
    if (!secp256k1_ec_seckey_verify(secp256k1_ctx(), b.data()))
        return input_error("secret key is not a valid secp256k1 scalar (zero or >= the group order)");
    SecretKey k;
    k.bytes_ = alloc_secret_page();
    if (!k.bytes_) return internal_error("could not allocate protected memory for a secret key");
    std::copy(b.begin(), b.end(), k.bytes_);
    secp256k1_pubkey pub;
    if (!secp256k1_ec_pubkey_create(secp256k1_ctx(), &pub, k.bytes_))
        return internal_error("secp256k1 could not derive the public key");
    auto addr = address_from_public_key(k.public_key());
    if (!addr.ok()) return std::move(addr).error();
    k.address_ = *addr;
    return k;
}

Result<SecretKey> SecretKey::from_hex(std::string_view hex) {
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
    if (hex.size() != 64) return input_error("secret key must be 64 hex digits, got " + std::to_string(hex.size()));
    uint8_t buf[32];
    const size_t bad = decode_hex_into(hex, buf);
    if (bad != std::string_view::npos) {
        OPENSSL_cleanse(buf, sizeof buf);
        // The position only, never the character: it is part of a secret.
        return input_error("secret key has a non-hex character at digit " + std::to_string(bad));
    }
    auto k = from_bytes(BytesView(buf, 32));
    OPENSSL_cleanse(buf, sizeof buf);
    return k;
}

Result<SecretKey> SecretKey::from_env(const char* var) {
    const char* v = std::getenv(var);
    if (!v || !*v) return input_error(std::string("environment variable ") + var + " is not set");
    std::string text(v);
    return key_from_text(text, std::string("environment variable ") + var);
}

Result<SecretKey> SecretKey::from_file(const std::string& path) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return input_error("key file " + path + ": cannot be read: " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return input_error("key file " + path + ": is a directory, not a key file");
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        return input_error("key file " + path + ": readable by group or others; run `chmod 600 " + path + "`");
    std::ifstream in(path, std::ios::binary);
    if (!in) return input_error("key file " + path + ": cannot be opened");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return key_from_text(text, "key file " + path);
}

Result<SecretKey> SecretKey::generate() {
    uint8_t buf[32];
    for (int tries = 0; tries < 8; ++tries) {
        if (RAND_bytes(buf, sizeof buf) != 1) break;
        if (secp256k1_ec_seckey_verify(secp256k1_ctx(), buf)) {
            auto k = from_bytes(BytesView(buf, 32));
            OPENSSL_cleanse(buf, sizeof buf);
            return k;
        }
    }
    OPENSSL_cleanse(buf, sizeof buf);
    return internal_error("could not generate a random secret key (OpenSSL RAND_bytes failed)");
}

SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_), address_(other.address_) {
    other.bytes_ = nullptr;
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        free_secret_page(bytes_);
        bytes_ = other.bytes_;
        address_ = other.address_;
        other.bytes_ = nullptr;
    }
    return *this;
}

SecretKey::~SecretKey() { free_secret_page(bytes_); }

Bytes SecretKey::public_key() const {
    secp256k1_pubkey pub;
    Bytes out(65);
    if (!bytes_ || !secp256k1_ec_pubkey_create(secp256k1_ctx(), &pub, bytes_)) return {};
    size_t len = out.size();
    secp256k1_ec_pubkey_serialize(secp256k1_ctx(), out.data(), &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    return out;
}

Signature SecretKey::sign_hash(const Bytes32& digest) const {
    secp256k1_ecdsa_recoverable_signature rs;
    // nonce function nullptr = RFC 6979 (libsecp256k1's default); always low-s.
    (void)secp256k1_ecdsa_sign_recoverable(secp256k1_ctx(), &rs, digest.data(), bytes_, nullptr, nullptr);
    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(secp256k1_ctx(), compact, &recid, &rs);
    Signature sig;
    std::copy(compact, compact + 32, sig.r.begin());
    std::copy(compact + 32, compact + 64, sig.s.begin());
    sig.recovery_id = static_cast<uint8_t>(recid);
    return sig;
}

std::string SecretKey::debug_string() const { return "SecretKey(" + to_checksum(address_) + "; redacted)"; }

BytesView SecretKey::reveal_for_keystore() const { return bytes_ ? BytesView(bytes_, 32) : BytesView(); }

Result<Address> address_from_public_key(BytesView pubkey) {
    if (pubkey.size() == 65) {
        if (pubkey[0] != 0x04) return input_error("uncompressed public key must start with 0x04");
        pubkey = pubkey.subspan(1);
    }
    if (pubkey.size() != 64) return input_error("public key must be 64 or 65 bytes, got " + std::to_string(pubkey.size()));
    Bytes32 h = keccak256(pubkey);
    Address a;
    std::copy(h.begin() + 12, h.end(), a.bytes.begin());
    return a;
}

Result<Address> recover_address(const Bytes32& digest, const Signature& sig) {
    if (sig.recovery_id > 1) return input_error("signature recovery id must be 0 or 1");
    if (!is_valid_scalar(sig.r) || !is_valid_scalar(sig.s))
        return input_error("signature r and s must be in [1, secp256k1n)");
    uint8_t compact[64];
    std::copy(sig.r.begin(), sig.r.end(), compact);
    std::copy(sig.s.begin(), sig.s.end(), compact + 32);
    secp256k1_ecdsa_recoverable_signature rs;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(secp256k1_ctx(), &rs, compact, sig.recovery_id))
        return input_error("signature cannot be parsed");
    secp256k1_pubkey pub;
    if (!secp256k1_ecdsa_recover(secp256k1_ctx(), &pub, &rs, digest.data()))
        return input_error("no public key recovers from this signature");
    uint8_t out[65];
    size_t len = sizeof out;
    secp256k1_ec_pubkey_serialize(secp256k1_ctx(), out, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    return address_from_public_key(BytesView(out, len));
}

}  // namespace suture::chain
