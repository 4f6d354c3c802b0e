// JsonRef: read-only access to a parsed JSON document that remembers where it
// is, so every error names the file and the JSON path of the bad value
// (`out.json: $.contracts["A.sol"].A.storageLayout.storage[3].slot: expected a string`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "solidity/json_arena.hpp"

namespace suture::solidity {

// Objects of an artifact document are small (an AST node has ~10 members) and
// are read far more than written: a flat vector of members in document order
// takes 48 bytes a member where a std::map node takes 80 and a separate
// allocation, and is searched as fast at that size. Containers live in the
// document's arena (json_arena.hpp); strings stay std::string. Convert to
// nlohmann::json (a copy) for APIs that take that.
template <class Key, class Value, class Less, class Alloc>
using JsonObjectMap = nlohmann::ordered_map<Key, Value, Less, Alloc>;
using Json = nlohmann::basic_json<JsonObjectMap, std::vector, std::string, bool, std::int64_t, std::uint64_t, double,
                                  ArenaAllocator>;

class JsonRef {
public:
    JsonRef(const Json& j, std::shared_ptr<const std::string> file, std::string path = "$")
        : j_(&j), file_(std::move(file)), path_(std::move(path)) {}

    const Json& json() const { return *j_; }
    const std::string& path() const { return path_; }
    const std::string& file() const { return *file_; }

    bool is_object() const { return j_->is_object(); }
    bool is_array() const { return j_->is_array(); }
    bool is_string() const { return j_->is_string(); }
    size_t size() const { return j_->size(); }

    // Member `key` of an object; an error when this is not an object or the key is absent.
    Result<JsonRef> at(std::string_view key) const;
    // Member `key` when this is an object holding it (and it is not null).
    std::optional<JsonRef> find(std::string_view key) const;
    // Element `i` of an array.
    Result<JsonRef> at(size_t i) const;

    Result<std::string> str() const;
    Result<int64_t> integer() const;       // a JSON number or a decimal string
    Result<std::string> str_at(std::string_view key) const;  // at(key) then str()
    Result<JsonRef> object_at(std::string_view key) const;
    Result<JsonRef> array_at(std::string_view key) const;
    Status expect_object() const;
    Status expect_array() const;

    // A JsonRef to a child reached by iteration (for objects: `key`; arrays: `index`).
    JsonRef child(const Json& j, std::string_view key) const;
    JsonRef child(const Json& j, size_t index) const;

    // An input error naming the file and this path.
    Error error(std::string_view what) const;

private:
    const Json* j_;
    std::shared_ptr<const std::string> file_;
    std::string path_;
};

// `.key` for identifier-like keys, `["key"]` otherwise.
std::string json_path_key(std::string_view path, std::string_view key);

}  // namespace suture::solidity
