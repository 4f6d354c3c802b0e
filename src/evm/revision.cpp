#include "evm/revision.hpp"

#include <array>

namespace suture::evm {

namespace {
// Index = Revision value; spelled as the state-test fixtures spell them.
constexpr std::array<std::string_view, 15> names = {
    "Frontier", "Homestead", "EIP150", "EIP158", "Byzantium", "Constantinople", "ConstantinopleFix",
    "Istanbul", "Berlin", "London", "Paris", "Shanghai", "Cancun", "Prague", "Osaka",
};
}  // namespace

std::optional<Revision> revision_from_name(std::string_view name) {
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return Revision(i);
    // Other spellings found in fixtures and tools.
    if (name == "TangerineWhistle") return Revision::tangerine_whistle;
    if (name == "SpuriousDragon") return Revision::spurious_dragon;
    if (name == "Petersburg") return Revision::petersburg;
    if (name == "Merge") return Revision::paris;
    return std::nullopt;
}

std::string_view revision_name(Revision r) {
    const auto i = size_t(r);
    return i < names.size() ? names[i] : std::string_view("Unknown");
}

}  // namespace suture::evm
