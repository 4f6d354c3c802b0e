// ERC-7201 namespaced layouts: structs annotated `@custom:storage-location
// erc7201:<id>` in the contract or its bases, laid out from the AST with
// solc's storage rules (solc reports no layout for them).
#include <algorithm>

#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"
#include "solidity/storage_layout.hpp"

namespace suture::solidity {

namespace {

// Solidity docs, "Layout of State Variables in Storage": value types pack
// into 32-byte slots in declaration order; structs and arrays start a new slot
// and the item after them starts a new slot too.
class AstLayout {
public:
    AstLayout(const Build& b, ContractStorage& s) : b_(b), s_(s) {}

    // Registers the type of a TypeName node; returns its id.
    Result<std::string> type_of(const Json& tn) {
        std::string_view nt = node_type(tn);
        if (nt == "ElementaryTypeName") return elementary(tn);
        if (nt == "UserDefinedTypeName") return user_defined(tn);
        if (nt == "Mapping") {
            const Json* k = child(tn, "keyType");
            const Json* v = child(tn, "valueType");
            if (!k || !v) return bad(tn, "mapping without key or value type");
            SUTURE_TRY(kid, type_of(*k));
            SUTURE_TRY(vid, type_of(*v));
            StorageType t;
            t.id = "t_mapping(" + kid + "," + vid + ")";
            t.label = "mapping(" + s_.types[kid].label + " => " + s_.types[vid].label + ")";
            t.encoding = Encoding::mapping;
            t.bytes = Wide::of(32);
            t.key = kid;
            t.value = vid;
            return add(std::move(t));
        }
        if (nt == "ArrayTypeName") {
            const Json* base = child(tn, "baseType");
            if (!base) return bad(tn, "array without base type");
            SUTURE_TRY(bid, type_of(*base));
            const StorageType& bt = s_.types[bid];
            StorageType t;
            t.base = bid;
            if (!child(tn, "length")) {
                t.id = "t_array(" + bid + ")dyn_storage";
                t.label = bt.label + "[]";
                t.encoding = Encoding::dynamic_array;
                t.bytes = Wide::of(32);
                return add(std::move(t));
            }
            auto len = static_length(tn);
            if (!len) return bad(tn, "array length is not a known constant");
            t.id = "t_array(" + bid + ")" + len->decimal() + "_storage";
            t.label = bt.label + "[" + len->decimal() + "]";
            t.length = *len;
            t.bytes = static_array_bytes(bt, *len);
            return add(std::move(t));
        }
        if (nt == "FunctionTypeName") {
            bool external = str_field(tn, "visibility") == "external";
            StorageType t;
            t.id = external ? "t_function_external" : "t_function_internal";
            t.label = external ? "function external" : "function internal";
            t.bytes = Wide::of(external ? 24 : 8);
            return add(std::move(t));
        }
        return bad(tn, "unknown type name node " + std::string(nt));
    }

    // Lays out struct members; returns the struct size in bytes.
    Result<Wide> lay_out(const Json& members, std::vector<StorageItem>& out, const Wide& base,
                         const std::string& owner) {
        Wide slot = base;
        uint32_t offset = 0;
        for (const auto& m : members) {
            const Json* tn = child(m, "typeName");
            if (!tn) return bad(m, "struct member without a type");
            SUTURE_TRY(tid, type_of(*tn));
            const StorageType& t = s_.types[tid];
            bool packable = t.encoding == Encoding::inplace && !t.is_struct && !t.length && t.bytes.fits_u64() &&
                            t.bytes.limb[0] < 32;
            if (!packable || offset + t.bytes.limb[0] > 32) {
                if (offset > 0) slot = slot + Wide::of(1);
                offset = 0;
            }
            StorageItem item;
            item.label = str_field(m, "name");
            item.contract = owner;
            item.type = tid;
            item.slot = slot;
            item.offset = offset;
            item.ast_id = id_field(m, "id");
            read_item_annotations(b_, item);
            out.push_back(std::move(item));
            if (packable) {
                offset += static_cast<uint32_t>(t.bytes.limb[0]);
            } else {
                slot = slot + t.bytes.div_small(32);
                offset = 0;
            }
        }
        if (offset > 0) slot = slot + Wide::of(1);
        return (slot - base).mul_small(32);
    }

private:
    static Error bad(const Json& n, std::string what) {
        return input_error("AST node " + std::to_string(id_field(n, "id")) + ": " + what);
    }

    std::string add(StorageType t) {
        std::string id = t.id;
        s_.types.try_emplace(id, std::move(t));
        return id;
    }

