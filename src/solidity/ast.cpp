#include "solidity/ast.hpp"

namespace suture::solidity {

std::string_view node_type(const Json& n) { return str_field(n, "nodeType"); }

std::string_view str_field(const Json& n, std::string_view key) {
    if (!n.is_object()) return {};
    auto it = n.find(key);
    if (it == n.end() || !it->is_string()) return {};
    return it->get_ref<const std::string&>();
}

int64_t id_field(const Json& n, std::string_view key) {
    if (!n.is_object()) return -1;
    auto it = n.find(key);
    if (it == n.end() || !it->is_number_integer()) return -1;
    return it->get<int64_t>();
}

const Json* child(const Json& n, std::string_view key) {
    if (!n.is_object()) return nullptr;
    auto it = n.find(key);
    if (it == n.end() || it->is_null()) return nullptr;
    return &*it;
}

void walk(const Json& n, const std::function<bool(const Json&)>& visit) {
    if (n.is_object()) {
        if (n.contains("nodeType") && !visit(n)) return;
        for (const auto& [k, v] : n.items())
            if (v.is_structured() && k != "typeDescriptions") walk(v, visit);
    } else if (n.is_array()) {
        for (const auto& v : n)
            if (v.is_structured()) walk(v, visit);
    }
}

std::vector<const Json*> linearized_bases(const Build& b, const Json& contract) {
    std::vector<const Json*> out;
    const Json* lin = child(contract, "linearizedBaseContracts");
    if (!lin || !lin->is_array()) {
        out.push_back(&contract);
        return out;
    }
    for (const auto& id : *lin)
        if (id.is_number_integer())
            if (const Json* n = b.node(id.get<int64_t>())) out.push_back(n);
    if (out.empty()) out.push_back(&contract);
    return out;
}

std::vector<const Json*> members_of(const Json& contract, std::string_view type) {
    std::vector<const Json*> out;
    const Json* nodes = child(contract, "nodes");
    if (!nodes || !nodes->is_array()) return out;
    for (const auto& n : *nodes)
        if (node_type(n) == type) out.push_back(&n);
    return out;
}

const Json* scope_contract(const Build& b, const Json& decl) {
    const Json* s = b.node(id_field(decl, "scope"));
    if (s && node_type(*s) == "ContractDefinition") return s;
    return nullptr;
}

}  // namespace suture::solidity
