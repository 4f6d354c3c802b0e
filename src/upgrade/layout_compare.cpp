#include "upgrade/layout_compare.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"

namespace suture::upgrade {

using solidity::ContractStorage;
using solidity::Encoding;
using solidity::StorageItem;
using solidity::StorageLayout;
using solidity::StorageType;
using solidity::Wide;

namespace {

// A change allowed by an annotation, reported as a suppressed finding.
struct Allowed {
    std::string code, message, by;
    bool old_side;
    int64_t ast_id;
};

struct TypeDiff {
    bool ok = true;
    std::string why;
    std::vector<Allowed> allowed;  // annotated member renames/retypes inside structs
};

// One step of the alignment of two variable lists.
struct Op {
    enum Kind { match, insert, erase } kind;
    const StorageItem* o = nullptr;
    const StorageItem* n = nullptr;
};

std::string slot_text(const StorageItem& it) { return it.slot.fits_u64() ? it.slot.decimal() : it.slot.hex(); }

bool same_name(const StorageItem& o, const StorageItem& n) {
    return n.label == o.label || (!n.renamed_from.empty() && n.renamed_from == o.label);
}

class Comparer {
public:
    Comparer(const LayoutSide& o, const LayoutSide& n, Findings& out, std::vector<LayoutRow>& rows)
        : o_(o), n_(n), out_(out), rows_(rows) {}

    void compare_layout(const StorageLayout& ol, const StorageLayout& nl) {
        auto ops = align(ol.items, nl.items, /*last_may_grow=*/false);
        size_t last_old = 0;  // ops after the last match/erase are appends
        for (size_t i = 0; i < ops.size(); ++i)
            if (ops[i].kind != Op::insert) last_old = i + 1;
        bool error_before = false;
        for (size_t i = 0; i < ops.size(); ++i) {
            const Op& op = ops[i];
            LayoutRow row = make_row(ol.ns, op);
            if (op.kind == Op::insert) {
                if (i >= last_old) {
                    row.status = "append";
                } else if (!overlaps_old_variable(*op.n, ol)) {
                    row.status = "gap";  // into a gap or the unused bytes of a slot: nothing moves
                } else {
                    row.status = "insert";
                    add(false, op.n->ast_id, "insert",
                        "inserted `" + op.n->label + "` at slot " + slot_text(*op.n) + " before existing variables" +
                            ns_suffix(ol),
                        "Declare new variables after all existing ones, or take their slots from a __gap");
                    error_before = true;
                }
            } else if (op.kind == Op::erase) {
                if (solidity::is_gap(*op.o, *o_.storage) && gap_finished(*op.o, nl)) {
                    row.status = "gap";
                } else {
                    row.status = "delete";
                    add(true, op.o->ast_id, "delete",
                        "deleted `" + op.o->label + "` (slot " + slot_text(*op.o) + ")" + ns_suffix(ol),
                        "Keep the variable even if unused (rename it with @custom:oz-renamed-from to mark it unused)");
                    error_before = true;
                }
            } else {
                row.status = match(*op.o, *op.n, ol, error_before);
            }
            rows_.push_back(std::move(row));
        }
    }

    void compare(const ContractStorage& os, const ContractStorage& ns) {
        compare_layout(os.main, ns.main);
        for (const auto& ol : os.namespaces) {
            auto it = std::find_if(ns.namespaces.begin(), ns.namespaces.end(),
                                   [&](const StorageLayout& l) { return l.ns == ol.ns; });
            if (it == ns.namespaces.end()) {
                std::string moved;
                for (const auto& nl : ns.namespaces)
                    if (nl.struct_name == ol.struct_name) moved = " (struct " + nl.struct_name + " now uses " + nl.ns + ")";
                add(true, ol.struct_ast_id, "delete-namespace",
                    "deleted namespace `" + ol.ns + "` (struct " + ol.struct_name + ")" + moved,
                    "Keep the struct with annotation '@custom:storage-location " + ol.ns + "' even if unused");
                LayoutRow row;
                row.ns = ol.ns;
                row.old_label = ol.struct_name;
                row.status = "delete-namespace";
                rows_.push_back(std::move(row));
                continue;
            }
            // OpenZeppelin's CLI reads namespace members from the struct's AST,
            // where solc keeps no member documentation: it honours no
            // @custom:oz-renamed-from / oz-retyped-from there, and neither does Suture.
            compare_layout(without_annotations(ol), without_annotations(*it));
        }
    }

private:
    static StorageLayout without_annotations(StorageLayout l) {
        for (auto& item : l.items) item.renamed_from.clear(), item.retyped_from.clear();
        return l;
    }

