// Storage of the implementation that overlaps the proxy's own slots
// (ERC-1967) or another namespace.
#include "core/keccak.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::Wide;

namespace {

// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.<name>")) - 1).
Wide eip1967_slot(std::string_view name) {
    return Wide::from_be32(keccak256("eip1967.proxy." + std::string(name))) - Wide::of(1);
}

struct Range {
    Wide begin, end;  // bytes
};

bool overlaps(const Range& a, const Range& b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

void check_reserved_slots(const Target& t, Findings& out) {
    const CodeModel& m = t.code;
    struct Named {
        std::string name;
        Range range;
        int64_t ast_id;
    };
    std::vector<Named> regions;
    auto add_layout = [&](const solidity::StorageLayout& l) {
        for (const auto& it : l.items)
            regions.push_back({(l.ns.empty() ? "" : l.ns + ".") + it.label,
                               {solidity::item_start_byte(it), solidity::item_end_byte(it, t.storage)},
                               it.ast_id});
    };
    add_layout(t.storage.main);
    for (const auto& ns : t.storage.namespaces) add_layout(ns);

    for (const char* name : {"implementation", "admin", "beacon"}) {
        Wide slot = eip1967_slot(name);
        Range r{slot.mul_small(32), slot.mul_small(32) + Wide::of(32)};
        for (const auto& reg : regions)
            if (overlaps(reg.range, r))
                out.push_back(make_finding(m, t.build.node(reg.ast_id), Severity::error, "eip1967-slot-collision",
                                           "`" + reg.name + "` covers the ERC-1967 " + name + " slot " + slot.hex() +
                                               ": writing it changes the proxy's " + name,
                                           "Shrink or move the variable (use a namespaced struct)"));
    }

    // Two namespaces whose regions overlap (e.g. the same id in two structs).
    const auto& nss = t.storage.namespaces;
    for (size_t i = 0; i < nss.size(); ++i)
        for (size_t j = i + 1; j < nss.size(); ++j) {
            if (nss[i].items.empty() || nss[j].items.empty()) continue;
            Range a{solidity::item_start_byte(nss[i].items.front()),
                    solidity::item_end_byte(nss[i].items.back(), t.storage)};
            Range b{solidity::item_start_byte(nss[j].items.front()),
                    solidity::item_end_byte(nss[j].items.back(), t.storage)};
            if (!overlaps(a, b)) continue;
            out.push_back(make_finding(m, t.build.node(nss[j].struct_ast_id), Severity::error, "namespace-collision",
                                       "namespace " + nss[j].ns + " (" + nss[j].struct_name + ") overlaps " +
                                           nss[i].ns + " (" + nss[i].struct_name + ")",
                                       "Give each namespaced struct its own erc7201 id"));
        }
}

}  // namespace suture::upgrade
