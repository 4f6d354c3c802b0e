#include "upgrade/executed_storage_fill.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/abi_encode.hpp"
#include "core/keccak.hpp"

namespace suture::upgrade {

namespace {

using solidity::Encoding;
using solidity::StorageType;
using solidity::Wide;

uint256 to_u256(const Wide& w) { return uint256::from_bytes32(w.to_be32()); }

uint64_t small(const Wide& w) { return w.fits_u64() ? w.limb[0] : UINT64_MAX; }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// keccak256 of a 32-byte big-endian word: where dynamic data of a slot starts.
uint256 data_slot(const uint256& slot) {
    Bytes32 w = slot.to_bytes32();
    return uint256::from_bytes32(keccak256(BytesView(w.data(), w.size())));
}

// The ABI type a mapping key of this storage type is hashed as.
abi::AbiType key_type(const StorageType& t) {
    if (t.encoding == Encoding::bytes) return abi::AbiType::simple(t.label == "string" ? abi::AbiKind::string
                                                                                       : abi::AbiKind::bytes);
    if (t.label.rfind("contract ", 0) == 0 || t.label.rfind("address", 0) == 0)
        return abi::AbiType::simple(abi::AbiKind::address);
    if (!t.is_enum)
        if (auto parsed = abi::parse_type(t.label); parsed.ok()) return *parsed;
    return abi::AbiType::uint(unsigned(std::min<uint64_t>(small(t.bytes), 32)) * 8);
}

// Solidity docs, "Mappings and Dynamic Arrays": the value of key k sits at
// keccak256(h(k) . p), h pads value types to 32 bytes and leaves strings and
// bytes unpadded.
uint256 mapping_slot(const abi::AbiType& kt, const abi::AbiValue& key, const uint256& slot) {
    Bytes buf;
    if (kt.kind == abi::AbiKind::string) {
        const auto& s = key.as_string();
        buf.assign(s.begin(), s.end());
    } else if (kt.kind == abi::AbiKind::bytes) {
        buf = key.as_bytes();
    } else if (auto enc = abi::encode({kt}, {key}); enc.ok()) {
        buf = std::move(*enc);
    }
    Bytes32 p = slot.to_bytes32();
    buf.insert(buf.end(), p.begin(), p.end());
    return uint256::from_bytes32(keccak256(buf));
}

class Filler {
public:
    Filler(ScratchChain& chain, const Address& account, const solidity::ContractStorage& s, const SampleSet& samples,
           FillValues values)
        : chain_(chain), account_(account), s_(s), samples_(samples), distinct_(values == FillValues::distinct) {}

    // A variable of the layout (or a namespace member) and all it holds.
    void fill_variable(const solidity::StorageItem& item) {
        variable_ = item.label;
        fill(item.type, to_u256(item.slot), item.offset, item.label, 0);
    }

    FilledVariables take_filled() { return std::move(filled_); }

    void fill(const std::string& type_id, const uint256& slot, uint32_t offset, const std::string& label, int depth) {
        const StorageType* t = s_.type(type_id);
        if (!t || depth > 8) return;
        switch (t->encoding) {
        case Encoding::inplace:
            if (t->is_struct) {
                for (const auto& m : t->members) fill(m.type, slot + to_u256(m.slot), m.offset, m.label, depth + 1);
            } else if (t->length) {
                fill_elements(t->base, slot, std::min<uint64_t>(small(*t->length), 3), label, depth);
            } else {
                write_leaf(*t, slot, offset, label);
            }
            return;
        case Encoding::mapping: {
            const StorageType* kt = s_.type(t->key);
            if (!kt) return;
            abi::AbiType abi_key = key_type(*kt);
            for (const auto& k : key_samples(abi_key, samples_))
                fill(t->value, mapping_slot(abi_key, k, slot), 0, label, depth + 1);
            return;
        }
        case Encoding::dynamic_array:
            chain_.set_storage(account_, slot, 2);
            fill_elements(t->base, data_slot(slot), 2, label, depth);
            return;
        case Encoding::bytes: write_bytes(slot, label); return;
        }
    }

private:
    // Solidity docs: array elements pack like struct members; an element of
    // 32 bytes or more starts a new slot and takes whole slots.
    void fill_elements(const std::string& base, const uint256& start, uint64_t n, const std::string& label,
                       int depth) {
        const StorageType* e = s_.type(base);
        if (!e) return;
        uint64_t size = small(e->bytes);
        if (size == 0 || size == UINT64_MAX) return;
        for (uint64_t i = 0; i < n; ++i) {
            if (size >= 32)
                fill(base, start + uint256(i * ((size + 31) / 32)), 0, label, depth + 1);
            else
                fill(base, start + uint256(i / (32 / size)), uint32_t((i % (32 / size)) * size), label, depth + 1);
        }
    }

    // A value that keeps the contract usable, or none for "any distinct value".
    static std::optional<uint64_t> fixed_value(const StorageType& t, const std::string& label) {
        std::string l = lower(label);
        if (l == "_initializing" || l == "initializing") return 0;
        if (l == "_initialized" || l == "initialized") return 1;
        if (l == "_status" && t.label.rfind("uint", 0) == 0) return 1;  // ReentrancyGuard NOT_ENTERED
        if (t.label == "bool")
            for (const char* word : {"pause", "lock", "frozen", "freeze", "stop", "halt", "disable", "entered"})
                if (l.find(word) != std::string::npos) return 0;
        return std::nullopt;
    }

