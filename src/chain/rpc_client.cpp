// RpcClient transport: HTTP POST with retries, JSON-RPC 2.0 envelopes, node errors.
#include "chain/rpc_client.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "chain/curl_library.hpp"
#include "chain/devnode/state_url.hpp"
#include "chain/revert.hpp"
#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

// One HTTP exchange: the answer as it arrives, bounded, and the wait reported.
struct Exchange {
    Exchange(const RpcOptions& o, std::string_view w) : options(o), what(w), next_notice(o.wait_notice) {}
    const RpcOptions& options;
    std::string_view what;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::chrono::milliseconds next_notice;
    std::string body;
    bool too_large = false;
};

size_t append_body(char* data, size_t size, size_t n, void* user) {
    auto* x = static_cast<Exchange*>(user);
    if (n && size > (x->options.max_response_bytes - x->body.size()) / n) {
        x->too_large = true;
        return 0;  // libcurl then stops with CURLE_WRITE_ERROR
    }
    x->body.append(data, size * n);
    return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
    auto* x = static_cast<Exchange*>(user);
    if (!x->options.on_wait) return 0;
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - x->start);
    if (waited >= x->next_notice) {
        const std::string what = received ? std::string(x->what) + " (" + std::to_string(received >> 20) + " MiB received)"
                                          : std::string(x->what);
        x->options.on_wait(what, waited, false);
        x->next_notice = waited + std::chrono::milliseconds(1000);
    }
    return 0;
}

std::string seconds_text(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ms.count() % 1000 ? "%.1f s" : "%.0f s", static_cast<double>(ms.count()) / 1000);
    return buf;
}

std::string size_text(size_t bytes) {
    if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// Transport failures worth another attempt: the node may be restarting or
// overloaded. A malformed URL or an unsupported scheme never heals.
bool transient(CURLcode c) {
    switch (c) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_PEER_FAILED_VERIFICATION:
        return false;
    default:
        return true;
    }
}

std::string snippet(const std::string& body) {
    std::string s = body.substr(0, 200);
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return body.size() > 200 ? s + "..." : s;
}

// A JSON-RPC error object answered with an HTTP error status (some nodes do
// that for reverts) is still the node's answer, not a transport failure.
bool is_rpc_error_body(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return false;
    auto has_err = [](const json& o) { return o.is_object() && o.contains("error"); };
    if (j.is_array()) return !j.empty() && std::all_of(j.begin(), j.end(), has_err);
    return has_err(j);
}

Result<RpcResponse> parse_response(json& j, std::string_view what) {
    if (!j.is_object()) return chain_error(std::string(what) + ": response is not a JSON object");
    RpcResponse r;
    if (auto e = j.find("error"); e != j.end() && !e->is_null()) {
        NodeError ne;
        if (e->is_object()) {
            if (auto c = e->find("code"); c != e->end() && c->is_number_integer()) ne.code = c->get<int64_t>();
            if (auto m = e->find("message"); m != e->end() && m->is_string()) ne.message = m->get<std::string>();
            if (auto d = e->find("data"); d != e->end()) ne.data = *d;
        } else {
            ne.message = e->dump();
        }
        r.error = std::move(ne);
        return r;
    }
    auto res = j.find("result");
    if (res == j.end()) return chain_error(std::string(what) + ": response has neither result nor error");
    r.result = std::move(*res);
    return r;
}

}  // namespace

std::string redact_url(std::string_view url) {
    if (is_state_url(url)) return std::string(url);  // a file path holds no credentials
    std::string_view scheme;
    if (auto p = url.find("://"); p != std::string_view::npos) {
        scheme = url.substr(0, p + 3);
        url.remove_prefix(p + 3);
    }
    size_t end = url.find_first_of("/?#");
    std::string_view authority = url.substr(0, end);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    std::string out = std::string(scheme) + std::string(authority);
    if (end != std::string_view::npos) {
        std::string_view rest = url.substr(end);
        if (rest != "/" && !rest.empty()) out += "/...";
    }
    return out;
}

