#include "verify/migration_snapshot.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::verify {
namespace {

using json = nlohmann::json;
using SlotSet = std::unordered_set<uint256, Uint256Hash>;

uint256 slot_of(const solidity::Wide& w) { return uint256::from_bytes32(w.to_be32()); }

// keccak256(key . slot): a mapping value's slot (key already a 32-byte word).
uint256 mapping_slot(const Bytes32& key_word, const uint256& slot) {
    uint8_t buf[64];
    std::copy(key_word.begin(), key_word.end(), buf);
    slot.to_be(buf + 32);
    return uint256::from_bytes32(keccak256(BytesView(buf, sizeof buf)));
}

uint256 array_data_slot(const uint256& slot) { return uint256::from_bytes32(keccak256(BytesView(slot.to_bytes32()))); }

// The ABI type a storage value type is read as.
Result<abi::AbiType> value_abi_type(const solidity::StorageType& t) {
    if (t.is_enum) return abi::AbiType::uint(8 * static_cast<unsigned>(t.bytes.limb[0]));
    if (t.label.starts_with("contract ") || t.label == "address payable") return abi::AbiType::simple(abi::AbiKind::address);
    auto a = abi::parse_type(t.label);
    if (!a || a->is_dynamic() || a->kind == abi::AbiKind::tuple || a->kind == abi::AbiKind::fixed_array ||
        a->kind == abi::AbiKind::function)
        return unsupported_error("type " + t.label + " is not an elementary value type");
    return std::move(*a);
}

// One column: a value at (relative slot, offset) under the entry's slot, or a
// dynamic array of elementary values whose length sits there.
struct ColumnRead {
    uint256 rel;
    uint32_t offset = 0, bytes = 32;
    bool array = false;
    abi::AbiType elem;  // the value type, or the array's element type
};

struct FieldPlan {
    std::string name;
    uint256 slot;
    std::vector<ColumnRead> reads;  // parallel to the table's columns of this field
};

struct TablePlan {
    std::vector<abi::Signature> events;
    std::vector<size_t> key_arg;  // per event * keys: the argument index
    std::vector<FieldPlan> fields;
    size_t max_rel = 0;           // largest relative slot of a column (gap search)
};

Status flatten(const solidity::ContractStorage& layout, const solidity::StorageType& t, const std::string& name,
               const uint256& rel, uint32_t offset, SnapshotTable& table, FieldPlan& field) {
    if (t.is_struct) {
        for (const auto& m : t.members) {
            const auto* mt = layout.type(m.type);
            if (!mt) return input_error(name + "." + m.label + ": type " + m.type + " missing from the storage layout");
            SUTURE_CHECK(flatten(layout, *mt, name + "." + m.label, rel + slot_of(m.slot), m.offset, table, field));
        }
        return {};
    }
    if (t.encoding == solidity::Encoding::dynamic_array) {
        const auto* et = layout.type(t.base);
        if (!et || et->is_struct || et->encoding != solidity::Encoding::inplace)
            return unsupported_error(name + ": arrays of " + (et ? et->label : t.base) +
                                     " (only arrays of elementary values are read)");
        SUTURE_TRY(elem, value_abi_type(*et));
        table.columns.push_back({name + "[]", abi::AbiType::array_of(elem)});
        field.reads.push_back({rel, 0, static_cast<uint32_t>(et->bytes.limb[0]), true, std::move(elem)});
        return {};
    }
    if (t.encoding != solidity::Encoding::inplace || t.length)
        return unsupported_error(name + ": " + t.label + " (mappings deeper than the table's keys, bytes, strings and "
                                 "static arrays are not read)");
    auto a = value_abi_type(t);
    if (!a) return std::move(a).error().context(name);
    table.columns.push_back({name, *a});
    field.reads.push_back({rel, offset, static_cast<uint32_t>(t.bytes.limb[0]), false, std::move(*a)});
    return {};
}

const solidity::StorageItem* find_item(const solidity::ContractStorage& layout, std::string_view label) {
    for (const auto& item : layout.main.items)
        if (item.label == label) return &item;
    return nullptr;
}

Result<TablePlan> plan_table(const SnapshotTableSpec& spec, const solidity::ContractStorage& layout,
                             SnapshotTable& table) {
    const std::string where = "table " + spec.name;
    if (spec.keys.empty() || spec.keys.size() > 2) return input_error(where + ": give one or two keys");
    if (spec.events.empty()) return input_error(where + ": no events (holders come from declared events)");
    if (spec.fields.empty()) return input_error(where + ": no fields");
    TablePlan plan;
    table.name = spec.name;
    for (const auto& text : spec.events) {
        auto sig = abi::parse_signature(text);
        if (!sig) return std::move(sig).error().context(where + ": event " + text);
        for (size_t k = 0; k < spec.keys.size(); ++k) {
            auto it = std::find_if(sig->inputs.begin(), sig->inputs.end(),
                                   [&](const abi::Param& p) { return p.name == spec.keys[k]; });
            if (it == sig->inputs.end())
                return input_error(where + ": event " + sig->name + " has no argument named " + spec.keys[k]);
            if (it->type.is_dynamic()) return unsupported_error(where + ": key " + spec.keys[k] + " of dynamic type");
            if (table.keys.size() <= k) table.keys.push_back({spec.keys[k], it->type});
            else if (!(table.keys[k].type == it->type))
                return input_error(where + ": key " + spec.keys[k] + " is " + table.keys[k].type.canonical() + " in one "
                                   "event and " + it->type.canonical() + " in " + sig->name);
            plan.key_arg.push_back(static_cast<size_t>(it - sig->inputs.begin()));
        }
        plan.events.push_back(std::move(*sig));
    }
    for (const auto& name : spec.fields) {
        const auto* item = find_item(layout, name);
        if (!item) return input_error(where + ": no state variable " + name + " in the storage layout");
        const auto* t = layout.type(item->type);
        for (size_t k = 0; k < spec.keys.size(); ++k) {
            if (!t || t->encoding != solidity::Encoding::mapping)
                return input_error(where + ": " + name + " is not a mapping nested " + std::to_string(spec.keys.size()) +
                                   " deep (one level per key)");
            const auto* kt = layout.type(t->key);
            auto ka = kt ? value_abi_type(*kt) : Result<abi::AbiType>(input_error("unknown key type"));
            if (!ka || !(*ka == table.keys[k].type))
                return input_error(where + ": " + name + " is keyed by " + (kt ? kt->label : t->key) + " but key " +
                                   spec.keys[k] + " is " + table.keys[k].type.canonical());
            t = layout.type(t->value);
        }
        if (!t) return input_error(where + ": " + name + ": value type missing from the storage layout");
        FieldPlan f{name, slot_of(item->slot), {}};
        SUTURE_CHECK(flatten(layout, *t, name, uint256(0), 0, table, f));
        for (const auto& r : f.reads)
            if (r.rel.fits_u64() && r.rel.low64() < 4096) plan.max_rel = std::max<size_t>(plan.max_rel, r.rel.low64());
        plan.fields.push_back(std::move(f));
    }
    return plan;
}

abi::AbiValue decode_word(const abi::AbiType& t, uint256 v) {
    switch (t.kind) {
    case abi::AbiKind::bool_: return abi::AbiValue(v != uint256(0));
    case abi::AbiKind::address: {
        Address a;
        const Bytes32 w = v.to_bytes32();
        std::copy(w.begin() + 12, w.end(), a.bytes.begin());
        return abi::AbiValue(a);
    }
    case abi::AbiKind::int_:
        if (t.size < 256 && ((v >> (t.size - 1)) & uint256(1)) != uint256(0)) v = v | (~uint256(0) << t.size);
        return abi::AbiValue(v);
    case abi::AbiKind::fixed_bytes: {
        const Bytes32 w = v.to_bytes32();
        return abi::AbiValue(Bytes(w.end() - t.size, w.end()));
    }
    default: return abi::AbiValue(v);
    }
}

uint256 extract(const uint256& word, uint32_t offset, uint32_t bytes) {
    uint256 v = word >> (8 * offset);
    if (bytes < 32) v = v & ((uint256(1) << (8 * bytes)) - uint256(1));
    return v;
}

class Reader {
public:
    Reader(const Address& contract, evm::StateBackend& state, SlotSet* seen) : c_(contract), s_(state), seen_(seen) {}
    Result<uint256> word(const uint256& slot) {
        if (seen_) seen_->insert(slot);
        return s_.storage(c_, slot);
    }
    Status touch(const uint256& slot) {
        auto w = word(slot);
        if (!w) return std::move(w).error();
        return {};
    }
    Result<abi::AbiValue> read(const ColumnRead& r, const uint256& base) {
        const uint256 at = base + r.rel;
        SUTURE_TRY(w, word(at));
        if (!r.array) return decode_word(r.elem, extract(w, r.offset, r.bytes));
        if (w > uint256(1u << 24)) return input_error("array at slot " + at.to_hex() + " has length " + w.to_dec());
        const uint64_t len = w.low64();
        const uint32_t per_slot = r.bytes <= 16 ? 32 / r.bytes : 1;
        const uint256 data = array_data_slot(at);
        abi::AbiValue::List out;
        out.reserve(len);
        uint256 cur;
        for (uint64_t i = 0; i < len; ++i) {
            if (i % per_slot == 0) {
                SUTURE_TRY(x, word(data + uint256(i / per_slot)));
                cur = x;
            }
            out.push_back(decode_word(r.elem, extract(cur, static_cast<uint32_t>((i % per_slot) * r.bytes), r.bytes)));
        }
        return abi::AbiValue(std::move(out));
    }

private:
    Address c_;
    evm::StateBackend& s_;
    SlotSet* seen_;
};

Bytes32 key_word(const abi::AbiType& t, const abi::AbiValue& v) {
    auto enc = abi::encode({t}, {v});
    Bytes32 w{};
    if (enc && enc->size() == 32) std::copy(enc->begin(), enc->end(), w.begin());
    return w;
}

// Holders (and inner keys) from the declared events, in key order.
Result<std::vector<std::vector<abi::AbiValue>>> collect_keys(const TablePlan& plan, const SnapshotTable& table,
                                                             const Address& contract, std::span<const evm::Log> logs) {
    std::map<Bytes, std::vector<abi::AbiValue>> keys;
    std::vector<Bytes32> topics0;
    for (const auto& e : plan.events) topics0.push_back(abi::event_topic(e.canonical()));
    const size_t nk = table.keys.size();
    for (const auto& log : logs) {
        if (log.address != contract || log.topics.empty()) continue;
        for (size_t e = 0; e < plan.events.size(); ++e) {
            if (log.topics[0] != topics0[e]) continue;
            auto args = abi::decode_log(plan.events[e], log.topics, log.data);
            if (!args) return std::move(args).error().context("table " + table.name + ": log of " + plan.events[e].name);
            std::vector<abi::AbiValue> key;
            Bytes sort_key;
            for (size_t k = 0; k < nk; ++k) {
                const auto& arg = (*args)[plan.key_arg[e * nk + k]];
                if (!arg.value) return input_error("table " + table.name + ": key " + table.keys[k].name + " not decoded");
                key.push_back(*arg.value);
                const Bytes32 w = key_word(table.keys[k].type, *arg.value);
                sort_key.insert(sort_key.end(), w.begin(), w.end());
            }
            keys.emplace(std::move(sort_key), std::move(key));
        }
    }
    std::vector<std::vector<abi::AbiValue>> out;
    out.reserve(keys.size());
    for (auto& [_, k] : keys) out.push_back(std::move(k));
    return out;
}

uint256 entry_base(const FieldPlan& f, const SnapshotTable& t, const std::vector<abi::AbiValue>& key) {
    uint256 slot = f.slot;
    for (size_t k = 0; k < key.size(); ++k) slot = mapping_slot(key_word(t.keys[k].type, key[k]), slot);
    return slot;
}

// Slots of the contract's own static variables and top-level arrays/strings:
// explained without being migrated by a table.
Status mark_static(const solidity::ContractStorage& layout, Reader& r) {
    for (const auto& item : layout.main.items) {
        const auto* t = layout.type(item.type);
        if (!t) continue;
        const uint256 slot = slot_of(item.slot);
        if (t->encoding == solidity::Encoding::inplace) {
            const uint64_t n = t->bytes.fits_u64() ? (t->bytes.limb[0] + item.offset + 31) / 32 : 1;
            for (uint64_t i = 0; i < std::min<uint64_t>(n, 1u << 16); ++i) {
                SUTURE_CHECK(r.touch(slot + uint256(i)));
            }
        } else if (t->encoding == solidity::Encoding::dynamic_array || t->encoding == solidity::Encoding::bytes) {
            SUTURE_TRY(len, r.word(slot));
            uint64_t data_slots = 0;
            if (t->encoding == solidity::Encoding::bytes) data_slots = (len & uint256(1)) != uint256(0) ? (len.low64() / 2 + 31) / 32 : 0;
            else if (const auto* et = layout.type(t->base); et && et->bytes.fits_u64() && len < uint256(1u << 24)) {
                const uint64_t eb = et->bytes.limb[0];
                data_slots = eb <= 16 ? (len.low64() * eb + 31) / 32 : len.low64() * ((eb + 31) / 32);
            }
            const uint256 data = array_data_slot(slot);
            for (uint64_t i = 0; i < std::min<uint64_t>(data_slots, 1u << 20); ++i) {
                SUTURE_CHECK(r.touch(data + uint256(i)));
            }
        }
    }
    return {};
}

struct GapHit {
    size_t table, field;
    std::vector<abi::AbiValue> key;
};

// Slots a candidate address reaches in mappings keyed by address that no table
// declares (the mapping's value slot, and a dynamic array's first data slot).
std::unordered_map<uint256, std::pair<std::string, Address>, Uint256Hash> undeclared_bases(
    const solidity::ContractStorage& layout, const std::vector<TablePlan>& plans, const SnapshotSource& src) {
    std::set<std::string, std::less<>> declared;
    for (const auto& p : plans)
        for (const auto& f : p.fields) declared.insert(f.name);
    std::unordered_map<uint256, std::pair<std::string, Address>, Uint256Hash> out;
    const abi::AbiType address_type = abi::AbiType::simple(abi::AbiKind::address);
    for (const auto& item : layout.main.items) {
        const auto* t = layout.type(item.type);
        if (!t || t->encoding != solidity::Encoding::mapping || declared.count(item.label)) continue;
        const auto* kt = layout.type(t->key);
        if (!kt || kt->label != "address") continue;
        const auto* vt = layout.type(t->value);
        const bool array = vt && vt->encoding == solidity::Encoding::dynamic_array;
        for (const auto& a : src.candidate_keys) {
            const uint256 base = mapping_slot(key_word(address_type, abi::AbiValue(a)), slot_of(item.slot));
            out.emplace(base, std::pair{item.label, a});
            if (array) out.emplace(array_data_slot(base), std::pair{item.label + "[]", a});
        }
    }
    return out;
}

void find_gaps(const MigrationSpec& spec, const solidity::ContractStorage& layout, const std::vector<TablePlan>& plans,
               MigrationSnapshot& snap, const SnapshotSource& src, const SlotSet& seen) {
    std::vector<std::pair<uint256, uint256>> unexplained;
    for (const auto& [slot, value] : *src.storage)
        if (value != uint256(0) && !seen.count(slot)) unexplained.emplace_back(slot, value);
    if (unexplained.empty()) return;
    std::sort(unexplained.begin(), unexplained.end());

    // Entry slots every candidate address would have, for each table and field.
    std::unordered_map<uint256, GapHit, Uint256Hash> bases;
    size_t max_rel = 0;
    for (size_t ti = 0; ti < plans.size(); ++ti) {
        const SnapshotTable& t = snap.tables[ti];
        if (t.keys[0].type.kind != abi::AbiKind::address) continue;
        max_rel = std::max(max_rel, plans[ti].max_rel);
        std::vector<abi::AbiValue> inner;
        if (t.keys.size() == 2) {
            if (t.keys[1].type.kind != abi::AbiKind::uint_) continue;
            for (uint64_t i = 0; i < 256; ++i) inner.push_back(abi::AbiValue(uint256(i)));
            for (const auto& e : t.entries)
                if (e.key[1].as_uint() >= uint256(256)) inner.push_back(e.key[1]);
        }
        for (size_t fi = 0; fi < plans[ti].fields.size(); ++fi)
            for (const auto& a : src.candidate_keys) {
                const uint256 outer = mapping_slot(key_word(t.keys[0].type, abi::AbiValue(a)), plans[ti].fields[fi].slot);
                if (t.keys.size() == 1) {
                    bases.emplace(outer, GapHit{ti, fi, {abi::AbiValue(a)}});
                    continue;
                }
                for (const auto& k : inner)
                    bases.emplace(mapping_slot(key_word(t.keys[1].type, k), outer), GapHit{ti, fi, {abi::AbiValue(a), k}});
            }
    }
    const auto undeclared = undeclared_bases(layout, plans, src);
    constexpr uint64_t kUndeclaredReach = 64;  // slots past a base still attributed to it (structs, array data)
    for (const auto& [slot, value] : unexplained) {
        CoverageGap g;
        g.slot = slot;
        g.value = value;
        for (size_t r = 0; r <= max_rel && g.table.empty(); ++r) {
            auto it = bases.find(slot - uint256(r));
            if (it == bases.end()) continue;
            const SnapshotTable& t = snap.tables[it->second.table];
            g.table = t.name;
            g.field = plans[it->second.table].fields[it->second.field].name;
            g.key = it->second.key;
            std::string who;
            for (size_t k = 0; k < g.key.size(); ++k) who += (k ? "/" : "") + abi::format_value(t.keys[k].type, g.key[k]);
            g.message = who + " holds " + g.field + " (slot " + slot.to_hex() + " = " + value.to_dec() +
                        ") but no declared event of table " + t.name + " (" + spec.tables[it->second.table].events.front() +
                        (spec.tables[it->second.table].events.size() > 1 ? ", ..." : "") + ") names it";
        }
        for (uint64_t r = 0; r < kUndeclaredReach && g.table.empty() && g.field.empty(); ++r) {
            auto it = undeclared.find(slot - uint256(r));
            if (it == undeclared.end()) continue;
            g.field = it->second.first;
            g.key = {abi::AbiValue(it->second.second)};
            g.message = to_checksum(it->second.second) + " holds " + g.field + " (slot " + slot.to_hex() + " = " +
                        value.to_dec() + "), a mapping no table of the spec declares: not in the snapshot";
        }
        if (g.table.empty() && g.field.empty())
            g.message = "slot " + slot.to_hex() + " = " + value.to_dec() +
                        " is not explained by the snapshot: no declared event or known address reaches it";
        snap.gaps.push_back(std::move(g));
    }
}

// Without the contract's whole storage (a node): each candidate address that
// is no key of a one-key table is read as one, and any non-zero value is a gap
// naming it and the field; mappings keyed by address that no table declares
// are read at every candidate's value slot (a dynamic array: its length).
Status probe_gaps(const MigrationSpec& spec, const solidity::ContractStorage& layout, const std::vector<TablePlan>& plans,
                  MigrationSnapshot& snap, const SnapshotSource& src, Reader& reader) {
    for (size_t ti = 0; ti < plans.size(); ++ti) {
        const SnapshotTable& t = snap.tables[ti];
        if (t.keys.size() != 1 || t.keys[0].type.kind != abi::AbiKind::address) continue;
        std::unordered_set<Address, AddressHash> known;
        for (const auto& e : t.entries) known.insert(e.key[0].as_address());
        for (const auto& a : src.candidate_keys) {
            if (known.count(a)) continue;
            const std::vector<abi::AbiValue> key{abi::AbiValue(a)};
            for (const auto& f : plans[ti].fields) {
                const uint256 base = entry_base(f, t, key);
                for (const auto& r : f.reads) {
                    SUTURE_TRY(w, reader.word(base + r.rel));
                    if (w == uint256(0)) continue;
                    snap.gaps.push_back({t.name, f.name, key, base + r.rel, w,
                                         to_checksum(a) + " holds " + f.name + " (slot " + (base + r.rel).to_hex() + " = " +
                                             w.to_dec() + ") but no declared event of table " + t.name + " (" +
                                             spec.tables[ti].events.front() +
                                             (spec.tables[ti].events.size() > 1 ? ", ..." : "") + ") names it"});
                    break;
                }
            }
        }
    }
    for (const auto& [base, who] : undeclared_bases(layout, plans, src)) {
        if (who.first.ends_with("[]")) continue;  // the length at the base says it
        SUTURE_TRY(w, reader.word(base));
        if (w == uint256(0)) continue;
        snap.gaps.push_back({"", who.first, {abi::AbiValue(who.second)}, base, w,
                             to_checksum(who.second) + " holds " + who.first + " (slot " + base.to_hex() + " = " +
                                 w.to_dec() + "), a mapping no table of the spec declares: not in the snapshot"});
    }
    std::sort(snap.gaps.begin(), snap.gaps.end(), [](const CoverageGap& a, const CoverageGap& b) { return a.slot < b.slot; });
    snap.coverage_probed_keys = src.candidate_keys.size();
    return {};
}

Status read_entries(const TablePlan& plan, SnapshotTable& table, Reader& reader,
                    std::vector<std::vector<abi::AbiValue>> keys) {
    table.entries.reserve(keys.size());
    for (auto& key : keys) {
        SnapshotEntry e;
        e.values.reserve(table.columns.size());
        for (const auto& f : plan.fields) {
            const uint256 base = entry_base(f, table, key);
            for (const auto& r : f.reads) {
                auto v = reader.read(r, base);
                if (!v) return std::move(v).error().context("table " + table.name + ": " + f.name);
                e.values.push_back(std::move(*v));
            }
        }
        e.key = std::move(key);
        table.entries.push_back(std::move(e));
    }
    return {};
}

}  // namespace

