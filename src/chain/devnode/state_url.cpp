#include "chain/devnode/state_url.hpp"

#include <filesystem>
#include <map>
#include <mutex>

namespace suture::chain {

bool is_state_url(std::string_view url) { return url.starts_with(kStateUrlScheme); }

Result<std::shared_ptr<DevNode>> open_state_node(const std::string& path) {
    static std::mutex mu;
    static std::map<std::string, std::weak_ptr<DevNode>> open;
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