Bytes revert_data_of(const NodeError& e) {
    const json* d = &e.data;
    // Some nodes wrap it: {"data": "0x..."} or {"originalError": {"data": ...}}.
    for (int depth = 0; depth < 3 && d->is_object(); ++depth) {
        if (d->contains("data")) d = &(*d)["data"];
        else if (d->contains("originalError")) d = &(*d)["originalError"];
        else break;
    }
    if (!d->is_string()) return {};
    auto bytes = from_hex(d->get<std::string>());
    return bytes.ok() ? std::move(*bytes) : Bytes{};
}

RpcClient::RpcClient(std::string url, RpcOptions options) : url_(std::move(url)), options_(options) {}

RpcClient::RpcClient(std::shared_ptr<RpcTransport> transport, std::string url, RpcOptions options)
    : url_(std::move(url)), options_(options), transport_(std::move(transport)) {}

RpcClient::~RpcClient() {
    // curl_ is only ever set after curl_library() succeeded.
    if (curl_) curl_library().value()->easy_cleanup(static_cast<CURL*>(curl_));
}

Result<std::string> RpcClient::post(const std::string& body, std::string_view what) {
    std::lock_guard lock(mu_);
    const std::string where = std::string(what) + " at " + redacted_url();
    if (!transport_ && is_state_url(url_)) {
        auto opened = open_state_url(url_);
        // The node is the endpoint: a file it cannot open is a chain error, like a refused connection.
        if (!opened.ok()) return chain_error(where + ": " + opened.error().message);
        transport_ = std::move(opened).value();
    }
    if (transport_) return transport_->post(body, where);
    return post_http(body, where);
}

Result<std::string> RpcClient::post_http(const std::string& body, const std::string& where) {
    auto loaded = curl_library();
    if (!loaded.ok()) return std::move(loaded).error().context(where);
    const CurlLibrary& curl = **loaded;
    if (!curl_) curl_ = curl.easy_init();
    CURL* c = static_cast<CURL*>(curl_);
    if (!c) return chain_error(where + ": could not initialise libcurl (curl_easy_init failed)");

    auto backoff = options_.initial_backoff;
    std::string last_failure;
    const int attempts = 1 + std::max(0, options_.max_retries);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (attempt > 1) {
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, options_.max_backoff);
        }
        Exchange exchange(options_, where);
        std::string& response = exchange.body;
        char errbuf[CURL_ERROR_SIZE] = {0};
        curl_slist* headers = curl.slist_append(nullptr, "Content-Type: application/json");
        curl.easy_reset(c);
        curl.easy_setopt(c, CURLOPT_URL, url_.c_str());
        curl.easy_setopt(c, CURLOPT_POST, 1L);
        curl.easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl.easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
        curl.easy_setopt(c, CURLOPT_WRITEDATA, &exchange);
        curl.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
        curl.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl.easy_setopt(c, CURLOPT_XFERINFODATA, &exchange);
        curl.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
        curl.easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
        curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        CURLcode rc = curl.easy_perform(c);
        if (exchange.next_notice > options_.wait_notice)  // a wait was reported: say it ended
            options_.on_wait(where, exchange.next_notice, true);
        long status = 0;
        curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl.slist_free_all(headers);

        if (exchange.too_large || rc == CURLE_FILESIZE_EXCEEDED)
            return chain_error(where + ": the answer is larger than the limit of " +
                               size_text(options_.max_response_bytes));
        // A node that took the request and stayed silent for the whole time-out
        // is not a blip: asking again would only multiply the wait.
        if (rc == CURLE_OPERATION_TIMEDOUT && !std::string_view(errbuf).starts_with("Connection timed out"))
            return chain_error(where + ": no answer within the request time-out of " +
                               seconds_text(options_.request_timeout));
        if (rc != CURLE_OK) {
            last_failure = errbuf[0] ? errbuf : curl.easy_strerror(rc);
            if (!transient(rc)) return chain_error(where + ": " + last_failure);
            continue;
        }
        if (status == 200) return response;
        if ((status == 429 || status >= 500) && !is_rpc_error_body(response)) {
            last_failure = "HTTP " + std::to_string(status) + ": " + snippet(response);
            continue;
        }
        if (status >= 400 && !is_rpc_error_body(response))
            return chain_error(where + ": HTTP " + std::to_string(status) + ": " + snippet(response));
        return response;
    }
    return chain_error(where + ": failed after " + std::to_string(attempts) + " attempt" +
                       (attempts > 1 ? "s" : "") + ": " + last_failure);
}