Result<SnapshotTable> read_table(const SnapshotTableSpec& spec, const solidity::ContractStorage& layout,
                                 evm::StateBackend& state, const Address& contract,
                                 std::vector<std::vector<abi::AbiValue>> keys) {
    SnapshotTable table;
    SUTURE_TRY(plan, plan_table(spec, layout, table));
    Reader reader(contract, state, nullptr);
    SUTURE_CHECK(read_entries(plan, table, reader, std::move(keys)));
    return table;
}

Result<uint256> read_variable(const solidity::ContractStorage& layout, evm::StateBackend& state,
                              const Address& contract, std::string_view variable) {
    const auto* item = find_item(layout, variable);
    const auto* t = item ? layout.type(item->type) : nullptr;
    if (!t || t->encoding != solidity::Encoding::inplace || t->is_struct)
        return input_error("no elementary state variable " + std::string(variable) + " in the storage layout");
    SUTURE_TRY(w, state.storage(contract, slot_of(item->slot)));
    return extract(w, item->offset, static_cast<uint32_t>(t->bytes.limb[0]));
}

const SnapshotTable* MigrationSnapshot::table(std::string_view name) const {
    for (const auto& t : tables)
        if (t.name == name) return &t;
    return nullptr;
}

size_t MigrationSnapshot::entry_count() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.entries.size();
    return n;
}

