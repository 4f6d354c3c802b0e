#include "chain/fork_backend.hpp"

#include "chain/rpc_history.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/trie.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;

std::string hex_of(const Address& a) { return to_hex(BytesView(a.bytes.data(), a.bytes.size())); }

}  // namespace

ForkBackend::~ForkBackend() = default;

Result<std::unique_ptr<ForkBackend>> ForkBackend::open(const ForkOptions& options) {
    std::unique_ptr<ForkBackend> f(new ForkBackend());
    SUTURE_CHECK(f->resolve_point(options));
    std::lock_guard lock(f->mu_);
    SUTURE_TRY(header, f->block_json(f->point_.block));
    if (auto st = parse_block_env(header, f->env_); !st.ok())
        return chain_error("block " + std::to_string(f->point_.block) + ": " + st.error().message);
    f->env_.chain_id = uint256(f->point_.chain_id);
    return f;
}

Status ForkBackend::resolve_point(const ForkOptions& options) {
    if (!options.cache_path.empty()) {
        SUTURE_TRY(cache, ForkCache::open(options.cache_path));
        cache_ = std::move(cache);
    }
    if (!options.rpc_url.empty()) {
        rpc_ = std::make_unique<RpcClient>(options.rpc_url, options.rpc);
        ++stats_.rpc_requests;
        SUTURE_TRY(id, rpc_->chain_id());
        if (options.chain_id && *options.chain_id != id)
            return chain_error("fork: the node at " + rpc_->redacted_url() + " serves chain " + std::to_string(id) +
                               ", not " + std::to_string(*options.chain_id));
        point_.chain_id = id;
        if (options.block) {
            point_.block = *options.block;
        } else {
            ++stats_.rpc_requests;
            SUTURE_TRY(latest, rpc_->block_number());
            point_.block = latest;
        }
        return {};
    }
    if (!cache_) return usage_error("an offline fork reads its cache file alone: give the cache path (--fork-cache)");
    if (options.chain_id) {
        point_.chain_id = *options.chain_id;
    } else {
        SUTURE_TRY(chains, cache_->cached_chains());
        if (chains.size() != 1)
            return usage_error("fork cache " + cache_->path() + " holds " + std::to_string(chains.size()) +
                               " chains: name one (--chain-id)");
        point_.chain_id = chains[0];
    }
    if (options.block) {
        point_.block = *options.block;
    } else {
        SUTURE_TRY(blocks, cache_->cached_blocks(point_.chain_id));
        if (blocks.size() != 1)
            return usage_error("fork cache " + cache_->path() + " holds " + std::to_string(blocks.size()) +
                               " forked blocks of chain " + std::to_string(point_.chain_id) +
                               ": name one (--fork-block)");
        point_.block = blocks[0];
    }
    return {};
}

Error ForkBackend::missing(const std::string& item) const {
    return input_error("fork cache " + cache_->path() + " has no " + item + " at block " +
                       std::to_string(point_.block) + " of chain " + std::to_string(point_.chain_id) +
                       ": run once with --rpc");
}

Result<json> ForkBackend::block_json(uint64_t number) {
    if (cache_) {
        SUTURE_TRY(cached, cache_->block(point_.chain_id, number));
        if (cached) {
            ++stats_.cache_reads;
            json j = json::parse(*cached, nullptr, false);
            if (j.is_object()) return j;
            // Unparseable text from an older writer: fetch it again below when online.
        }
    }
    if (!rpc_) {
        if (!cache_) return usage_error("fork: no node and no cache");
        return input_error("fork cache " + cache_->path() + " has no block " + std::to_string(number) + " of chain " +
                           std::to_string(point_.chain_id) + ": run once with --rpc");
    }
    ++stats_.rpc_requests;
    SUTURE_TRY(j, rpc_->request("eth_getBlockByNumber", {quantity(number), false}));
    if (!j.is_object())
        return chain_error("eth_getBlockByNumber at " + rpc_->redacted_url() + ": the node has no block " +
                           std::to_string(number));
    j.erase("transactions");  // hashes only: not needed for the context, and the bulk of the object
    if (cache_) SUTURE_CHECK(cache_->put_block(point_.chain_id, number, j.dump()));
    return j;
}

Result<std::optional<evm::AccountInfo>> ForkBackend::account(const Address& addr) {
    std::lock_guard lock(mu_);
    if (deferred_error_) return *deferred_error_;
    if (auto it = accounts_.find(addr); it != accounts_.end()) return it->second;
    SUTURE_TRY(info, fetch_account(addr));
    accounts_.emplace(addr, info);
    return info;
}

