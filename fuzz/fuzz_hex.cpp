// libFuzzer: hex and address parsing never crash; accepted hex re-encodes to
// the same digits (lower-cased), and accepted addresses print as a checksum
// that parses back to the same address.
#include <cctype>
#include <cstdlib>
#include <string>

#include "core/address.hpp"
#include "core/hex.hpp"

using namespace suture;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto bytes = from_hex(text);
    if (bytes.ok()) {
        std::string_view digits = text;
        if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) digits.remove_prefix(2);
        const std::string back = to_hex(*bytes, false);
        if (back.size() != digits.size()) std::abort();
        for (size_t i = 0; i < back.size(); ++i)
            if (back[i] != std::tolower(static_cast<unsigned char>(digits[i]))) std::abort();
    }
    auto addr = parse_address(text);
    if (addr.ok()) {
        auto again = parse_address(to_checksum(*addr));
        if (!again.ok() || *again != *addr) std::abort();
    }
    return 0;
}