Result<std::vector<Bytes32>> snapshot_event_topics(const MigrationSpec& spec) {
    std::vector<Bytes32> out;
    for (const auto& t : spec.tables)
        for (const auto& text : t.events) {
            auto sig = abi::parse_signature(text);
            if (!sig) return std::move(sig).error().context("table " + t.name + ": event " + text);
            const Bytes32 topic = abi::event_topic(sig->canonical());
            if (std::find(out.begin(), out.end(), topic) == out.end()) out.push_back(topic);
        }
    return out;
}

Result<MigrationSnapshot> take_snapshot(const MigrationSpec& spec, const solidity::ContractStorage& layout,
                                        const SnapshotSource& src) {
    if (!src.state) return internal_error("take_snapshot: no state");
    MigrationSnapshot snap;
    snap.contract = spec.contract;
    snap.block = src.block;
    SlotSet seen;
    Reader reader(spec.contract, *src.state, src.storage ? &seen : nullptr);

    std::vector<TablePlan> plans;
    for (const auto& ts : spec.tables) {
        SnapshotTable table;
        SUTURE_TRY(plan, plan_table(ts, layout, table));
        SUTURE_TRY(keys, collect_keys(plan, table, spec.contract, src.logs));
        SUTURE_CHECK(read_entries(plan, table, reader, std::move(keys)));
        snap.tables.push_back(std::move(table));
        plans.push_back(std::move(plan));
    }

    for (const auto& ts : spec.totals) {
        const std::string where = "total " + ts.variable;
        const auto* item = find_item(layout, ts.variable);
        const auto* t = item ? layout.type(item->type) : nullptr;
        if (!t || t->encoding != solidity::Encoding::inplace || t->is_struct)
            return input_error(where + ": no elementary state variable of that name");
        const auto dot = ts.sum.find('.');
        const SnapshotTable* table = dot == std::string::npos ? nullptr : snap.table(ts.sum.substr(0, dot));
        if (!table) return input_error(where + ": sum " + ts.sum + " names no table (give table.column)");
        size_t col = table->columns.size();
        for (size_t c = 0; c < table->columns.size(); ++c)
            if (table->columns[c].name == ts.sum.substr(dot + 1)) col = c;
        if (col == table->columns.size() || table->columns[col].type.kind != abi::AbiKind::uint_)
            return input_error(where + ": " + ts.sum + " is not an unsigned integer column of table " + table->name);
        SnapshotTotal total{ts.variable, ts.sum, {}, {}};
        SUTURE_TRY(w, reader.word(slot_of(item->slot)));
        total.on_chain = extract(w, item->offset, static_cast<uint32_t>(t->bytes.limb[0]));
        for (const auto& e : table->entries) total.summed += e.values[col].as_uint();
        snap.totals.push_back(std::move(total));
    }

    if (src.storage) {
        SUTURE_CHECK(mark_static(layout, reader));
        snap.coverage_checked = true;
        find_gaps(spec, layout, plans, snap, src, seen);
    } else if (!src.candidate_keys.empty()) {
        SUTURE_CHECK(probe_gaps(spec, layout, plans, snap, src, reader));
    }
    return snap;
}

