#include "chain/devnode/dev_node.hpp"

#include <string_view>
#include <unordered_map>

#include "chain/devnode/dev_node_methods.hpp"
#include "chain/devnode/rpc_params.hpp"
#include "chain/devnode/state_url.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

using MethodTable = std::unordered_map<std::string_view, MethodFn>;

const MethodTable& methods() {
    static const MethodTable table = [] {
        MethodTable t;
        for (auto list : {state_methods(), chain_methods(), test_methods()})
            for (const Method& m : list) t.emplace(m.name, m.fn);
        return t;
    }();
    return table;
}

json error_response(const json& id, const NodeError& e) {
    json err = {{"code", e.code}, {"message", e.message}};
    if (!e.data.is_null()) err["data"] = e.data;
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", err}};
}

}  // namespace

DevNode::DevNode(LocalState state, std::string path, DevNodeOptions options)
    : chain_(std::move(state)), path_(std::move(path)), options_(options) {
    if (!path_.empty()) url_ = std::string(kStateUrlScheme) + path_;
}

Result<std::shared_ptr<DevNode>> DevNode::open_file(const std::string& path, DevNodeOptions options) {
    SUTURE_TRY(state, load_state_file(path));
    return std::shared_ptr<DevNode>(new DevNode(std::move(state), path, options));
}

std::shared_ptr<DevNode> DevNode::in_memory(LocalState state, DevNodeOptions options) {
    std::shared_ptr<DevNode> node(new DevNode(std::move(state), "", options));
    node->url_ = register_memory_node(node);
    return node;
}

DevNode::~DevNode() {
    // A destructor cannot report: a caller that must know calls flush() first.
    (void)flush_locked();
}

Status DevNode::flush() {
    std::lock_guard lock(mu_);
    return flush_locked();
}

Status DevNode::flush_locked() {
    if (path_.empty() || chain_.unflushed_blocks() == 0) return {};
    SUTURE_CHECK(save_state_file(path_, chain_.state()));
    chain_.mark_flushed();
    return {};
}

LocalState DevNode::state() {
    std::lock_guard lock(mu_);
    return chain_.state();
}

Result<std::string> DevNode::post(const std::string& body, std::string_view) {
    json request = json::parse(body, nullptr, false);
    if (request.is_discarded()) return error_response(nullptr, NodeError{kParseError, "parse error: the body is not JSON", nullptr}).dump();
    return handle(request).dump();
}

json DevNode::handle(const json& request) {
    if (!request.is_array()) return handle_one(request);
    if (request.empty()) return error_response(nullptr, NodeError{kInvalidRequest, "invalid request: empty batch", nullptr});
    json out = json::array();
    for (const json& r : request) out.push_back(handle_one(r));
    return out;
}

json DevNode::handle_one(const json& request) {
    const json id = request.is_object() && request.contains("id") ? request["id"] : json(nullptr);
    if (!request.is_object() || !request.contains("method") || !request["method"].is_string())
        return error_response(id, NodeError{kInvalidRequest, "invalid request: expected an object with a string method", nullptr});
    const std::string method = request["method"].get<std::string>();
    auto it = methods().find(method);
    if (it == methods().end())
        return error_response(id, NodeError{kMethodNotFound, "method not found: " + method + " (not implemented by the in-process node)", nullptr});
    static const json no_params = json::array();
    const json& params = request.contains("params") ? request["params"] : no_params;
    std::lock_guard lock(mu_);
    try {
        json result = it->second(*this, Params(params, method));
        if (options_.flush_every && chain_.unflushed_blocks() >= options_.flush_every) {
            if (auto s = flush_locked(); !s.ok()) return error_response(id, NodeError{kServerError, "writing the state file: " + s.error().message, nullptr});
        }
        return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
    } catch (const RpcFailure& f) {
        return error_response(id, f.error);
    } catch (const json::exception& e) {  // a param of an unexpected JSON type deep inside an object
        return error_response(id, NodeError{kInvalidParams, "invalid params for " + method + ": " + e.what(), nullptr});
    }
}

std::unique_ptr<RpcClient> connect(const std::shared_ptr<DevNode>& node, RpcOptions options) {
    return std::make_unique<RpcClient>(node, node->url(), options);
}

}  // namespace suture::chain