    // Levenshtein alignment with costs that prefer keeping a variable (same
    // name, compatible type) over renaming, renaming over replacing, and
    // replacing over deleting and inserting.
    std::vector<Op> align(const std::vector<StorageItem>& a, const std::vector<StorageItem>& b, bool last_may_grow) {
        const int kIns = 4, kDel = 4;
        size_t n = a.size(), m = b.size();
        std::vector<int> d((n + 1) * (m + 1));
        auto at = [&](size_t i, size_t j) -> int& { return d[i * (m + 1) + j]; };
        for (size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i) * kDel;
        for (size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j) * kIns;
        for (size_t i = 1; i <= n; ++i)
            for (size_t j = 1; j <= m; ++j) {
                int sub = at(i - 1, j - 1) + pair_cost(a[i - 1], b[j - 1], last_may_grow && i == n);
                at(i, j) = std::min({sub, at(i - 1, j) + kDel, at(i, j - 1) + kIns});
            }
        std::vector<Op> ops;
        size_t i = n, j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && at(i, j) == at(i - 1, j - 1) + pair_cost(a[i - 1], b[j - 1], last_may_grow && i == n)) {
                ops.push_back({Op::match, &a[i - 1], &b[j - 1]});
                --i, --j;
            } else if (i > 0 && at(i, j) == at(i - 1, j) + kDel) {
                ops.push_back({Op::erase, &a[i - 1], nullptr});
                --i;
            } else {
                ops.push_back({Op::insert, nullptr, &b[j - 1]});
                --j;
            }
        }
        std::reverse(ops.begin(), ops.end());
        return ops;
    }

    int pair_cost(const StorageItem& o, const StorageItem& n, bool may_grow) {
        bool gaps = solidity::is_gap(o, *o_.storage) && solidity::is_gap(n, *n_.storage);
        // A gap taken over by the variable ending where it ended (OpenZeppelin's finishgap, cost 1).
        if (!same_name(o, n) && solidity::is_gap(o, *o_.storage) &&
            solidity::item_end_byte(o, *o_.storage) == solidity::item_end_byte(n, *n_.storage))
            return 1;
        if (same_name(o, n)) {
            if (gaps) return 0;
            const TypeDiff& td = types(o.type, n.type, may_grow);
            return td.ok || !n.retyped_from.empty() ? 0 : 2;
        }
        return types(o.type, n.type, may_grow).ok ? 3 : 5;
    }

