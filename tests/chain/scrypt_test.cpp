// scrypt: RFC 7914 vector, and agreement with OpenSSL where OpenSSL accepts the parameters.
#include "chain/scrypt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "core/hex.hpp"

namespace suture::chain {
namespace {

TEST(Scrypt, Rfc7914EmptyPasswordVector) {
    Bytes out(64);
    ASSERT_TRUE(scrypt("", BytesView(), 16, 1, 1, out).ok());
    EXPECT_EQ(to_hex(out, false),
              "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
              "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
}

TEST(Scrypt, AgreesWithOpenSsl) {
    struct Case { const char* pw; const char* salt; uint64_t n; uint32_t r, p; size_t len; };
    const Case cases[] = {
        {"password", "NaCl", 1024, 8, 16, 64},
        {"pleaseletmein", "SodiumChloride", 2048, 4, 2, 32},
        {"x", "y", 256, 2, 3, 48},
    };
    for (const auto& c : cases) {
        Bytes mine(c.len), theirs(c.len);
        BytesView salt = as_view(c.salt);
        ASSERT_TRUE(scrypt(c.pw, salt, c.n, c.r, c.p, mine).ok());
        ASSERT_EQ(EVP_PBE_scrypt(c.pw, std::strlen(c.pw), salt.data(), salt.size(), c.n, c.r, c.p, 0, theirs.data(), c.len), 1);
        EXPECT_EQ(to_hex(mine), to_hex(theirs)) << c.pw;
    }
}

TEST(Scrypt, RejectsBadParameters) {
    Bytes out(32);
    EXPECT_FALSE(scrypt("p", as_view("s"), 1000, 1, 1, out).ok());  // not a power of two
    EXPECT_FALSE(scrypt("p", as_view("s"), 1024, 0, 1, out).ok());
}

}  // namespace
}  // namespace suture::chain
