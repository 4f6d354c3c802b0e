// Revert data to one line of text (revert.hpp).
#include "chain/revert.hpp"

#include "core/abi_revert.hpp"
#include "core/hex.hpp"

namespace suture::chain {

std::string describe_revert(BytesView data, const abi::ContractAbi* abi) {
    if (data.empty()) return "no revert data";
    auto r = abi::decode_revert(data, abi);
    // A known selector with a malformed body: show what we have rather than fail.
    if (!r.ok()) return "undecodable revert data " + to_hex(data.subspan(0, std::min<size_t>(data.size(), 68))) +
                        (data.size() > 68 ? "..." : "") + " (" + r.error().message + ")";
    return r->description;
}

}  // namespace suture::chain