Result<std::optional<evm::AccountInfo>> ForkBackend::fetch_account(const Address& addr) {
    if (cache_) {
        SUTURE_TRY(cached, cache_->account(point_, addr));
        if (cached) {
            ++stats_.cache_reads;
            if (cached->info && cached->info->code_hash != evm::kEmptyCodeHash && !codes_.count(cached->info->code_hash)) {
                SUTURE_TRY(code, cache_->code(cached->info->code_hash));
                if (!code) return missing("code of " + to_checksum(addr));
                codes_.emplace(cached->info->code_hash, std::make_shared<const Bytes>(std::move(*code)));
            }
            return cached->info;
        }
    }
    if (!rpc_) return missing("account " + to_checksum(addr));

    const std::string tag = quantity(point_.block);
    const std::string a = hex_of(addr);
    const std::vector<RpcCall> calls = {
        {"eth_getBalance", {a, tag}},
        {"eth_getTransactionCount", {a, tag}},
        {"eth_getCode", {a, tag}},
        {"eth_getProof", {a, json::array(), tag}},
    };
    ++stats_.rpc_requests;
    SUTURE_TRY(replies, rpc_->batch(calls));
    for (size_t i = 0; i < 3; ++i)
        if (replies[i].error)
            return chain_error(calls[i].method + " at " + rpc_->redacted_url() + ": node error " +
                               std::to_string(replies[i].error->code) + ": " + replies[i].error->message);
    const std::string where = " of " + to_checksum(addr) + " at block " + std::to_string(point_.block);
    SUTURE_TRY(balance, parse_u256(replies[0].result, "eth_getBalance" + where));
    SUTURE_TRY(nonce, parse_u64(replies[1].result, "eth_getTransactionCount" + where));
    SUTURE_TRY(code, parse_data(replies[2].result, "eth_getCode" + where));

    // has_storage must never be false for an account with storage: evm::State
    // then skips the backend and reads every slot as zero. eth_getProof's
    // storageHash answers it exactly (the empty trie root means no storage).
    // A node without eth_getProof (or without the state for it) falls back to
    // "any account with code or a nonce may have storage": true for every
    // contract (reads then go to the node, as they must), false only for a
    // fresh externally owned account, which has no storage unless it is one
    // of the EIP-7610 pre-Spurious-Dragon leftovers.
    bool has_storage = !code.empty() || nonce != 0;
    if (!replies[3].error && replies[3].result.is_object() && replies[3].result.contains("storageHash")) {
        SUTURE_TRY(root, parse_bytes32(replies[3].result["storageHash"], "eth_getProof storageHash" + where));
        has_storage = root != evm::kEmptyTrieRoot;
    }

    std::optional<evm::AccountInfo> info;
    evm::CodePtr code_ptr;
    if (nonce != 0 || balance || !code.empty() || has_storage) {
        evm::AccountInfo i;
        i.nonce = nonce;
        i.balance = balance;
        i.has_storage = has_storage;
        if (!code.empty()) {
            i.code_hash = keccak256(code);
            code_ptr = std::make_shared<const Bytes>(std::move(code));
            codes_.emplace(i.code_hash, code_ptr);
        }
        info = i;
    }
    if (cache_) SUTURE_CHECK(cache_->put_account(point_, addr, CachedAccount{info}, code_ptr));
    return info;
}

Result<evm::CodePtr> ForkBackend::code(const Bytes32& code_hash) {
    std::lock_guard lock(mu_);
    if (deferred_error_) return *deferred_error_;
    if (auto it = codes_.find(code_hash); it != codes_.end()) return it->second;
    if (cache_) {
        SUTURE_TRY(cached, cache_->code(code_hash));
        if (cached) {
            ++stats_.cache_reads;
            auto ptr = std::make_shared<const Bytes>(std::move(*cached));
            codes_.emplace(code_hash, ptr);
            return ptr;
        }
    }
    // Code arrives with its account, so a hash no account of this fork has is
    // a caller error, not something to fetch.
    return internal_error("fork: code " + to_hex(BytesView(code_hash.data(), 32)) +
                          " was asked for before any account with it was read");
}

Result<uint256> ForkBackend::storage(const Address& addr, const uint256& key) {
    std::lock_guard lock(mu_);
    if (deferred_error_) return *deferred_error_;
    const SlotKey k{addr, key};
    if (auto it = slots_.find(k); it != slots_.end()) return it->second;
    SUTURE_TRY(v, fetch_storage(addr, key));
    slots_.emplace(k, v);
    return v;
}

Result<uint256> ForkBackend::fetch_storage(const Address& addr, const uint256& key) {
    if (cache_) {
        SUTURE_TRY(cached, cache_->storage(point_, addr, key));
        if (cached) {
            ++stats_.cache_reads;
            return *cached;
        }
    }
    if (!rpc_) return missing("storage slot " + key.to_hex() + " of " + to_checksum(addr));
    ++stats_.rpc_requests;
    SUTURE_TRY(word, rpc_->get_storage_at(addr, key, BlockTag::number(point_.block)));
    const uint256 v = uint256::from_bytes32(word);
    if (cache_) SUTURE_CHECK(cache_->put_storage(point_, addr, key, v));
    return v;
}

Result<Bytes32> ForkBackend::block_hash(uint64_t number) {
    std::lock_guard lock(mu_);
    if (number > point_.block)
        return input_error("fork: block " + std::to_string(number) + " is after the pinned block " +
                           std::to_string(point_.block));
    if (auto it = block_hashes_.find(number); it != block_hashes_.end()) return it->second;
    SUTURE_TRY(j, block_json(number));
    Bytes32 hash{};
    SUTURE_CHECK(FieldReader(j).field("hash", hash, parse_bytes32).status());
    block_hashes_.emplace(number, hash);
    return hash;
}

evm::BlockEnv ForkBackend::block_env() {
    std::lock_guard lock(mu_);
    evm::BlockEnv env = env_;
    env.block_hashes = [this](int64_t number) -> Bytes32 {
        // Blocks after the pinned one (a test that rolled forward) were never
        // mined on the node: their hash is unknown, like any future block.
        if (number < 0 || uint64_t(number) > point_.block) return Bytes32{};
        auto h = block_hash(uint64_t(number));
        if (h) return *h;
        std::lock_guard relock(mu_);
        if (!deferred_error_) deferred_error_ = std::move(h).error();
        return Bytes32{};
    };
    return env;
}

std::optional<Error> ForkBackend::deferred_error() const {
    std::lock_guard lock(mu_);
    return deferred_error_;
}

std::string ForkBackend::cache_rebuilt_reason() const {
    std::lock_guard lock(mu_);
    return cache_ ? cache_->open_info().rebuilt_reason : std::string();
}

ForkStats ForkBackend::stats() const {
    std::lock_guard lock(mu_);
    return stats_;
}

}  // namespace suture::chain
