#include "verify/foundry_forks.hpp"

namespace suture::verify::foundry {

Result<evm::CodePtr> ForkSwitch::code(const Bytes32& code_hash) {
    // Code is content-addressed: a hash the fork does not know may be code
    // deployed before the switch (it lives in the base).
    auto c = active_->code(code_hash);
    if (c.ok() || active_ == &base_) return c;
    return base_.code(code_hash);
}

namespace {

constexpr const char* kLockedMessage =
    "suture test selects forks in the constructor or setUp() only (the tests share that state); "
    "move the fork selection into setUp()";

}  // namespace

Result<uint64_t> ForkSet::create(const std::string& url_or_alias, std::optional<uint64_t> block) {
    std::string url = url_or_alias;
    if (auto it = config_.endpoints.find(url_or_alias); it != config_.endpoints.end()) url = it->second;
    if (url.find("://") == std::string::npos) return input_error("invalid rpc url: " + url_or_alias);
    if (locked_) return unsupported_error(kLockedMessage);
    chain::ForkOptions o;
    o.rpc_url = url;
    o.block = block;
    o.rpc = config_.rpc;
    auto backend = chain::ForkBackend::open(o);
    if (!backend)
        return chain_error("could not instantiate forked environment with provider " + url + "; " +
                           backend.error().message);
    forks_.push_back(Fork{url, std::move(*backend)});
    return uint64_t(forks_.size() - 1);
}

Result<evm::BlockEnv> ForkSet::select(uint64_t id) {
    if (id >= forks_.size()) return input_error("fork id " + std::to_string(id) + " does not exist");
    if (locked_) return unsupported_error(kLockedMessage);
    switch_.select(forks_[id].backend.get());
    active_ = id;
    return forks_[id].backend->block_env();
}

Result<evm::BlockEnv> ForkSet::roll(std::optional<uint64_t> id, uint64_t block) {
    if (locked_) return unsupported_error(kLockedMessage);
    const std::optional<uint64_t> which = id ? id : active_;
    if (!which) return input_error("no active fork");
    if (*which >= forks_.size()) return input_error("fork id " + std::to_string(*which) + " does not exist");
    chain::ForkOptions o;
    o.rpc_url = forks_[*which].url;
    o.block = block;
    o.rpc = config_.rpc;
    SUTURE_TRY(backend, chain::ForkBackend::open(o));
    forks_[*which].backend = std::move(backend);
    if (active_ == which) switch_.select(forks_[*which].backend.get());
    return forks_[*which].backend->block_env();
}

}  // namespace suture::verify::foundry
