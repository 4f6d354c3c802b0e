#include "verify/replay_source.hpp"

#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::verify {

using nlohmann::json;

Result<std::unique_ptr<ReplaySource>> ReplaySource::open(const ReplaySourceOptions& options) {
    std::unique_ptr<ReplaySource> s(new ReplaySource());
    s->prefetch_ = options.prefetch == 0 ? 1 : options.prefetch;
    s->cache_path_ = options.cache_path;
    if (!options.cache_path.empty()) {
        SUTURE_TRY(cache, chain::ForkCache::open(options.cache_path));
        s->cache_ = std::move(cache);
    }
    if (!options.rpc_url.empty()) {
        s->rpc_ = std::make_unique<chain::RpcClient>(options.rpc_url, options.rpc);
        ++s->rpc_requests_;
        SUTURE_TRY(id, s->rpc_->chain_id());
        s->chain_id_ = id;
        return s;
    }
    if (!s->cache_) return usage_error("an offline replay reads the fork cache alone: give --fork-cache");
    SUTURE_TRY(chains, s->cache_->cached_chains());
    if (chains.size() != 1)
        return input_error("fork cache " + options.cache_path + " holds " + std::to_string(chains.size()) +
                           " chains, not one: run once with --rpc");
    s->chain_id_ = chains[0];
    return s;
}

ReplaySource::~ReplaySource() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

Result<uint64_t> ReplaySource::latest_block() {
    if (!rpc_) return usage_error("the latest block needs a node (--rpc), not an offline cache");
    {
        std::lock_guard lock(mu_);
        ++rpc_requests_;
    }
    return rpc_->block_number();
}

Result<uint64_t> ReplaySource::block_of_transaction(const Bytes32& hash) {
    if (!rpc_) return usage_error("finding a transaction's block needs a node (--rpc), not an offline cache");
    {
        std::lock_guard lock(mu_);
        ++rpc_requests_;
    }
    SUTURE_TRY(receipt, rpc_->get_transaction_receipt(hash));
    if (!receipt) return input_error("transaction " + to_hex(hash) + ": the node at " + rpc_->redacted_url() + " has not included it in a block");
    return receipt->block_number;
}

Result<chain::HistoryBlock> ReplaySource::fetch(uint64_t number) {
    const std::string where = "block " + std::to_string(number);
    if (cache_) {
        SUTURE_TRY(cached, cache_->history_block(chain_id_, number));
        if (cached) {
            json j = json::parse(*cached, nullptr, false);
            if (j.is_object() && j.contains("block") && j.contains("receipts")) {
                {
                    std::lock_guard lock(mu_);
                    ++cache_reads_;
                }
                return chain::parse_history_block(j["block"], j["receipts"]);
            }
        }
    }
    if (!rpc_)
        return input_error("fork cache " + cache_path_ + " has no " + where + " of chain " + std::to_string(chain_id_) +
                           " with its transactions and receipts: run once with --rpc");
    SUTURE_TRY(block, rpc_->request("eth_getBlockByNumber", {chain::quantity(number), true}));
    if (!block.is_object())
        return chain_error("eth_getBlockByNumber at " + rpc_->redacted_url() + ": the node has no " + where);
    std::vector<chain::RpcCall> calls;
    if (auto txs = block.find("transactions"); txs != block.end() && txs->is_array())
        for (const json& t : *txs)
            calls.push_back({"eth_getTransactionReceipt", json::array({t.is_object() && t.contains("hash") ? t["hash"] : t})});
    json receipts = json::array();
    if (!calls.empty()) {
        SUTURE_TRY(answers, rpc_->batch(calls));
        for (size_t i = 0; i < answers.size(); ++i) {
            if (answers[i].error)
                return chain_error("eth_getTransactionReceipt at " + rpc_->redacted_url() + " for " + where +
                                   " transaction " + std::to_string(i) + ": node error " +
                                   std::to_string(answers[i].error->code) + ": " + answers[i].error->message);
            if (answers[i].result.is_null())
                return chain_error("eth_getTransactionReceipt at " + rpc_->redacted_url() + ": no receipt for " + where +
                                   " transaction " + std::to_string(i));
            receipts.push_back(std::move(answers[i].result));
        }
    }
    {
        std::lock_guard lock(mu_);
        rpc_requests_ += calls.empty() ? 1 : 2;
    }
    SUTURE_TRY(parsed, chain::parse_history_block(block, receipts));
    if (parsed.number != number) return chain_error("eth_getBlockByNumber: asked for " + where + ", the node answered block " + std::to_string(parsed.number));
    if (cache_) {
        const json entry = {{"block", std::move(block)}, {"receipts", std::move(receipts)}};
        SUTURE_CHECK(cache_->put_history_block(chain_id_, number, entry.dump()));
    }
    return parsed;
}

void ReplaySource::fetch_loop(uint64_t first, uint64_t last) {
    for (uint64_t n = first; n <= last; ++n) {
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stop_ || ready_.size() < prefetch_; });
            if (stop_) return;
        }
        auto b = fetch(n);
        const bool failed = !b.ok();
        {
            std::lock_guard lock(mu_);
            ready_.push_back(std::move(b));
        }
        cv_.notify_all();
        if (failed || n == last) break;
    }
    std::lock_guard lock(mu_);
    done_ = true;
    cv_.notify_all();
}

void ReplaySource::start(uint64_t first, uint64_t last) {
    std::lock_guard lock(mu_);
    if (started_) return;
    started_ = true;
    if (last < first) {
        done_ = true;
        return;
    }
    remaining_ = last - first + 1;
    worker_ = std::thread([this, first, last] { fetch_loop(first, last); });
}

Result<std::optional<chain::HistoryBlock>> ReplaySource::next() {
    std::unique_lock lock(mu_);
    if (!started_) return internal_error("ReplaySource::next before start");
    cv_.wait(lock, [&] { return !ready_.empty() || done_ || remaining_ == 0; });
    if (ready_.empty()) {
        if (remaining_ != 0) return internal_error("the history fetcher stopped early");
        return std::optional<chain::HistoryBlock>{};
    }
    if (!ready_.front().ok()) return ready_.front().error();  // kept: later calls see it again
    chain::HistoryBlock b = std::move(ready_.front()).value();
    ready_.pop_front();
    --remaining_;
    cv_.notify_all();
    return std::optional<chain::HistoryBlock>(std::move(b));
}

uint64_t ReplaySource::rpc_requests() const {
    std::lock_guard lock(mu_);
    return rpc_requests_;
}

uint64_t ReplaySource::cache_reads() const {
    std::lock_guard lock(mu_);
    return cache_reads_;
}

}  // namespace suture::verify