    // The status of a matched pair; adds findings.
    std::string match(const StorageItem& o, const StorageItem& n, const StorageLayout& ol, bool& error_before) {
        std::string status = "same";
        if (same_name(o, n) && solidity::is_gap(o, *o_.storage) && solidity::is_gap(n, *n_.storage)) {
            Wide oe = solidity::item_end_byte(o, *o_.storage), ne = solidity::item_end_byte(n, *n_.storage);
            if (oe == ne) return "gap";
            const StorageType* ot = o_.storage->type(o.type);
            const StorageType* nt = n_.storage->type(n.type);
            bool shrunk = ot && nt && ot->length && nt->length && *nt->length <= *ot->length;
            if (shrunk) {
                // The gap must end where it ended: shrink it by exactly the slots taken.
                Wide want = (oe - solidity::item_start_byte(n)).div_small(32);
                add(false, n.ast_id, "shrinkgap",
                    "gap `" + n.label + "` shrunk from " + ot->length->decimal() + " to " + nt->length->decimal() +
                        " slots, but it must end at the same slot as before (shrink it by exactly the slots added)" + ns_suffix(ol),
                    "Set `" + n.label + "` to size " + want.decimal());
            } else {
                add(false, n.ast_id, "typechange",
                    "gap `" + n.label + "` grew or changed type (" + type_label(o_, o.type) + " -> " +
                        type_label(n_, n.type) + ")" + ns_suffix(ol),
                    "A gap may only shrink, by exactly the slots of the variables added before it");
            }
            error_before = true;
            return shrunk ? "shrinkgap" : "typechange";
        }
        // A gap taken over by a variable (or a renamed gap) that ends where the gap
        // ended: the slots after it keep their places (OpenZeppelin's finishgap).
        if (!same_name(o, n) && solidity::is_gap(o, *o_.storage) &&
            solidity::item_end_byte(o, *o_.storage) == solidity::item_end_byte(n, *n_.storage))
            return "gap";
        const TypeDiff& td = types(o.type, n.type, false);
        if (same_name(o, n)) {
            if (!td.ok) {
                const StorageType* ot = o_.storage->type(o.type);
                const StorageType* nt = n_.storage->type(n.type);
                // OpenZeppelin: the annotation must name the old type (its label without
                // "contract "/"struct "/"enum "), and the variable keep its place and size.
                bool same_place = ot && nt && ot->bytes == nt->bytes &&
                                  solidity::item_start_byte(o) == solidity::item_start_byte(n);
                bool names_old = plain_label(n.retyped_from) == plain_label(type_label(o_, o.type));
                if (!n.retyped_from.empty() && same_place && names_old) {
                    suppressed(false, n.ast_id, "typechange",
                               "`" + n.label + "` retyped from " + type_label(o_, o.type) + " to " + type_label(n_, n.type),
                               "@custom:oz-retyped-from " + n.retyped_from);
                    status = "retyped";
                } else {
                    std::string why = n.retyped_from.empty() ? td.why
                                       : !names_old ? "annotated @custom:oz-retyped-from " + n.retyped_from +
                                                          ", which does not name the old type " + type_label(o_, o.type)
                                                    : "annotated @custom:oz-retyped-from " + n.retyped_from +
                                                          " but the size or position changed";
                    add(false, n.ast_id, "typechange",
                        "`" + n.label + "` changed type from " + type_label(o_, o.type) + " to " + type_label(n_, n.type) +
                            ": " + why + ns_suffix(ol),
                        "Keep the old type (annotate @custom:oz-retyped-from only when the layout is identical)");
                    error_before = true;
                    return "typechange";
                }
            }
            if (n.label != o.label) {
                suppressed(false, n.ast_id, "rename", "`" + o.label + "` renamed to `" + n.label + "`",
                           "@custom:oz-renamed-from " + n.renamed_from);
                status = "renamed";
            }
            for (const auto& a : td.allowed) suppressed(a.old_side, a.ast_id, a.code, a.message, a.by);
        } else if (td.ok) {
            add(false, n.ast_id, "rename",
                "renamed `" + o.label + "` to `" + n.label + "` (slot " + slot_text(n) + ")" + ns_suffix(ol),
                "If intended, annotate the variable with /// @custom:oz-renamed-from " + o.label);
            error_before = true;
            status = "rename";
        } else {
            add(false, n.ast_id, "replace",
                "replaced `" + o.label + "` (" + type_label(o_, o.type) + ") with `" + n.label + "` (" +
                    type_label(n_, n.type) + ") at slot " + slot_text(n) + ns_suffix(ol),
                "Keep `" + o.label + "` in place and declare `" + n.label + "` after all existing variables");
            error_before = true;
            return "replace";
        }
        if (solidity::item_start_byte(o) != solidity::item_start_byte(n) && !error_before) {
            add(false, n.ast_id, "layoutchange",
                "`" + n.label + "` moved from slot " + slot_text(o) + " offset " + std::to_string(o.offset) +
                    " to slot " + slot_text(n) + " offset " + std::to_string(n.offset) + ns_suffix(ol),
                "Restore the declaration order so that existing variables keep their slots");
            error_before = true;
            return "layoutchange";
        }
        return status;
    }

    // ---- types ----

    const TypeDiff& types(const std::string& oid, const std::string& nid, bool allow_append) {
        auto key = std::make_tuple(oid, nid, allow_append);
        auto it = memo_.find(key);
        if (it != memo_.end()) return it->second;
        TypeDiff td = compute(oid, nid, allow_append);
        return memo_.emplace(key, std::move(td)).first->second;
    }

    static TypeDiff bad(std::string why) { return {false, std::move(why), {}}; }

    // A type id's head as OpenZeppelin reads it: the id up to its first '('
    // ("t_mapping", "t_struct", "t_userDefinedValueType", "t_uint256", ...),
    // solc's two memory-pointer spellings taken as one.
    static std::string head(const std::string& id) {
        std::string h = id.substr(0, id.find('('));
        for (size_t k; (k = h.find("_memory_ptr")) != std::string::npos;) h.erase(k + 7, 4);
        return h;
    }