std::string snapshot_json(const MigrationSnapshot& s) {
    json tables = json::array();
    for (const auto& t : s.tables) {
        json keys = json::array(), cols = json::array(), entries = json::array();
        for (const auto& k : t.keys) keys.push_back({{"name", k.name}, {"type", k.type.canonical()}});
        for (const auto& c : t.columns) cols.push_back({{"name", c.name}, {"type", c.type.canonical()}});
        for (const auto& e : t.entries) {
            json key = json::array(), vals = json::array();
            for (size_t k = 0; k < e.key.size(); ++k) key.push_back(abi::value_to_json(t.keys[k].type, e.key[k]));
            for (size_t c = 0; c < e.values.size(); ++c) vals.push_back(abi::value_to_json(t.columns[c].type, e.values[c]));
            entries.push_back(json::array({std::move(key), std::move(vals)}));
        }
        tables.push_back({{"name", t.name}, {"keys", keys}, {"columns", cols}, {"entries", entries}});
    }
    json totals = json::array();
    for (const auto& t : s.totals)
        totals.push_back({{"variable", t.variable}, {"sum", t.sum}, {"on_chain", t.on_chain.to_dec()}, {"summed", t.summed.to_dec()}});
    json gaps = json::array();
    for (const auto& g : s.gaps) {
        json key = json::array();
        for (const auto& k : g.key) key.push_back(k.v.index() == 2 ? json(to_checksum(k.as_address())) : json(k.as_uint().to_dec()));
        gaps.push_back({{"table", g.table}, {"field", g.field}, {"key", key}, {"slot", g.slot.to_hex()},
                        {"value", g.value.to_dec()}, {"message", g.message}});
    }
    return json{{"format", "suture-migration-snapshot/1"},
                {"contract", to_checksum(s.contract)},
                {"block", std::to_string(s.block)},
                {"tables", tables},
                {"totals", totals},
                {"coverage_checked", s.coverage_checked},
                {"coverage_probed_keys", s.coverage_probed_keys},
                {"coverage_gaps", gaps}}
        .dump();
}

