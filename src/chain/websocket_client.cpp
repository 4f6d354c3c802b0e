#include "chain/websocket_client.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "chain/rpc_client.hpp"
#include "chain/websocket_frame.hpp"

namespace suture::chain {

using Clock = std::chrono::steady_clock;

namespace {

std::string base64(const unsigned char* data, size_t n) {
    std::string out(4 * ((n + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<size_t>(len));
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

int remaining_ms(Clock::time_point until) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

struct WsUrl {
    std::string host, port, path;
};

Result<WsUrl> parse_ws_url(std::string_view url, const std::string& shown) {
    std::string_view rest;
    if (url.substr(0, 5) == "ws://") rest = url.substr(5);
    else if (url.substr(0, 6) == "wss://")
        return unsupported_error("WebSocket " + shown + ": wss:// (TLS) is not supported yet; use ws:// or poll over HTTPS");
    else
        return usage_error("WebSocket " + shown + ": expected a ws:// URL");
    WsUrl u;
    const size_t slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (u.path.front() == '?') u.path = "/" + u.path;
    if (authority.find('@') != std::string_view::npos)
        return usage_error("WebSocket " + shown + ": credentials in the URL are not supported");
    if (!authority.empty() && authority.front() == '[') {  // [v6]:port
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) return usage_error("WebSocket " + shown + ": unterminated [host]");
        u.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        u.port = authority.substr(0, 1) == ":" ? std::string(authority.substr(1)) : "80";
    } else {
        const size_t colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        u.port = colon == std::string_view::npos ? "80" : std::string(authority.substr(colon + 1));
    }
    if (u.host.empty() || u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos)
        return usage_error("WebSocket " + shown + ": expected ws://host[:port][/path]");
    return u;
}

// A non-blocking TCP socket connected to `u` within `timeout`, or an error message.
Result<int> tcp_connect(const WsUrl& u, std::chrono::milliseconds timeout, const std::string& shown) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = getaddrinfo(u.host.c_str(), u.port.c_str(), &hints, &found); rc != 0)
        return chain_error("WebSocket " + shown + ": resolving: " + gai_strerror(rc));
    const auto until = Clock::now() + timeout;
    std::string last = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            last = std::strerror(errno);
            continue;
        }
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = poll(&p, 1, remaining_ms(until));
            if (rc == 0) {
                last = "timed out after " + std::to_string(timeout.count()) + " ms";
                ::close(fd);
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err == 0 ? 0 : -1;
            errno = err;
        }
        if (rc != 0) {
            last = std::strerror(errno);
            ::close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // small frames, sent now
        freeaddrinfo(found);
        return fd;
    }
    freeaddrinfo(found);
    return chain_error("WebSocket " + shown + ": connecting: " + last);
}

}  // namespace

std::string websocket_accept(std::string_view key) {
    std::string in(key);
    in += "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";  // RFC 6455 §1.3
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(in.data(), in.size(), digest, &n, EVP_sha1(), nullptr);
    return base64(digest, n);
}

Result<std::unique_ptr<WebSocketClient>> WebSocketClient::connect(const std::string& url, WebSocketOptions options) {
    const std::string shown = redact_url(url);
    SUTURE_TRY(u, parse_ws_url(url, shown));
    SUTURE_TRY(fd, tcp_connect(u, options.connect_timeout, shown));
    std::unique_ptr<WebSocketClient> c(new WebSocketClient(fd, shown, options));
    const bool default_port = u.port == "80";
    const std::string host = (u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host) +
                             (default_port ? "" : ":" + u.port);
    SUTURE_CHECK(c->handshake(host, u.path));
    return c;
}

WebSocketClient::WebSocketClient(int fd, std::string url, WebSocketOptions options)
    : fd_(fd), url_(std::move(url)), options_(options) {}

WebSocketClient::~WebSocketClient() {
    if (fd_ >= 0) ::close(fd_);
}

