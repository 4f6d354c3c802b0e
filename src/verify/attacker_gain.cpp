#include "verify/attacker_gain.hpp"

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "evm/state_host.hpp"

namespace suture::verify {
namespace {

Bytes balance_of_call(const Address& holder) {
    const abi::Selector sel = abi::selector("balanceOf(address)");
    Bytes data(sel.begin(), sel.end());
    data.resize(4 + 32);
    std::copy(holder.bytes.begin(), holder.bytes.end(), data.begin() + 4 + 12);
    return data;
}

// The balance in a balanceOf answer, or an error naming the token and holder.
Result<uint256> balance_answer(bool success, const Bytes& output, const TrackedAsset& asset, const Address& holder) {
    if (!success || output.size() < 32)
        return input_error("token " + asset.name + " (" + to_checksum(*asset.token) + "): balanceOf(" +
                           to_checksum(holder) + ") did not return a balance");
    return uint256::from_be(BytesView(output.data(), 32));
}

}  // namespace

Result<BalanceSheet> read_balances(evm::StateBackend& state, evm::Revision rev, const evm::BlockEnv& block,
                                   const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets) {
    BalanceSheet sheet(holders.size(), std::vector<uint256>(assets.size()));
    for (size_t h = 0; h < holders.size(); ++h) {
        for (size_t a = 0; a < assets.size(); ++a) {
            if (!assets[a].token) {
                auto acc = state.account(holders[h]);
                if (!acc) return acc.error();
                sheet[h][a] = acc.value() ? acc.value()->balance : uint256(0);
                continue;
            }
            // A token the PoC itself deploys has no code yet: nobody holds any.
            auto token = state.account(*assets[a].token);
            if (!token) return token.error();
            if (!token.value() || token.value()->code_hash == evm::kEmptyCodeHash) continue;
            evm::CallRequest call;
            call.to = *assets[a].token;
            call.data = balance_of_call(holders[h]);
            auto r = evm::execute_call(state, rev, block, call);
            if (!r) return r.error();
            const evm::Receipt& rc = r.value().receipt;
            SUTURE_TRY(balance, balance_answer(rc.status == evm::StatusCode::success, rc.output, assets[a], holders[h]));
            sheet[h][a] = balance;
        }
    }
    return sheet;
}

Result<BalanceSheet> read_balances_in(evm::State& state, const evm::BlockEnv& block,
                                      const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets) {
    BalanceSheet sheet(holders.size(), std::vector<uint256>(assets.size()));
    const evm::TxContext ctx = evm::block_context(block);
    evm::StateHost host(state, ctx, block.block_hashes);
    for (size_t h = 0; h < holders.size(); ++h) {
        for (size_t a = 0; a < assets.size(); ++a) {
            if (!assets[a].token) {
                sheet[h][a] = state.balance(holders[h]);
                continue;
            }
            if (state.code(*assets[a].token).empty()) continue;  // not deployed yet: nobody holds any
            const Bytes data = balance_of_call(holders[h]);
            evm::Message msg;
            msg.is_static = true;
            msg.gas = 1'000'000;
            msg.recipient = msg.code_address = *assets[a].token;
            msg.input = data;
            const size_t snapshot = state.snapshot();
            evm::ExecResult r = host.call(msg);
            state.revert(snapshot);
            SUTURE_TRY(balance, balance_answer(r.status == evm::StatusCode::success, r.output, assets[a], holders[h]));
            sheet[h][a] = balance;
        }
    }
    if (state.error()) return *state.error();
    return sheet;
}

std::vector<BalanceDelta> balance_deltas(const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets,
                                         const BalanceSheet& before, const BalanceSheet& after) {
    std::vector<BalanceDelta> out;
    for (size_t h = 0; h < holders.size(); ++h) {
        for (size_t a = 0; a < assets.size(); ++a) {
            const uint256& b = before[h][a];
            const uint256& e = after[h][a];
            if (b == e) continue;
            BalanceDelta d;
            d.holder = holders[h];
            d.asset = assets[a].name;
            d.loss = e < b;
            d.amount = d.loss ? b - e : e - b;
            out.push_back(std::move(d));
        }
    }
    return out;
}

bool any_gain(const std::vector<BalanceDelta>& deltas, const std::vector<TrackedAsset>& assets) {
    for (const auto& d : deltas) {
        if (d.loss) continue;
        for (const auto& a : assets)
            if (a.name == d.asset && d.amount > a.min_gain) return true;
    }
    return false;
}

}  // namespace suture::verify
