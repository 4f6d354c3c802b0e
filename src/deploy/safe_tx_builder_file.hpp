// The batch file the Safe{Wallet} Transaction Builder app imports.
//
// Shape (safe-react-apps, apps/tx-builder, typings/models.ts BatchFile):
//   { version: "1.0", chainId: "<decimal>", createdAt: <ms since epoch>,
//     meta: { name, description, txBuilderVersion, createdFromSafeAddress,
//             createdFromOwnerAddress, checksum },
//     transactions: [ { to, value: "<decimal wei>", data: "0x..." } ] }
// The checksum is what the app recomputes on import to detect edits (see
// batch_file_checksum); a file whose checksum does not match is flagged there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::deploy {

struct BatchCall {
    Address to;
    uint256 value;
    Bytes data;
};

struct BatchFileInfo {
    uint64_t chain_id = 0;
    Address safe;
    uint64_t created_at_ms = 0;            // milliseconds since the Unix epoch
    std::string name = "Suture upgrade";
    std::string description;
    std::string tx_builder_version = "1.18.0";
};

// The batch file as JSON, checksum included.
nlohmann::json safe_batch_file(const BatchFileInfo& info, const std::vector<BatchCall>& calls);

// The Transaction Builder checksum of `batch` (its meta.checksum, if any, is
// ignored): keccak256 of a canonical serialisation in which object keys are
// sorted and written first as a JSON array, and meta.name is replaced by null
// so that renaming a batch does not invalidate it.
std::string batch_file_checksum(const nlohmann::json& batch);

// Reads a batch file back: checks version/chainId/transactions and the
// checksum, and returns the calls. Errors name the field.
Result<std::vector<BatchCall>> parse_safe_batch_file(const nlohmann::json& batch);

}  // namespace suture::deploy
