#include "deploy/diamond_cut.hpp"

#include <algorithm>
#include <map>

#include "deploy/calldata.hpp"
#include "upgrade/proxy_json.hpp"

namespace suture::deploy {

const char* facet_cut_action_name(FacetCutAction a) {
    switch (a) {
    case FacetCutAction::add: return "Add";
    case FacetCutAction::replace: return "Replace";
    case FacetCutAction::remove: return "Remove";
    }
    return "Add";
}

Result<std::vector<FacetCut>> diamond_cut_diff(const std::vector<upgrade::Facet>& current, const Address& diamond,
                                               const Address& old_facet, const Address& new_facet,
                                               const std::vector<uint32_t>& new_selectors) {
    std::map<uint32_t, Address> owner_of;
    bool old_listed = false;
    for (const auto& f : current) {
        old_listed |= f.address == old_facet;
        for (auto s : f.selectors) owner_of[s] = f.address;
    }
    if (!old_listed)
        return input_error("diamond " + to_checksum(diamond) + ": the loupe lists no facet " + to_checksum(old_facet));
    if (new_facet == old_facet) return input_error("diamond cut: the new facet is the old facet " + to_checksum(old_facet));

    std::vector<uint32_t> fresh = new_selectors;
    std::sort(fresh.begin(), fresh.end());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());

    FacetCut add{new_facet, FacetCutAction::add, {}}, replace{new_facet, FacetCutAction::replace, {}},
        remove{Address{}, FacetCutAction::remove, {}};
    for (auto s : fresh) {
        auto it = owner_of.find(s);
        if (it == owner_of.end()) {
            add.selectors.push_back(s);
        } else if (it->second == old_facet) {
            replace.selectors.push_back(s);
        } else if (it->second == diamond) {
            return input_error("diamond cut: selector " + upgrade::selector_hex(s) +
                               " is an immutable function of the diamond itself and cannot be replaced");
        } else {
            return input_error("diamond cut: selector " + upgrade::selector_hex(s) + " is served by facet " +
                               to_checksum(it->second) + ", not by the facet being replaced " +
                               to_checksum(old_facet));
        }
    }
    for (const auto& [s, facet] : owner_of)
        if (facet == old_facet && !std::binary_search(fresh.begin(), fresh.end(), s)) remove.selectors.push_back(s);

    std::vector<FacetCut> cuts;
    for (auto* c : {&replace, &add, &remove})
        if (!c->selectors.empty()) cuts.push_back(std::move(*c));
    if (cuts.empty()) return input_error("diamond cut: nothing to change");
    return cuts;
}

std::vector<uint32_t> function_selectors(const abi::ContractAbi& abi) {
    std::vector<uint32_t> out;
    for (const auto& e : abi.entries) {
        if (e.kind != abi::EntryKind::function) continue;
        auto s = e.selector();
        out.push_back((uint32_t(s[0]) << 24) | (uint32_t(s[1]) << 16) | (uint32_t(s[2]) << 8) | s[3]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<Bytes> diamond_cut_calldata(const std::vector<FacetCut>& cuts, const Address& init, BytesView init_data) {
    abi::AbiValue::List list;
    for (const auto& c : cuts) {
        abi::AbiValue::List sels;
        for (auto s : c.selectors)
            sels.emplace_back(Bytes{uint8_t(s >> 24), uint8_t(s >> 16), uint8_t(s >> 8), uint8_t(s)});
        list.emplace_back(abi::AbiValue::List{c.facet, uint256(static_cast<uint8_t>(c.action)), abi::AbiValue(sels)});
    }
    return calldata("diamondCut((address,uint8,bytes4[])[],address,bytes)",
                    {abi::AbiValue(list), init, Bytes(init_data.begin(), init_data.end())});
}

std::vector<FacetCut> diamond_cut_inverse(const std::vector<upgrade::Facet>& before, const std::vector<FacetCut>& cuts) {
    std::map<uint32_t, Address> was;
    for (const auto& f : before)
        for (auto s : f.selectors) was[s] = f.address;
    // Undo: added selectors are removed; replaced and removed ones go back to
    // their previous facet (Replace, resp. Add), grouped per facet.
    std::map<Address, FacetCut> restore_replace, restore_add;
    FacetCut remove{Address{}, FacetCutAction::remove, {}};
    for (const auto& c : cuts) {
        for (auto s : c.selectors) {
            if (c.action == FacetCutAction::add) {
                remove.selectors.push_back(s);
                continue;
            }
            auto prev = was[s];
            auto& group = c.action == FacetCutAction::replace ? restore_replace : restore_add;
            auto& cut = group.try_emplace(prev, FacetCut{prev, c.action == FacetCutAction::replace ? FacetCutAction::replace
                                                                                                  : FacetCutAction::add,
                                                         {}})
                            .first->second;
            cut.selectors.push_back(s);
        }
    }
    std::vector<FacetCut> out;
    for (auto& [a, c] : restore_replace) out.push_back(std::move(c));
    for (auto& [a, c] : restore_add) out.push_back(std::move(c));
    if (!remove.selectors.empty()) out.push_back(std::move(remove));
    for (auto& c : out) std::sort(c.selectors.begin(), c.selectors.end());
    return out;
}

}  // namespace suture::deploy
