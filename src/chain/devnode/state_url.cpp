#include "chain/devnode/state_url.hpp"

#include <filesystem>
#include <map>
#include <mutex>

namespace suture::chain {

bool is_state_url(std::string_view url) { return url.starts_with(kStateUrlScheme); }

namespace {

constexpr std::string_view kMemoryPrefix = "memory:";

struct Registry {
    std::mutex mu;
    std::map<std::string, std::weak_ptr<DevNode>> open;  // canonical path or "memory:N" -> node
    uint64_t next_memory = 1;
};

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace

std::string register_memory_node(const std::shared_ptr<DevNode>& node) {
    Registry& r = registry();
    std::lock_guard lock(r.mu);
    const std::string key = std::string(kMemoryPrefix) + std::to_string(r.next_memory++);
    r.open[key] = node;
    return std::string(kStateUrlScheme) + key;
}

Result<std::shared_ptr<DevNode>> open_state_node(const std::string& path) {
    Registry& r = registry();
    if (path.starts_with(kMemoryPrefix)) {
        std::lock_guard lock(r.mu);
        auto it = r.open.find(path);
        if (it != r.open.end())
            if (auto node = it->second.lock()) return node;
        return input_error(std::string(kStateUrlScheme) + path + ": no such in-memory node in this process (it is gone)");
    }
    auto& open = r.open;
    auto& mu = r.mu;
    std::error_code ec;
    const std::string key = std::filesystem::weakly_canonical(path, ec).string();
    if (ec) return input_error(path + ": " + ec.message());
    std::lock_guard lock(mu);
    if (auto it = open.find(key); it != open.end())
        if (auto node = it->second.lock()) return node;
    SUTURE_TRY(node, DevNode::open_file(path));
    open[key] = node;
    return node;
}

Result<std::shared_ptr<RpcTransport>> open_state_url(const std::string& url) {
    const std::string path = url.substr(kStateUrlScheme.size());
    if (path.empty()) return usage_error("state: URL without a file (expected state:PATH, e.g. state:dev.state)");
    SUTURE_TRY(node, open_state_node(path));
    return std::shared_ptr<RpcTransport>(std::move(node));
}

}  // namespace suture::chain
