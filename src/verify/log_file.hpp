// Event logs kept in a file, for a chain that keeps none (a state file):
// `suture devnet exec --json` output ({"results": [{"logs": [...]}, ...]}),
// or a JSON array of logs ({"address", "topics", "data"}, as eth_getLogs
// returns them).
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "evm/state.hpp"

namespace suture::verify {

// Appends the file's logs to `out`, in file order. Errors name the file and entry.
Status load_log_file(const std::string& path, std::vector<evm::Log>& out);

}  // namespace suture::verify