    // Type compatibility as OpenZeppelin's storage comparator decides it
    // (storage/compare.ts getTypeChange), so that no change it refuses passes
    // here: different heads are different types (string and bytes, a
    // user-defined value type and its underlying type), except contract and
    // address; structs compare member by member and may grow, and static
    // arrays may grow, only as mapping values (`allow_append`); enums may gain
    // members within the same size; user-defined value types match by size.
    TypeDiff compute(const std::string& oid, const std::string& nid, bool allow_append) {
        const StorageType* ot = o_.storage->type(oid);
        const StorageType* nt = n_.storage->type(nid);
        if (!ot || !nt) return bad("unknown type");
        std::string oh = head(oid), nh = head(nid);
        if (oh.starts_with("t_function") && nh.starts_with("t_function")) {
            auto vis = [](const std::string& id) { return id.rfind("t_function_internal", 0) == 0; };
            return vis(oid) == vis(nid) ? TypeDiff{} : bad("function visibility changed");
        }
        if ((oh == "t_contract" && nh == "t_address") || (oh == "t_address" && nh == "t_contract")) return {};
        if (oh != nh) return bad("different type (" + ot->label + " -> " + nt->label + ")");
        if (oh == "t_contract") return {};
        if (oh == "t_mapping") {
            const TypeDiff& k = types(ot->key, nt->key, false);
            if (!k.ok) return bad("mapping key changed: " + k.why);
            TypeDiff v = types(ot->value, nt->value, true);  // each value has its own hashed region
            if (!v.ok) v.why = "mapping value changed: " + v.why;
            return v;
        }
        if (oh == "t_array") {
            if (ot->length.has_value() != nt->length.has_value()) return bad("dynamic vs static array");
            if (ot->length && *nt->length < *ot->length)
                return bad("array length shrank from " + ot->length->decimal() + " to " + nt->length->decimal());
            if (ot->length && *nt->length > *ot->length && !allow_append)
                return bad("array length grew from " + ot->length->decimal() + " to " + nt->length->decimal() +
                           ", which is only safe for a mapping value");
            TypeDiff e = types(ot->base, nt->base, false);
            if (!e.ok) e.why = "array element changed: " + e.why;
            return e;
        }
        if (oh == "t_struct") return struct_members(*ot, *nt, allow_append);
        if (oh == "t_enum") {
            const auto& a = ot->enum_members;
            const auto& b = nt->enum_members;
            if (ot->bytes != nt->bytes)
                return bad("enum grew from " + ot->bytes.decimal() + " to " + nt->bytes.decimal() + " bytes");
            if (b.size() < a.size() || !std::equal(a.begin(), a.end(), b.begin()))
                return bad("enum members changed (only appending members is safe)");
            return {};
        }
        if (oh == "t_userDefinedValueType" && ot->bytes != nt->bytes)
            return bad("size changed from " + ot->bytes.decimal() + " to " + nt->bytes.decimal() + " bytes");
        return {};
    }

    TypeDiff struct_members(const StorageType& ot, const StorageType& nt, bool allow_append) {
        auto ops = align(ot.members, nt.members, false);
        size_t last_old = 0;
        for (size_t i = 0; i < ops.size(); ++i)
            if (ops[i].kind != Op::insert) last_old = i + 1;
        TypeDiff out;
        std::string where = " in " + nt.label;
        for (size_t i = 0; i < ops.size(); ++i) {
            const Op& op = ops[i];
            if (op.kind == Op::insert) {
                if (i >= last_old && allow_append) continue;
                if (i < last_old && !overlaps_member(*op.n, ot)) continue;  // into unused bytes: nothing moves
                return bad(i >= last_old ? "member `" + op.n->label + "` appended" + where +
                                               ", which is only safe for a mapping value"
                                         : "member `" + op.n->label + "` inserted" + where);
            }
            if (op.kind == Op::erase) return bad("member `" + op.o->label + "` deleted" + where);
            const StorageItem& o = *op.o;
            const StorageItem& n = *op.n;
            // Members are compared by name and type only: OpenZeppelin reads no
            // @custom:oz-renamed-from / oz-retyped-from on struct members.
            if (n.label != o.label) return bad("member `" + o.label + "` renamed to `" + n.label + "`" + where);
            const TypeDiff& td = types(o.type, n.type, false);
            if (!td.ok) return bad("member `" + n.label + "`" + where + ": " + td.why);
            if (solidity::item_start_byte(o) != solidity::item_start_byte(n))
                return bad("member `" + n.label + "` moved" + where);
        }
        if (nt.bytes < ot.bytes) return bad("struct shrank" + where);
        return out;
    }