    Result<std::string> elementary(const Json& tn) {
        std::string name(str_field(tn, "name"));
        if (name == "uint") name = "uint256";
        if (name == "int") name = "int256";
        StorageType t;
        t.label = name;
        t.id = "t_" + name;
        if (name == "string" || name == "bytes") {
            t.encoding = Encoding::bytes;
            t.bytes = Wide::of(32);
            t.id += "_storage";
            return add(std::move(t));
        }
        uint64_t size = 32;
        if (name == "bool") size = 1;
        else if (name == "address") size = 20;
        else if (name.rfind("uint", 0) == 0) size = std::stoull(name.substr(4)) / 8;
        else if (name.rfind("int", 0) == 0) size = std::stoull(name.substr(3)) / 8;
        else if (name.rfind("bytes", 0) == 0) size = std::stoull(name.substr(5));
        else if (name.rfind("fixed", 0) == 0 || name.rfind("ufixed", 0) == 0) {
            auto digits = name.substr(name[0] == 'u' ? 6 : 5);
            size = digits.empty() ? 16 : std::stoull(digits.substr(0, digits.find('x'))) / 8;
        } else return bad(tn, "unknown elementary type " + name);
        t.bytes = Wide::of(size);
        return add(std::move(t));
    }

    Result<std::string> user_defined(const Json& tn) {
        const Json* def = b_.node(id_field(tn, "referencedDeclaration"));
        if (!def) return bad(tn, "unresolved type reference");
        std::string name(str_field(*def, "name"));
        std::string id = std::to_string(id_field(*def, "id"));
        std::string_view dt = node_type(*def);
        StorageType t;
        if (dt == "ContractDefinition") {
            t.id = "t_contract(" + name + ")" + id;
            t.label = "contract " + name;
            t.bytes = Wide::of(20);
            return add(std::move(t));
        }
        if (dt == "EnumDefinition") {
            t.id = "t_enum(" + name + ")" + id;
            t.label = "enum " + name;
            t.is_enum = true;
            if (const Json* ms = child(*def, "members"))
                for (const auto& m : *ms) t.enum_members.emplace_back(str_field(m, "name"));
            t.bytes = Wide::of(t.enum_members.size() > 256 ? 2 : 1);
            return add(std::move(t));
        }
        if (dt == "UserDefinedValueTypeDefinition") {
            const Json* under = child(*def, "underlyingType");
            if (!under) return bad(*def, "value type without underlying type");
            SUTURE_TRY(uid, type_of(*under));
            t.id = "t_userDefinedValueType(" + name + ")" + id;
            t.label = name;
            t.bytes = s_.types[uid].bytes;
            return add(std::move(t));
        }
        if (dt == "StructDefinition") {
            t.id = "t_struct(" + name + ")" + id + "_storage";
            if (s_.types.count(t.id)) return t.id;
            t.label = "struct " + name;
            t.is_struct = true;
            const Json* ms = child(*def, "members");
            if (!ms) return bad(*def, "struct without members");
            s_.types[t.id] = t;  // reserve (recursive structs only appear behind mappings/arrays)
            std::vector<StorageItem> members;
            SUTURE_TRY(size, lay_out(*ms, members, Wide::of(0), name));
            auto& slot = s_.types[t.id];
            slot.members = std::move(members);
            slot.bytes = size;
            return t.id;
        }
        return bad(tn, "unsupported user-defined type " + std::string(dt));
    }

    // The length in "T[N]" from the node's typeString (solc folds constant expressions there).
    static std::optional<Wide> static_length(const Json& tn) {
        const Json* td = child(tn, "typeDescriptions");
        if (!td) return std::nullopt;
        std::string ts(str_field(*td, "typeString"));
        auto space = ts.find(' ');
        if (space != std::string::npos) ts.erase(space);
        if (ts.empty() || ts.back() != ']') return std::nullopt;
        auto open = ts.rfind('[');
        if (open == std::string::npos) return std::nullopt;
        return Wide::from_decimal(ts.substr(open + 1, ts.size() - open - 2));
    }

    const Build& b_;
    ContractStorage& s_;
};

std::string namespace_id(const std::string& doc) {
    static const std::string tag = "@custom:storage-location";
    size_t p = doc.find(tag);
    if (p == std::string::npos) return {};
    p += tag.size();
    while (p < doc.size() && (doc[p] == ' ' || doc[p] == '\t')) ++p;
    size_t e = p;
    while (e < doc.size() && doc[e] != ' ' && doc[e] != '\n' && doc[e] != '\r' && doc[e] != '\t') ++e;
    return doc.substr(p, e - p);
}

}  // namespace

Status add_namespace_layouts(const Build& b, const Contract& c, ContractStorage& s) {
    AstLayout layout(b, s);
    for (const Json* base : linearized_bases(b, *c.node)) {
        for (const Json* st : members_of(*base, "StructDefinition")) {
            std::string ns = namespace_id(doc_text(b, *st));
            if (ns.empty()) continue;
            if (ns.rfind("erc7201:", 0) != 0)
                return input_error(location_of(b, *st).file + ": struct " + std::string(str_field(*st, "name")) +
                                   ": unsupported storage location \"" + ns + "\" (only erc7201:<id>)");
            StorageLayout l;
            l.ns = ns;
            l.base = erc7201_slot(std::string_view(ns).substr(8));
            l.struct_name = std::string(str_field(*base, "name")) + "." + std::string(str_field(*st, "name"));
            l.struct_ast_id = id_field(*st, "id");
            const Json* ms = child(*st, "members");
            if (!ms) continue;
            SUTURE_TRY(size, layout.lay_out(*ms, l.items, l.base, l.struct_name));
            (void)size;
            s.namespaces.push_back(std::move(l));
        }
    }
    return {};
}

}  // namespace suture::solidity
