#include "verify/state_chain_view.hpp"

namespace suture::verify {

Result<Bytes> StateChainView::code(const Address& account) {
    SUTURE_TRY(info, state_.account(account));
    if (!info || info->code_hash == evm::kEmptyCodeHash) return Bytes{};
    SUTURE_TRY(code, state_.code(info->code_hash));
    return *code;
}

Result<Bytes32> StateChainView::storage(const Address& account, const Bytes32& slot) {
    SUTURE_TRY(v, state_.storage(account, uint256::from_bytes32(slot)));
    return v.to_bytes32();
}

Result<upgrade::StaticCallResult> StateChainView::call(const Address& to, BytesView data) {
    evm::CallRequest req;
    req.to = to;  // from the zero address, no value (ChainView's contract)
    req.data.assign(data.begin(), data.end());
    SUTURE_TRY(out, evm::execute_call(state_, rev_, block_, req));
    upgrade::StaticCallResult r;
    r.reverted = out.receipt.status != evm::StatusCode::success;
    r.output = std::move(out.receipt.output);
    return r;
}

Result<std::vector<upgrade::LogEntry>> StateChainView::logs(const Address&, const Bytes32&) {
    return unsupported_error("logs: an in-process state keeps no logs");
}

}  // namespace suture::verify
