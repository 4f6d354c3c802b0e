#include "evm/precompile_digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace suture::evm::precompile {

Output evp_digest(const char* algorithm, BytesView input, size_t left_pad) {
    Output out;
    // Fetched per call: EVP_MD_fetch is cheap after the first lookup (OpenSSL
    // caches it) and keeps this free of shared mutable state across threads.
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, algorithm, nullptr),
                                                       &EVP_MD_free);
    if (!md) {
        out.error = std::string("OpenSSL does not provide ") + algorithm;
        return out;
    }
    const int size = EVP_MD_get_size(md.get());
    out.data.assign(left_pad + size_t(size), 0);
    unsigned int len = 0;
    if (EVP_Digest(input.data(), input.size(), out.data.data() + left_pad, &len, md.get(), nullptr) != 1 ||
        int(len) != size) {
        out.data.clear();
        out.error = std::string("OpenSSL ") + algorithm + " digest failed";
    }
    return out;
}

}  // namespace suture::evm::precompile
