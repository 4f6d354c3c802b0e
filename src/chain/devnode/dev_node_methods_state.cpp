// eth_* reads at any kept block, calls and gas estimation, fees.
#include <algorithm>

#include "chain/devnode/dev_node_methods.hpp"
#include "chain/revert.hpp"
#include "chain/rpc_json.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

constexpr uint64_t kDefaultTip = 1'000'000'000;  // 1 gwei, as anvil suggests

template <typename T>
T must(Result<T> r) {
    if (!r.ok()) fail(kServerError, "state read failed: " + r.error().message);
    return std::move(r).value();
}

std::optional<evm::AccountInfo> account_at(DevNode& node, const Params& p, size_t tag_index, const Address& a,
                                           std::unique_ptr<evm::StateBackend>& state) {
    const ChainBlock& b = resolve_block(node.chain(), p.block(tag_index, "block"));
    state = node.chain().state_at(b.number);
    return must(state->account(a));
}

json chain_id(DevNode& node, const Params& p) {
    p.at_most(0);
    return quantity(node.chain().chain_id());
}

json net_version(DevNode& node, const Params& p) {
    p.at_most(0);
    return std::to_string(node.chain().chain_id());
}

json client_version(DevNode&, const Params& p) {
    p.at_most(0);
    return "suture-devnode/1";
}

json block_number(DevNode& node, const Params& p) {
    p.at_most(0);
    return quantity(node.chain().latest().number);
}

json get_balance(DevNode& node, const Params& p) {
    p.at_most(2);
    const Address a = p.address(0, "address");
    std::unique_ptr<evm::StateBackend> state;
    auto info = account_at(node, p, 1, a, state);
    return quantity(info ? info->balance : uint256{});
}

json get_transaction_count(DevNode& node, const Params& p) {
    p.at_most(2);
    const Address a = p.address(0, "address");
    const BlockRef ref = p.block(1, "block");
    if (ref.tag == "pending") return quantity(node.chain().pending_nonce(a));
    std::unique_ptr<evm::StateBackend> state;
    auto info = account_at(node, p, 1, a, state);
    return quantity(info ? info->nonce : 0);
}

json get_code(DevNode& node, const Params& p) {
    p.at_most(2);
    const Address a = p.address(0, "address");
    std::unique_ptr<evm::StateBackend> state;
    auto info = account_at(node, p, 1, a, state);
    if (!info || info->code_hash == evm::kEmptyCodeHash) return "0x";
    return to_hex(*must(state->code(info->code_hash)));
}

json get_storage_at(DevNode& node, const Params& p) {
    p.at_most(3);
    const Address a = p.address(0, "address");
    const uint256 slot = p.u256(1, "slot");
    const ChainBlock& b = resolve_block(node.chain(), p.block(2, "block"));
    auto state = node.chain().state_at(b.number);
    return to_hex(must(state->storage(a, slot)).to_bytes32());
}

json call(DevNode& node, const Params& p) {
    p.at_most(3);  // a third param (state overrides) is refused below when set
    if (p.has(2)) p.bad(2, "state overrides", "not supported by the in-process node");
    const evm::TxOutcome out = run_call(node.chain(), p.call(0, "transaction"), p.block(1, "block"));
    if (out.receipt.status != evm::StatusCode::success) fail_call(out.receipt);
    return to_hex(out.receipt.output);
}

json estimate(DevNode& node, const Params& p) {
    p.at_most(3);
    if (p.has(2)) p.bad(2, "state overrides", "not supported by the in-process node");
    return quantity(estimate_gas(node.chain(), p.call(0, "transaction"), p.block(1, "block")));
}

json gas_price(DevNode& node, const Params& p) {
    p.at_most(0);
    return quantity(node.chain().next_env().base_fee + uint256(kDefaultTip));
}

json max_priority_fee(DevNode&, const Params& p) {
    p.at_most(0);
    return quantity(uint64_t{kDefaultTip});
}

// geth's rewards: the tips of the block's transactions sorted ascending,
// each weighted by its gas; the percentile's reward is the tip at which the
// running gas total reaches that share of the block's gas.
std::vector<uint256> rewards(const ChainBlock& b, const std::vector<double>& percentiles) {
    std::vector<std::pair<uint256, uint64_t>> tips;  // (tip, gas used)
    for (size_t i = 0; i < b.txs.size(); ++i) {
        const uint256 price = b.receipts[i].effective_gas_price;
        tips.emplace_back(price > b.base_fee ? price - b.base_fee : uint256{}, b.receipts[i].gas_used);
    }
    std::sort(tips.begin(), tips.end());
    std::vector<uint256> out;
    for (double pct : percentiles) {
        if (tips.empty()) {
            out.push_back(uint256{});
            continue;
        }
        const double threshold = double(b.gas_used) * pct / 100.0;
        uint64_t sum = 0;
        size_t i = 0;
        for (; i + 1 < tips.size(); ++i) {
            sum += tips[i].second;
            if (double(sum) >= threshold) break;
        }
        out.push_back(tips[i].first);
    }
    return out;
}

