#include "deploy/bytecode_link.hpp"

#include "core/hex.hpp"

namespace suture::deploy {

namespace {

// The address for `ref`: by qualified name, else by bare name when unambiguous.
Result<Address> library_address(const LinkReference& ref, const LibraryAddresses& libraries) {
    if (auto it = libraries.find(ref.qualified()); it != libraries.end()) return it->second;
    if (auto it = libraries.find(ref.library); it != libraries.end()) return it->second;
    return input_error("bytecode needs library " + ref.qualified() + " linked; give its address (" +
                       ref.qualified() + "=0x...)");
}

}  // namespace

Result<Bytes> link_bytecode(std::string_view object_hex, const std::vector<LinkReference>& refs,
                            const LibraryAddresses& libraries) {
    if (object_hex.starts_with("0x") || object_hex.starts_with("0X")) object_hex.remove_prefix(2);
    std::string hex(object_hex);
    for (const auto& ref : refs) {
        SUTURE_TRY(addr, library_address(ref, libraries));
        if ((ref.start + ref.length) * 2 > hex.size())
            return input_error("link reference " + ref.qualified() + " at byte " + std::to_string(ref.start) +
                               " lies beyond the code (" + std::to_string(hex.size() / 2) + " bytes)");
        auto a = to_hex(addr.bytes, false);
        hex.replace(ref.start * 2, 40, a);
    }
    // A placeholder left over means the artifact's references are incomplete.
    if (auto p = hex.find("__"); p != std::string::npos) {
        auto end = hex.find("__", p + 2);
        std::string ph = hex.substr(p, end == std::string::npos ? 40 : end + 2 - p);
        return input_error("bytecode holds an unresolved library placeholder " + ph + " at byte " +
                           std::to_string(p / 2) + " that no link reference names");
    }
    SUTURE_TRY(code, from_hex(hex));
    return code;
}

}  // namespace suture::deploy
