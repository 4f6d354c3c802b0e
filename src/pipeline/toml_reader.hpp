// Reading a TOML table against a fixed schema, with errors that name the
// file, line, column and dotted key ("suture.toml:12:1: targets.vault.adress:
// unknown key").
//
// Every accessor marks its key as known, present or not; finish() then
// reports the first key of the table that no accessor asked for, so a typo
// is an error instead of a silently ignored setting.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::pipeline {

class TomlTable {
public:
    // `key_path` is the table's dotted name ("" for the document root);
    // `file` names the document in messages and is the base of relative paths.
    TomlTable(const toml::table& table, std::string key_path, const std::string& file);

    const std::string& key_path() const { return path_; }
    // "file:line:col: key.path: message" at `key` (or at the table when the key is absent).
    Error error_at(std::string_view key, std::string_view message) const;
    // "file:line:col: key.path: message" at the table itself.
    Error error_here(std::string_view message) const;
    bool has(std::string_view key) const;

    Result<std::string> string(std::string_view key);
    Result<std::optional<std::string>> optional_string(std::string_view key);
    Result<uint64_t> uint(std::string_view key);
    Result<std::optional<uint64_t>> optional_uint(std::string_view key);
    Result<std::optional<bool>> optional_bool(std::string_view key);
    Result<Address> address(std::string_view key);
    Result<std::optional<Address>> optional_address(std::string_view key);
    // An array of strings; empty when absent.
    Result<std::vector<std::string>> strings(std::string_view key);
    // A path relative to the manifest's folder that must exist; returned absolute.
    Result<std::string> existing_path(std::string_view key);
    Result<std::optional<std::string>> optional_existing_path(std::string_view key);
    // A sub-table; nullopt when absent.
    Result<std::optional<TomlTable>> table(std::string_view key);
    // An array of tables ([[key]]); empty when absent.
    Result<std::vector<TomlTable>> tables(std::string_view key);
    // Every entry of a table of named tables ([chains.NAME]), as (name, table).
    Result<std::vector<std::pair<std::string, TomlTable>>> named_tables(std::string_view key);

    // Unknown keys: the first one that no accessor asked for, with the known keys.
    Status finish() const;
    // Declares the table's keys up front and checks for unknown ones, so that
    // a misspelt key is reported as unknown rather than as a required key missing.
    Status only(std::initializer_list<std::string_view> keys);

private:
    std::string child(std::string_view key) const;
    Error type_error(std::string_view key, std::string_view expected) const;

    const toml::table* table_;
    std::string path_;
    const std::string* file_;
    std::set<std::string, std::less<>> known_;
};

// Reads and parses a TOML file; a syntax error names file, line and column.
Result<toml::table> parse_toml_file(const std::string& path);

}  // namespace suture::pipeline
