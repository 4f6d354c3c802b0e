#include "chain/call_outcome.hpp"

#include "chain/revert.hpp"

namespace suture::chain {

std::optional<CallOutcome> revert_outcome(const NodeError& e, const abi::ContractAbi* abi) {
    Bytes data = revert_data_of(e);
    if (e.code != 3 && data.empty() && e.message.find("revert") == std::string::npos) return std::nullopt;
    CallOutcome out;
    out.reverted = true;
    out.output = std::move(data);
    out.reason = describe_revert(out.output, abi);
    return out;
}

}  // namespace suture::chain