    // ---- output ----

    static std::string ns_suffix(const StorageLayout& l) { return l.ns.empty() ? "" : " in namespace " + l.ns; }

    static std::string type_label(const LayoutSide& side, const std::string& id) {
        const StorageType* t = side.storage->type(id);
        return t ? t->label : id;
    }

    // An inserted variable is safe where it overlaps no old variable other than
    // a gap: inside a gap, or in the unused bytes of a slot (OpenZeppelin's rule).
    bool overlaps_old_variable(const StorageItem& n, const StorageLayout& ol) const {
        Wide s = solidity::item_start_byte(n), e = solidity::item_end_byte(n, *n_.storage);
        for (const auto& o : ol.items) {
            if (solidity::is_gap(o, *o_.storage)) continue;
            if (solidity::item_start_byte(o) < e && s < solidity::item_end_byte(o, *o_.storage)) return true;
        }
        return false;
    }

    bool overlaps_member(const StorageItem& n, const StorageType& old_struct) const {
        Wide s = solidity::item_start_byte(n), e = solidity::item_end_byte(n, *n_.storage);
        for (const auto& o : old_struct.members)
            if (solidity::item_start_byte(o) < e && s < solidity::item_end_byte(o, *o_.storage)) return true;
        return false;
    }

    // A gap that disappeared is safe only when a new variable ends where it
    // ended (used up exactly); dropping it otherwise frees slots a later
    // version would misplace, and OpenZeppelin reports the deletion.
    bool gap_finished(const StorageItem& gap, const StorageLayout& nl) const {
        Wide end = solidity::item_end_byte(gap, *o_.storage);
        for (const auto& n : nl.items)
            if (solidity::item_end_byte(n, *n_.storage) == end) return true;
        return false;
    }

    // A type label without the words OpenZeppelin strips when it reads @custom:oz-retyped-from.
    static std::string plain_label(std::string l) {
        for (const char* w : {"contract ", "struct ", "enum "})
            for (size_t k; (k = l.find(w)) != std::string::npos;) l.erase(k, std::string(w).size());
        while (!l.empty() && l.back() == ' ') l.pop_back();
        while (!l.empty() && l.front() == ' ') l.erase(0, 1);
        return l;
    }

    LayoutRow make_row(const std::string& ns, const Op& op) const {
        LayoutRow r;
        r.ns = ns;
        if (op.o) {
            r.old_label = op.o->label;
            r.old_type = type_label(o_, op.o->type);
            r.old_slot = slot_text(*op.o);
            r.old_offset = static_cast<int>(op.o->offset);
        }
        if (op.n) {
            r.new_label = op.n->label;
            r.new_type = type_label(n_, op.n->type);
            r.new_slot = slot_text(*op.n);
            r.new_offset = static_cast<int>(op.n->offset);
        }
        return r;
    }

    Location where(bool old_side, int64_t ast_id) const {
        const LayoutSide& s = old_side ? o_ : n_;
        if (const auto* node = s.build->node(ast_id)) return solidity::location_of(*s.build, *node);
        return {};
    }

    void add(bool old_side, int64_t ast_id, std::string code, std::string message, std::string hint) {
        Finding f;
        f.severity = Severity::error;
        f.code = std::move(code);
        f.message = std::move(message);
        f.location = where(old_side, ast_id);
        f.hint = std::move(hint);
        out_.push_back(std::move(f));
    }

    void suppressed(bool old_side, int64_t ast_id, std::string code, std::string message, std::string by) {
        add(old_side, ast_id, std::move(code), std::move(message), "");
        out_.back().suppressed = true;
        out_.back().suppressed_by = std::move(by);
    }

    const LayoutSide& o_;
    const LayoutSide& n_;
    Findings& out_;
    std::vector<LayoutRow>& rows_;
    std::map<std::tuple<std::string, std::string, bool>, TypeDiff> memo_;
};

}  // namespace

void compare_storage(const LayoutSide& old_side, const LayoutSide& new_side, Findings& out,
                     std::vector<LayoutRow>& rows) {
    Comparer c(old_side, new_side, out, rows);
    c.compare(*old_side.storage, *new_side.storage);
}

}  // namespace suture::upgrade