    void write_leaf(const StorageType& t, const uint256& slot, uint32_t offset, const std::string& label) {
        uint64_t size = std::min<uint64_t>(small(t.bytes), 32);
        if (size == 0 || offset + size > 32) return;
        if (t.label.rfind("function", 0) == 0) return;  // an internal function pointer has no safe value
        uint64_t k = ++counter_;
        uint256 v = leaf_value(t, label, k);
        if (t.label != "bool" && !t.is_enum) filled_.add(v, variable_);
        write(slot, offset, size, v);
    }

    // The value of the k-th leaf of the layout.
    uint256 leaf_value(const StorageType& t, const std::string& label, uint64_t k) {
        if (!distinct_)
            if (auto fixed = fixed_value(t, label)) return *fixed;
        if (t.label.rfind("contract ", 0) == 0 || t.label.rfind("address", 0) == 0) {
            Address a = distinct_ ? distinct_address(k) : samples_.caller;
            return uint256::from_be(BytesView(a.bytes.data(), a.bytes.size()));
        }
        if (t.label == "bool") {
            // Only two values: alternate among the bools, so neighbours differ.
            uint64_t i = ++per_type_[t.label];
            return distinct_ ? uint256(i % 2) : uint256(1);
        }
        if (t.is_enum) {
            // Members 1, 2, ..., n-1, 1, ... per enum type; a two-member enum
            // alternates 1, 0 when distinct (0 is its only other member).
            uint64_t n = t.enum_members.size();
            uint64_t i = ++per_type_[t.label];
            if (n < 2) return 0;
            if (n == 2) return distinct_ ? uint256(i % 2) : uint256(1);
            return 1 + (i - 1) % (n - 1);
        }
        // Distinct and non-zero within the type's width.
        uint64_t size = std::min<uint64_t>(small(t.bytes), 32);
        return size >= 8 ? uint256(k) : uint256(1 + (k - 1) % ((uint64_t(1) << (8 * size)) - 1));
    }

    void write(const uint256& slot, uint32_t offset, uint64_t size, const uint256& v) {
        uint256 mask = size >= 32 ? ~uint256(0) : ((uint256(1) << (8 * size)) - uint256(1)) << (8 * offset);
        uint256 word = chain_.storage(account_, slot);
        word = (word & ~mask) | ((v << (8 * offset)) & mask);
        chain_.set_storage(account_, slot, word);
    }

    // Short (< 32 bytes): data left-aligned, length * 2 in the lowest byte.
    // Long: length * 2 + 1 in the slot, data from keccak256(slot).
    void write_bytes(const uint256& slot, const std::string& label) {
        uint64_t k = ++counter_;
        std::string text = "suture " + label + " " + std::to_string(k);
        if (k % 2 == 1) {
            text.resize(std::min<size_t>(text.size(), 31));
            Bytes32 w{};
            std::copy(text.begin(), text.end(), w.begin());
            w[31] = uint8_t(text.size() * 2);
            chain_.set_storage(account_, slot, uint256::from_bytes32(w));
            return;
        }
        while (text.size() < 45) text += " long";
        chain_.set_storage(account_, slot, uint256(text.size() * 2 + 1));
        uint256 at = data_slot(slot);
        for (size_t i = 0; i < text.size(); i += 32) {
            Bytes32 w{};
            std::copy(text.begin() + long(i), text.begin() + long(std::min(text.size(), i + 32)), w.begin());
            chain_.set_storage(account_, at + uint256(i / 32), uint256::from_bytes32(w));
        }
    }

    ScratchChain& chain_;
    const Address& account_;
    const solidity::ContractStorage& s_;
    const SampleSet& samples_;
    const bool distinct_;
    uint64_t counter_ = 0;                       // leaves and strings written so far
    std::map<std::string, uint64_t> per_type_;  // bools and enums written so far, per type
    std::string variable_;                      // the top-level variable being filled
    FilledVariables filled_;
};

}  // namespace

void FilledVariables::add(const uint256& value, const std::string& variable) {
    auto [it, inserted] = by_value_.emplace(value, variable);
    if (!inserted && it->second != variable) it->second.clear();
}

const std::string* FilledVariables::holder(const uint256& value) const {
    auto it = by_value_.find(value);
    return it == by_value_.end() || it->second.empty() ? nullptr : &it->second;
}

FilledVariables populate_storage(ScratchChain& chain, const Address& account,
                                 const solidity::ContractStorage& storage, const SampleSet& samples,
                                 FillValues values) {
    Filler f(chain, account, storage, samples, values);
    auto fill_layout = [&](const solidity::StorageLayout& layout) {
        for (const auto& item : layout.items)
            if (!solidity::is_gap(item, storage)) f.fill_variable(item);
    };
    fill_layout(storage.main);
    for (const auto& ns : storage.namespaces) fill_layout(ns);
    return f.take_filled();
}

}  // namespace suture::upgrade