Error WebSocketClient::fail(std::string_view step, const std::string& what) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    in_.clear();
    message_.reset();
    partial_since_.reset();
    return chain_error("WebSocket " + url_ + ": " + std::string(step) + ": " + what);
}

namespace {
// Writes all of `data` within `until`; an error text, empty when sent.
std::string write_all(int fd, std::string_view data, Clock::time_point until) {
    while (!data.empty()) {
        ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return std::strerror(errno);
        pollfd p{fd, POLLOUT, 0};
        if (poll(&p, 1, remaining_ms(until)) == 0) return "timed out";
    }
    return "";
}
}  // namespace

Result<bool> WebSocketClient::fill(Clock::time_point until) {
    pollfd p{fd_, POLLIN, 0};
    int rc = poll(&p, 1, remaining_ms(until));
    if (rc < 0 && errno == EINTR) return false;
    if (rc < 0) return fail("reading", std::strerror(errno));
    if (rc == 0) return false;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
        in_.append(buf, static_cast<size_t>(n));
        return true;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return false;
    const std::string why = n == 0 ? "the connection was closed" : std::string(std::strerror(errno));
    if (!in_.empty() || message_)
        return fail("reading", why + " mid-frame (" + std::to_string(in_.size()) + " bytes of a frame read)");
    return fail("reading", why + " without a close frame");
}

Status WebSocketClient::handshake(const std::string& host_header, const std::string& path) {
    unsigned char nonce[16];
    if (RAND_bytes(nonce, sizeof nonce) != 1) return fail("handshake", "no random bytes for the key (OpenSSL RAND_bytes)");
    const std::string key = base64(nonce, sizeof nonce);
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host_header +
                                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                                "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    const auto until = Clock::now() + options_.connect_timeout;
    if (auto err = write_all(fd_, request, until); !err.empty()) return fail("handshake", "sending the request: " + err);
    size_t end;
    while ((end = in_.find("\r\n\r\n")) == std::string::npos) {
        if (in_.size() > 16384) return fail("handshake", "answer headers longer than 16 KiB");
        SUTURE_TRY(got, fill(until));
        if (!got && Clock::now() >= until)
            return fail("handshake", "no answer within " + std::to_string(options_.connect_timeout.count()) + " ms");
    }
    const std::string head = in_.substr(0, end);
    in_.erase(0, end + 4);  // frames the server sent right after its answer stay
    const std::string status_line = head.substr(0, head.find("\r\n"));
    if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0 || status_line.substr(9, 3) != "101")
        return fail("handshake", "expected 101 Switching Protocols, got \"" + status_line + "\"");
    std::string upgrade, connection, accept;
    size_t at = head.find("\r\n");
    while (at != std::string::npos && at < head.size()) {
        const size_t next = head.find("\r\n", at + 2);
        const std::string line = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
        at = next;
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        if (name == "upgrade") upgrade = lower(value);
        else if (name == "connection") connection = lower(value);
        else if (name == "sec-websocket-accept") accept = value;
    }
    if (upgrade != "websocket") return fail("handshake", "the answer has no \"Upgrade: websocket\"");
    if (connection.find("upgrade") == std::string::npos) return fail("handshake", "the answer has no \"Connection: Upgrade\"");
    if (accept != websocket_accept(key))
        return fail("handshake", "Sec-WebSocket-Accept \"" + accept + "\" does not match the key sent (RFC 6455 4.1)");
    return {};
}

Status WebSocketClient::send_frame(int opcode, std::string_view payload) {
    if (fd_ < 0) return chain_error("WebSocket " + url_ + ": sending: not connected");
    ws::MaskKey key;
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
        return fail("sending", "no random bytes for the mask (OpenSSL RAND_bytes)");
    const std::string frame = ws::encode_frame(static_cast<ws::Opcode>(opcode), payload, true, key);
    if (auto err = write_all(fd_, frame, Clock::now() + options_.io_timeout); !err.empty()) return fail("sending", err);
    return {};
}

