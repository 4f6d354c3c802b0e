// solc's storageLayout output -> ContractStorage.
#include "solidity/storage_layout.hpp"

#include <algorithm>
#include <regex>

#include "core/keccak.hpp"
#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"

namespace suture::solidity {

namespace {

Result<Wide> wide_value(const JsonRef& v);

// Storage has 2^256 slots; solc writes slots and sizes modulo 2^256.
bool below_2_256(const Wide& w) { return w.limb[4] == 0; }

Result<Wide> wide_at(const JsonRef& obj, std::string_view key) {
    SUTURE_TRY(v, obj.at(key));
    SUTURE_TRY(w, wide_value(v));
    if (!below_2_256(w)) return v.error("value " + w.hex() + " is not below 2^256");
    return w;
}

Result<Wide> wide_value(const JsonRef& v) {
    if (v.json().is_number_unsigned() || v.json().is_number_integer()) {
        SUTURE_TRY(n, v.integer());
        if (n < 0) return v.error("expected a non-negative integer");
        return Wide::of(static_cast<uint64_t>(n));
    }
    if (!v.is_string()) return v.error("expected a string");
    auto w = Wide::from_decimal(v.json().get_ref<const std::string&>());
    if (!w) return v.error("expected a decimal integer, found \"" + v.json().get<std::string>() + "\"");
    return *w;
}

Result<StorageItem> parse_item(const Build& b, const JsonRef& j) {
    SUTURE_CHECK(j.expect_object());
    StorageItem item;
    SUTURE_TRY(label, j.str_at("label"));
    SUTURE_TRY(type, j.str_at("type"));
    SUTURE_TRY(slot, wide_at(j, "slot"));
    SUTURE_TRY(offset_ref, j.at("offset"));
    SUTURE_TRY(offset, offset_ref.integer());
    if (offset < 0 || offset > 31) return offset_ref.error("offset must be 0..31");
    item.label = std::move(label);
    item.type = std::move(type);
    item.slot = slot;
    item.offset = static_cast<uint32_t>(offset);
    if (auto c = j.find("contract")) {
        SUTURE_TRY(cs, c->str());
        item.contract = std::move(cs);
    }
    if (auto a = j.find("astId")) {
        SUTURE_TRY(id, a->integer());
        item.ast_id = id;
    }
    read_item_annotations(b, item);
    return item;
}

// "t_array(t_uint256)50_storage" -> 50; nullopt for "dyn".
std::optional<Wide> array_length_from_id(const std::string& id) {
    if (id.rfind("t_array(", 0) != 0) return std::nullopt;
    int depth = 0;
    size_t i = 7;
    for (; i < id.size(); ++i) {
        if (id[i] == '(') ++depth;
        if (id[i] == ')' && --depth == 0) break;
    }
    size_t end = id.find('_', i + 1);
    std::string len = id.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
    return Wide::from_decimal(len);
}

// The AST id inside "t_enum(E)12" or "t_struct(S)20_storage".
int64_t definition_id(const std::string& id) {
    static const std::regex re(R"(^t_(?:enum|struct)\([^)]*\)(\d+))");
    std::smatch m;
    if (!std::regex_search(id, m, re) || m[1].length() > 18) return -1;  // more digits: no AST id of this build
    return std::stoll(m[1].str());
}

Result<StorageType> parse_type(const Build& b, const std::string& id, const JsonRef& j) {
    SUTURE_CHECK(j.expect_object());
    StorageType t;
    t.id = id;
    SUTURE_TRY(label, j.str_at("label"));
    t.label = std::move(label);
    SUTURE_TRY(enc, j.str_at("encoding"));
    if (enc == "inplace") t.encoding = Encoding::inplace;
    else if (enc == "mapping") t.encoding = Encoding::mapping;
    else if (enc == "dynamic_array") t.encoding = Encoding::dynamic_array;
    else if (enc == "bytes") t.encoding = Encoding::bytes;
    else {
        SUTURE_TRY(encref, j.at("encoding"));
        return encref.error("unknown encoding \"" + enc + "\"");
    }
    SUTURE_TRY(nbytes, wide_at(j, "numberOfBytes"));
    t.bytes = nbytes;
    if (t.encoding == Encoding::mapping) {
        SUTURE_TRY(k, j.str_at("key"));
        SUTURE_TRY(v, j.str_at("value"));
        t.key = std::move(k);
        t.value = std::move(v);
    }
    if (auto base = j.find("base")) {
        SUTURE_TRY(bs, base->str());
        t.base = std::move(bs);
        if (t.encoding == Encoding::inplace) t.length = array_length_from_id(id);
    }
    if (auto members = j.find("members")) {
        SUTURE_CHECK(members->expect_array());
        t.is_struct = true;
        for (size_t i = 0; i < members->size(); ++i) {
            SUTURE_TRY(m, members->at(i));
            SUTURE_TRY(item, parse_item(b, m));
            t.members.push_back(std::move(item));
        }
    }
    if (id.rfind("t_enum(", 0) == 0) {
        t.is_enum = true;
        if (const Json* def = b.node(definition_id(id)))
            if (const Json* ms = child(*def, "members"))
                for (const auto& m : *ms) t.enum_members.emplace_back(str_field(m, "name"));
    }
    return t;
}

// "@custom:oz-renamed-from old" -> "old" (the first word after the tag).
std::string tag_value(const std::string& doc, std::string_view tag) {
    size_t p = doc.find(tag);
    if (p == std::string::npos) return {};
    p += tag.size();
    while (p < doc.size() && (doc[p] == ' ' || doc[p] == '\t')) ++p;
    size_t e = p;
    while (e < doc.size() && doc[e] != '\n' && doc[e] != '\r') ++e;
    std::string v = doc.substr(p, e - p);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    return v;
}

// A type's numberOfBytes must be what its encoding and members make it: a
// value type 1..32 bytes, a reference in a slot 32, a struct its members
// rounded up to whole slots, a static array its elements (modulo 2^256, as
// solc writes it). Anything else would turn into layout findings about
// storage no compiler produced.
Status check_type_size(const ContractStorage& s, const StorageType& t, const JsonRef& at) {
    auto wrong = [&](const std::string& expected) {
        return at.error("numberOfBytes " + t.bytes.decimal() + " of \"" + t.label.substr(0, 80) + "\": expected " +
                        expected);
    };
    if (t.encoding != Encoding::inplace) {
        if (t.bytes != Wide::of(32)) return wrong("32 (" + std::string(t.encoding == Encoding::mapping ? "a mapping" :
                                                    t.encoding == Encoding::bytes ? "bytes or string" : "a dynamic array") +
                                                  " takes one slot)");
        return {};
    }
    if (t.is_struct && !t.members.empty()) {
        Wide end;
        for (const auto& m : t.members) {
            const StorageType* mt = s.type(m.type);
            if (!mt) return {};  // unknown member types are reported where they are used
            end = std::max(end, item_end_byte(m, s));
        }
        uint64_t rem = 0;
        Wide slots = end.div_small(32, &rem);
        if (rem) slots = slots + Wide::of(1);
        if (t.bytes != slots.mul_small(32)) return wrong(slots.mul_small(32).decimal() + " (its members in whole slots)");
        return {};
    }
    if (t.length) {
        const StorageType* elem = s.type(t.base);
        if (!elem) return {};
        Wide bytes = static_array_bytes(*elem, *t.length);
        bytes.limb[4] = 0;  // modulo 2^256
        if (t.bytes != bytes) return wrong(bytes.decimal() + " (its elements in whole slots)");
        return {};
    }
    if (!t.base.empty()) return {};  // an array whose length the type id does not tell
    if (t.bytes.is_zero() || Wide::of(32) < t.bytes) return wrong("1 to 32 (a value type)");
    return {};
}

// A value type stored at `offset` must end inside its slot.
Status check_item_fits(const ContractStorage& s, const StorageItem& item, const JsonRef& storage, size_t i) {
    const StorageType* t = s.type(item.type);
    if (!t || t->encoding != Encoding::inplace || t->is_struct || t->length || !t->bytes.fits_u64()) return {};
    if (item.offset + t->bytes.limb[0] > 32) {
        SUTURE_TRY(j, storage.at(i));
        return j.error("\"" + item.label.substr(0, 80) + "\" at offset " + std::to_string(item.offset) + " with " +
                       t->bytes.decimal() + " bytes does not fit in its slot");
    }
    return {};
}

}  // namespace

void read_item_annotations(const Build& b, StorageItem& item) {
    const Json* decl = b.node(item.ast_id);
    if (!decl) return;
    std::string doc = doc_text(b, *decl);
    if (doc.empty()) return;
    item.renamed_from = tag_value(doc, "@custom:oz-renamed-from");
    item.retyped_from = tag_value(doc, "@custom:oz-retyped-from");
}

Result<ContractStorage> load_storage(const Build& b, const Contract& c) {
    SUTURE_CHECK(require_analysis_data(b, c));
    const JsonRef& layout = *c.storage_layout;
    ContractStorage s;
    SUTURE_TRY(storage, layout.array_at("storage"));
    for (size_t i = 0; i < storage.size(); ++i) {
        SUTURE_TRY(j, storage.at(i));
        SUTURE_TRY(item, parse_item(b, j));
        s.main.items.push_back(std::move(item));
    }
    if (auto types = layout.find("types")) {
        SUTURE_CHECK(types->expect_object());
        for (auto it = types->json().begin(); it != types->json().end(); ++it) {
            SUTURE_TRY(t, parse_type(b, it.key(), types->child(*it, it.key())));
            s.types.emplace(it.key(), std::move(t));
        }
    }
    if (auto types = layout.find("types"))
        for (const auto& [id, t] : s.types) {
            SUTURE_TRY(at, types->at(id));
            SUTURE_CHECK(check_type_size(s, t, at));
        }
    // solc reports numberOfBytes modulo 2^256 (0 for uint256[2**255]): recompute static arrays.
    for (auto& [id, t] : s.types)
        if (t.length && t.bytes.is_zero() && !t.length->is_zero())
            if (const StorageType* elem = s.type(t.base)) t.bytes = static_array_bytes(*elem, *t.length);
    for (size_t i = 0; i < s.main.items.size(); ++i) SUTURE_CHECK(check_item_fits(s, s.main.items[i], storage, i));
    for (const auto& item : s.main.items)
        if (!s.type(item.type))
            return layout.error("storage variable \"" + item.label + "\" has type \"" + item.type +
                                "\" missing from types");
    for (const Json* base : linearized_bases(b, *c.node))
        for (const Json* v : members_of(*base, "VariableDeclaration"))
            if (str_field(*v, "storageLocation") == "transient") s.transient_vars.push_back(id_field(*v, "id"));
    SUTURE_CHECK(add_namespace_layouts(b, c, s));
    return s;
}

Wide erc7201_slot(std::string_view id) {
    Wide h = Wide::from_be32(keccak256(id)) - Wide::of(1);
    Bytes32 word = h.to_be32();
    Bytes32 slot = keccak256(BytesView(word.data(), word.size()));
    slot[31] = 0;
    return Wide::from_be32(slot);
}

bool is_gap(const StorageItem& item, const ContractStorage& s) {
    if (item.label != "__gap" && item.label.rfind("__gap_", 0) != 0) return false;
    const StorageType* t = s.type(item.type);
    return t && t->length.has_value();
}

Wide static_array_bytes(const StorageType& elem, const Wide& len) {
    bool packable = elem.encoding == Encoding::inplace && !elem.is_struct && !elem.length && elem.bytes.fits_u64() &&
                    elem.bytes.limb[0] < 32;
    if (!packable) {
        Wide slots = elem.bytes.div_small(32), total;  // len * slots(elem), limb by limb
        for (size_t i = 0; i < len.limb.size(); ++i) {
            if (!len.limb[i]) continue;
            Wide part = slots.mul_small(len.limb[i]), shifted;
            for (size_t k = 0; k + i < shifted.limb.size(); ++k) shifted.limb[k + i] = part.limb[k];
            total = total + shifted;
        }
        return total.mul_small(32);
    }
    uint64_t per_slot = 32 / elem.bytes.limb[0];
    uint64_t rem = 0;
    Wide slots = len.div_small(per_slot, &rem);
    if (rem) slots = slots + Wide::of(1);
    return slots.mul_small(32);
}

Wide item_start_byte(const StorageItem& item) { return item.slot.mul_small(32) + Wide::of(item.offset); }

Wide item_end_byte(const StorageItem& item, const ContractStorage& s) {
    const StorageType* t = s.type(item.type);
    return item_start_byte(item) + (t ? t->bytes : Wide::of(32));
}

}  // namespace suture::solidity
