// Storage layout model: the contract's own layout (from solc's storageLayout
// output) and one layout per ERC-7201 namespace (computed from the AST, since
// solc reports no layout for namespaced structs).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "solidity/build.hpp"
#include "solidity/slot_math.hpp"

namespace suture::solidity {

enum class Encoding { inplace, mapping, dynamic_array, bytes };

struct StorageItem {
    std::string label;
    std::string contract;  // declaring contract ("A.sol:A") or struct for members
    std::string type;      // key into ContractStorage::types
    Wide slot;             // absolute slot (namespaced items include the namespace base)
    uint32_t offset = 0;   // byte offset inside the slot
    int64_t ast_id = -1;   // VariableDeclaration node, -1 when unknown
    // OpenZeppelin annotations on the declaration.
    std::string renamed_from;  // @custom:oz-renamed-from
    std::string retyped_from;  // @custom:oz-retyped-from
};

struct StorageType {
    std::string id;
    std::string label;
    Encoding encoding = Encoding::inplace;
    Wide bytes;                         // numberOfBytes
    std::string key, value;             // mappings
    std::string base;                   // arrays (element type)
    std::optional<Wide> length;         // static arrays
    std::vector<StorageItem> members;   // structs
    std::vector<std::string> enum_members;  // enums (from the AST)
    bool is_struct = false, is_enum = false;
};

struct StorageLayout {
    std::string ns;   // "" for the contract's layout; "erc7201:<id>" for a namespace
    Wide base;        // 0, or the namespace's root slot
    std::string struct_name;  // namespaces: the struct holding it
    int64_t struct_ast_id = -1;
    std::vector<StorageItem> items;
};

struct ContractStorage {
    StorageLayout main;
    std::vector<StorageLayout> namespaces;
    std::map<std::string, StorageType> types;
    std::vector<int64_t> transient_vars;  // VariableDeclaration ids of `transient` state variables

    const StorageType* type(const std::string& id) const {
        auto it = types.find(id);
        return it == types.end() ? nullptr : &it->second;
    }
};

// Builds the storage model of `c` (its storage layout must be present).
Result<ContractStorage> load_storage(const Build& b, const Contract& c);

// ERC-7201: keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff)).
Wide erc7201_slot(std::string_view id);

// A gap in OpenZeppelin's convention: a static array named __gap or __gap_*.
bool is_gap(const StorageItem& item, const ContractStorage& s);

// First byte after the item (slot*32 + offset + size).
Wide item_end_byte(const StorageItem& item, const ContractStorage& s);
Wide item_start_byte(const StorageItem& item);

// Bytes a static array of `len` elements takes (solc: elements pack like
// struct members; an element of 32 bytes or more takes whole slots).
Wide static_array_bytes(const StorageType& elem, const Wide& len);

// Adds the AST-computed layout of a namespaced struct (internal; used by load_storage).
Status add_namespace_layouts(const Build& b, const Contract& c, ContractStorage& s);

// Reads @custom:oz-renamed-from / -retyped-from of the declaration `ast_id`.
void read_item_annotations(const Build& b, StorageItem& item);

}  // namespace suture::solidity