Bytes32 snapshot_hash(std::string_view canonical_json) { return keccak256(canonical_json); }

Result<MigrationSnapshot> parse_snapshot(std::string_view text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return input_error("not a JSON object");
    if (j.value("format", "") != "suture-migration-snapshot/1") return input_error("format: not suture-migration-snapshot/1");
    MigrationSnapshot s;
    try {
        SUTURE_TRY(c, parse_address(j.at("contract").get<std::string>()));
        s.contract = c;
        s.block = std::stoull(j.at("block").get<std::string>());
        s.coverage_checked = j.at("coverage_checked").get<bool>();
        s.coverage_probed_keys = j.value("coverage_probed_keys", size_t{0});
        for (const auto& jt : j.at("tables")) {
            SnapshotTable t;
            t.name = jt.at("name").get<std::string>();
            auto columns = [&](const char* key, std::vector<SnapshotColumn>& out) -> Status {
                for (const auto& c : jt.at(key)) {
                    auto type = abi::parse_type(c.at("type").get<std::string>());
                    if (!type) return std::move(type).error().context("tables." + t.name + "." + key);
                    out.push_back({c.at("name").get<std::string>(), std::move(*type)});
                }
                return {};
            };
            SUTURE_CHECK(columns("keys", t.keys));
            SUTURE_CHECK(columns("columns", t.columns));
            for (const auto& je : jt.at("entries")) {
                SnapshotEntry e;
                const auto& jk = je.at(0);
                const auto& jv = je.at(1);
                if (jk.size() != t.keys.size() || jv.size() != t.columns.size())
                    return input_error("tables." + t.name + ": entry " + std::to_string(t.entries.size()) + " has the wrong width");
                for (size_t k = 0; k < t.keys.size(); ++k) {
                    SUTURE_TRY(v, abi::value_from_json(t.keys[k].type, jk[k]));
                    e.key.push_back(std::move(v));
                }
                for (size_t c = 0; c < t.columns.size(); ++c) {
                    auto v = abi::value_from_json(t.columns[c].type, jv[c]);
                    if (!v) return std::move(v).error().context("tables." + t.name + "." + t.columns[c].name);
                    e.values.push_back(std::move(*v));
                }
                t.entries.push_back(std::move(e));
            }
            s.tables.push_back(std::move(t));
        }
        for (const auto& jt : j.at("totals")) {
            SUTURE_TRY(on_chain, uint256::parse(jt.at("on_chain").get<std::string>()));
            SUTURE_TRY(summed, uint256::parse(jt.at("summed").get<std::string>()));
            s.totals.push_back({jt.at("variable").get<std::string>(), jt.at("sum").get<std::string>(), on_chain, summed});
        }
        for (const auto& jg : j.at("coverage_gaps")) {
            CoverageGap g;
            g.table = jg.at("table").get<std::string>();
            g.field = jg.at("field").get<std::string>();
            g.message = jg.at("message").get<std::string>();
            SUTURE_TRY(slot, uint256::parse(jg.at("slot").get<std::string>()));
            SUTURE_TRY(value, uint256::parse(jg.at("value").get<std::string>()));
            g.slot = slot;
            g.value = value;
            for (const auto& jk : jg.at("key")) {
                const auto text = jk.get<std::string>();
                if (text.size() == 42 && text.starts_with("0x")) {
                    SUTURE_TRY(a, parse_address(text));
                    g.key.push_back(abi::AbiValue(a));
                } else {
                    SUTURE_TRY(k, uint256::parse(text));
                    g.key.push_back(abi::AbiValue(k));
                }
            }
            s.gaps.push_back(std::move(g));
        }
    } catch (const std::exception& e) {
        return input_error(std::string("malformed snapshot: ") + e.what());
    }
    return s;
}

}  // namespace suture::verify