Result<RpcResponse> RpcClient::request_raw(std::string_view method, json params) {
    uint64_t id;
    {
        std::lock_guard lock(mu_);
        id = next_id_++;
    }
    json req = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    SUTURE_TRY(body, post(req.dump(), method));
    const std::string where = std::string(method) + " at " + redacted_url();
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return chain_error(where + ": response is not JSON: " + snippet(body));
    if (j.is_object() && j.contains("id") && j["id"] != json(id) && !j["id"].is_null())
        return chain_error(where + ": response id " + j["id"].dump() + " does not match request id " + std::to_string(id));
    return parse_response(j, where);
}

Error RpcClient::node_error(std::string_view method, const NodeError& e, const abi::ContractAbi* abi) const {
    std::string msg = std::string(method) + " at " + redacted_url() + ": node error " + std::to_string(e.code) +
                      ": " + e.message;
    Bytes data = revert_data_of(e);
    if (!data.empty()) msg += " (revert: " + describe_revert(data, abi) + ")";
    return chain_error(std::move(msg));
}

Result<json> RpcClient::request(std::string_view method, json params) {
    SUTURE_TRY(resp, request_raw(method, std::move(params)));
    if (resp.error) return node_error(method, *resp.error);
    return std::move(resp.result);
}

Result<std::vector<RpcResponse>> RpcClient::batch(const std::vector<RpcCall>& calls) {
    if (calls.empty()) return std::vector<RpcResponse>{};
    std::string what = "batch[";
    json req = json::array();
    uint64_t first;
    {
        std::lock_guard lock(mu_);
        first = next_id_;
        next_id_ += calls.size();
    }
    for (size_t i = 0; i < calls.size(); ++i) {
        req.push_back({{"jsonrpc", "2.0"}, {"id", first + i}, {"method", calls[i].method}, {"params", calls[i].params}});
        if (i < 4) what += (i ? "," : "") + calls[i].method;
    }
    what += calls.size() > 4 ? ",...]" : "]";
    SUTURE_TRY(body, post(req.dump(), what));
    const std::string where = what + " at " + redacted_url();
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return chain_error(where + ": response is not JSON: " + snippet(body));
    if (!j.is_array()) {
        // A node that rejects the whole batch answers with a single error object.
        SUTURE_TRY(single, parse_response(j, where));
        if (single.error) return node_error(what, *single.error);
        return chain_error(where + ": expected an array of responses");
    }
    std::vector<RpcResponse> out(calls.size());
    std::vector<bool> seen(calls.size(), false);
    for (auto& item : j) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_number_unsigned())
            return chain_error(where + ": response without a numeric id");
        uint64_t id = item["id"].get<uint64_t>();
        if (id < first || id >= first + calls.size() || seen[id - first])
            return chain_error(where + ": unexpected response id " + std::to_string(id));
        SUTURE_TRY(r, parse_response(item, where));
        out[id - first] = std::move(r);
        seen[id - first] = true;
    }
    for (size_t i = 0; i < calls.size(); ++i)
        if (!seen[i]) return chain_error(where + ": no response for call " + std::to_string(i) + " (" + calls[i].method + ")");
    return out;
}

}  // namespace suture::chain