json fee_history(DevNode& node, const Params& p) {
    p.at_most(3);
    const uint64_t count = p.u64(0, "blockCount");
    const ChainBlock& newest = resolve_block(node.chain(), p.block(1, "newestBlock"));
    std::vector<double> percentiles;
    if (p.has(2)) {
        const json& j = p.at(2, "rewardPercentiles");
        if (!j.is_array()) p.bad(2, "rewardPercentiles", "expected an array of numbers");
        for (const json& x : j) {
            if (!x.is_number() || x.get<double>() < 0 || x.get<double>() > 100 ||
                (!percentiles.empty() && x.get<double>() < percentiles.back()))
                p.bad(2, "rewardPercentiles", "expected ascending numbers from 0 to 100");
            percentiles.push_back(x.get<double>());
        }
    }
    if (count == 0) return {{"oldestBlock", quantity(newest.number)}, {"baseFeePerGas", json::array()}, {"gasUsedRatio", json::array()}};
    const uint64_t first = newest.number + 1 >= count ? std::max(newest.number + 1 - count, node.chain().first_kept())
                                                       : node.chain().first_kept();
    json base = json::array(), ratio = json::array(), reward = json::array();
    for (uint64_t n = first; n <= newest.number; ++n) {
        const ChainBlock& b = *node.chain().block(n);
        base.push_back(quantity(b.base_fee));
        ratio.push_back(b.gas_limit ? double(b.gas_used) / double(b.gas_limit) : 0.0);
        json row = json::array();
        for (const uint256& r : rewards(b, percentiles)) row.push_back(quantity(r));
        reward.push_back(row);
    }
    base.push_back(quantity(newest.number == node.chain().latest().number ? node.chain().next_env().base_fee
                                                                         : node.chain().block(newest.number + 1)->base_fee));
    json out = {{"oldestBlock", quantity(first)}, {"baseFeePerGas", base}, {"gasUsedRatio", ratio}};
    if (!percentiles.empty()) out["reward"] = reward;
    return out;
}

json accounts(DevNode&, const Params& p) {
    p.at_most(0);
    return json::array();  // the node holds no keys
}

constexpr Method kMethods[] = {
    {"eth_chainId", chain_id},
    {"net_version", net_version},
    {"web3_clientVersion", client_version},
    {"eth_blockNumber", block_number},
    {"eth_getBalance", get_balance},
    {"eth_getTransactionCount", get_transaction_count},
    {"eth_getCode", get_code},
    {"eth_getStorageAt", get_storage_at},
    {"eth_call", call},
    {"eth_estimateGas", estimate},
    {"eth_gasPrice", gas_price},
    {"eth_maxPriorityFeePerGas", max_priority_fee},
    {"eth_feeHistory", fee_history},
    {"eth_accounts", accounts},
};

}  // namespace

std::span<const Method> state_methods() { return kMethods; }

const ChainBlock& resolve_block(DevChain& chain, const BlockRef& ref) {
    const ChainBlock* b = nullptr;
    if (ref.hash) {
        b = chain.block_by_hash(*ref.hash);
        if (!b) fail(kServerError, "header not found: no kept block has hash " + to_hex(*ref.hash));
        return *b;
    }
    if (ref.number) {
        b = chain.block(*ref.number);
        if (!b) {
            if (*ref.number > chain.latest().number)
                fail(kServerError, "header not found: block " + std::to_string(*ref.number) + " is after the latest block " +
                                       std::to_string(chain.latest().number));
            fail(kServerError, "header not found: block " + std::to_string(*ref.number) +
                                   " is before the history this state keeps (it starts at block " +
                                   std::to_string(chain.first_kept()) + ")");
        }
        return *b;
    }
    if (ref.tag == "earliest") return *chain.block(chain.first_kept());
    return chain.latest();
}

evm::TxOutcome run_call(DevChain& chain, const CallFields& call, const BlockRef& ref, std::optional<int64_t> gas) {
    const ChainBlock& b = resolve_block(chain, ref);
    evm::BlockEnv env = ref.tag == "pending" ? chain.next_env() : chain.env_of(b);
    auto state = chain.state_at(b.number);
    evm::CallRequest req;
    req.from = call.from.value_or(Address{});
    req.to = call.to;
    req.data = call.data;
    req.value = call.value.value_or(uint256{});
    req.gas = gas ? *gas : int64_t(std::min<uint64_t>(call.gas.value_or(b.gas_limit), uint64_t(INT64_MAX)));
    auto out = evm::execute_call(*state, chain.revision(), env, req);
    if (!out.ok()) fail(kServerError, out.error().message);
    return std::move(out).value();
}

void fail_call(const evm::Receipt& r) {
    if (r.status == evm::StatusCode::revert) {
        std::string message = "execution reverted";
        if (auto rev = abi::decode_revert(r.output); rev.ok() && !r.output.empty()) message += ": " + describe_revert(r.output);
        fail(kRevert, message, to_hex(r.output));
    }
    fail(kServerError, std::string("execution failed: ") + evm::status_name(r.status));
}

uint64_t estimate_gas(DevChain& chain, const CallFields& call, const BlockRef& ref) {
    const ChainBlock& b = resolve_block(chain, ref);
    const uint64_t cap = std::min<uint64_t>(call.gas.value_or(b.gas_limit), uint64_t(INT64_MAX));
    const evm::TxOutcome at_cap = run_call(chain, call, ref, int64_t(cap));
    if (at_cap.receipt.status == evm::StatusCode::revert) fail_call(at_cap.receipt);
    if (at_cap.receipt.status != evm::StatusCode::success)
        fail(kServerError, "gas required exceeds allowance (" + std::to_string(cap) + "): " +
                               evm::status_name(at_cap.receipt.status));
    // The limit is at least the gas used after refunds; search above it.
    uint64_t lo = uint64_t(at_cap.receipt.gas_used) - 1, hi = cap;
    while (hi - lo > 1) {
        const uint64_t mid = lo + (hi - lo) / 2;
        bool ok = false;
        try {  // below the intrinsic gas the call is refused, which is a failure here
            ok = run_call(chain, call, ref, int64_t(mid)).receipt.status == evm::StatusCode::success;
        } catch (const RpcFailure&) {
        }
        if (ok)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

}  // namespace suture::chain