Status WebSocketClient::send_text(std::string_view message) { return send_frame(static_cast<int>(ws::Opcode::text), message); }

Result<std::optional<std::string>> WebSocketClient::receive(std::chrono::milliseconds wait) {
    using Out = std::optional<std::string>;
    if (fd_ < 0) return chain_error("WebSocket " + url_ + ": reading: not connected");
    const auto until = Clock::now() + wait;
    for (;;) {
        auto decoded = ws::decode_frame(in_, options_.max_message_bytes, ws::Masking::forbidden);
        if (!decoded) {
            // §7.1.7: fail the connection; a Close 1002 (protocol error) first, as a courtesy.
            (void)write_all(fd_, ws::encode_frame(ws::Opcode::close, ws::close_payload(1002, ""), true, ws::MaskKey{}),
                            Clock::now() + std::chrono::milliseconds(100));
            return fail("reading", decoded.error().message);
        }
        if (!*decoded) {
            // Incomplete: wait for more, but a frame begun must finish within io_timeout.
            if (in_.empty() && !message_) partial_since_.reset();
            else if (!partial_since_) partial_since_ = Clock::now();
            if (partial_since_ && Clock::now() - *partial_since_ > options_.io_timeout)
                return fail("reading", "a frame begun was not finished within " +
                                           std::to_string(options_.io_timeout.count()) + " ms");
            SUTURE_TRY(got, fill(until));
            if (!got && Clock::now() >= until) return Out();
            continue;
        }
        ws::Frame f = std::move((*decoded)->frame);
        in_.erase(0, (*decoded)->size);
        partial_since_.reset();
        switch (f.opcode) {
            case ws::Opcode::ping:
                SUTURE_CHECK(send_frame(static_cast<int>(ws::Opcode::pong), f.payload));
                continue;
            case ws::Opcode::pong:
                continue;
            case ws::Opcode::close: {
                // §5.5.1: answer with a Close (echoing the code), then the TCP connection ends.
                const std::string code = f.payload.substr(0, 2);
                (void)send_frame(static_cast<int>(ws::Opcode::close), code);
                return fail("closed", "closed by the server (" + ws::describe_close(f.payload) + ")");
            }
            case ws::Opcode::continuation:
                if (!message_) return fail("reading", "continuation frame without a message begun");
                if (message_->size() + f.payload.size() > options_.max_message_bytes)
                    return fail("reading", "message exceeds the limit of " + std::to_string(options_.max_message_bytes) + " bytes");
                message_->append(f.payload);
                if (f.fin) {
                    Out done = std::move(message_);
                    message_.reset();
                    return done;
                }
                continue;
            case ws::Opcode::text:
            case ws::Opcode::binary:
                if (message_) return fail("reading", "new message while a fragmented one is unfinished");
                if (f.fin) return Out(std::move(f.payload));
                message_ = std::move(f.payload);
                continue;
        }
    }
}

Status WebSocketClient::close() {
    if (fd_ < 0) return {};
    SUTURE_CHECK(send_frame(static_cast<int>(ws::Opcode::close), ws::close_payload(1000, "")));
    const auto until = Clock::now() + options_.io_timeout;
    // Data still in flight is dropped; the server's Close ends the handshake.
    for (;;) {
        auto d = ws::decode_frame(in_, options_.max_message_bytes, ws::Masking::forbidden);
        if (!d) break;
        if (*d) {
            const bool is_close = (*d)->frame.opcode == ws::Opcode::close;
            in_.erase(0, (*d)->size);
            if (is_close) break;
            continue;
        }
        auto got = fill(until);
        if (!got) return {};  // the server closed the TCP connection: done as well
        if (!*got && Clock::now() >= until) break;
    }
    ::close(fd_);
    fd_ = -1;
    in_.clear();
    return {};
}

}  // namespace suture::chain
