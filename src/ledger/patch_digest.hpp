// The patch digest: the one 32-byte value reviewers sign, binding an
// approval to the exact code, layout, route and evidence of one patch.
//
//   digest = keccak256(abi.encode(
//       string  "suture-patch-digest-v1",   // domain tag and encoding version
//       uint256 chainId,
//       address target,                     // the proxy (or contract) upgraded
//       string  route,                      // "uups", "proxy-admin", ...
//       bytes32 oldRuntimeCodeHash,         // keccak256 of the deployed code replaced
//       bytes32 newRuntimeCodeHash,         // keccak256 of the new runtime code
//       bytes32 storageLayoutHash,
//       bytes   initializerCalldata,        // empty when the upgrade calls nothing
//       bytes32 verificationReportHash))    // hash of the gates' report
//
// (docs/ledger.md "Patch digest"). The tag keeps a Suture approval from
// being valid as any other ABI-encoded message; a new encoding gets a new tag.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::ledger {

inline constexpr const char* kPatchDigestTag = "suture-patch-digest-v1";

struct PatchDigestInput {
    uint64_t chain_id = 0;
    Address target;
    std::string route;
    Bytes32 old_code_hash{};
    Bytes32 new_code_hash{};
    Bytes32 layout_hash{};
    Bytes initializer;  // calldata, may be empty
    Bytes32 report_hash{};

    bool operator==(const PatchDigestInput&) const = default;
};

// The ABI encoding above (what is hashed).
Bytes encode_patch_digest_input(const PatchDigestInput& in);
Bytes32 patch_digest(const PatchDigestInput& in);

// Each input in words and its value, in encoding order, for a reviewer to
// read before signing.
std::vector<std::pair<std::string, std::string>> describe_patch_digest_input(const PatchDigestInput& in);

// JSON form stored in the ledger: numbers as decimal strings, bytes as 0x-hex.
nlohmann::json patch_digest_input_to_json(const PatchDigestInput& in);
Result<PatchDigestInput> patch_digest_input_from_json(const nlohmann::json& j);

// "0x" + 64 hex digits (a digest or another 32-byte hash), naming `what` on error.
Result<Bytes32> parse_bytes32(std::string_view hex, std::string_view what);

}  // namespace suture::ledger
