// The block history section of a state file (format version 2,
// docs/state-file.md "History"): blocks with their transactions, receipts
// and undo records, then the code blobs only undo records still name, then
// (only when a block has EIP-7685 requests) the blocks' requests hashes.
#pragma once

#include <string>

#include "chain/binary_codec.hpp"
#include "chain/devnode/chain_history.hpp"

namespace suture::chain {

void encode_history(binary::Writer& w, const ChainHistory& h);
// Checks what the encoding alone can: consecutive numbers, parent hashes
// chained, one receipt per transaction, undo records sorted. Errors name
// `name` and the block.
Status decode_history(binary::Reader& r, ChainHistory& h, const std::string& name);

}  // namespace suture::chain
