// The hash-chained audit log: every ledger event, in order, each hash
// committing to all before it.
//
//   event_n = canonical JSON {"data": ..., "kind": K, "seq": n, "time": T}
//   hash_n  = keccak256(hash_{n-1} ++ bytes(event_n)),   hash_0 = 32 zero bytes
//
// Editing, inserting, deleting or reordering a record changes a hash that a
// later record (or the ledger's stored head) commits to, so verification
// from the start names the first record that no longer fits. A writer who
// recomputes every later hash (and the head) is not detected by the chain
// alone: anchor the head hash elsewhere (`suture log` prints it; approvals
// are signatures and cannot be forged that way).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::ledger {

// One record of the audit log as stored.
struct AuditRecord {
    int64_t seq = 0;
    std::string event;  // canonical JSON (event_body)
    Bytes32 prev_hash{};
    Bytes32 hash{};
};

// The canonical event text of record `seq`.
Result<std::string> event_body(int64_t seq, std::string_view kind, int64_t time, const nlohmann::json& data);

// keccak256(prev ++ event).
Bytes32 chain_hash(const Bytes32& prev, std::string_view event);

// The "kind" of a canonical event text without parsing it: the last
// top-level member before "seq" and "time" (sorted keys put it there).
// Empty when the text is not shaped like an event.
std::string_view event_kind(std::string_view event);

}  // namespace suture::ledger

namespace suture::ledger {

// The top-level "seq" and "time" of a canonical event text, read without
// parsing (they are its last two members); nullopt when absent.
std::optional<int64_t> event_seq(std::string_view event);
std::optional<int64_t> event_time(std::string_view event);

}  // namespace suture::ledger
