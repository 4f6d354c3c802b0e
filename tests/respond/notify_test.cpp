// The monitor's notification channels (respond/notify.hpp): payload formats,
// the webhook's HMAC signature (RFC 4231 vector), and delivery with retries
// to a local receiver that fails twice and then succeeds: one delivery.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "respond/notify.hpp"

namespace suture::respond {
namespace {

Firing sample() {
    Firing f;
    f.detector = "drain";
    f.summary = "drain (outflow) at block 7";
    f.block = 7;
    f.evidence = {{"detector", "drain"}, {"block", 7}, {"values", {{"amount", "5"}}}};
    return f;
}

TEST(Notify, PayloadFormats) {
    NotifySpec s;
    s.kind = NotifyKind::slack;
    EXPECT_NE(notify_payload(s, sample())["text"].get<std::string>().find("[suture] drain (outflow) at block 7"),
              std::string::npos);
    s.kind = NotifyKind::discord;
    EXPECT_TRUE(notify_payload(s, sample()).contains("content"));
    s.kind = NotifyKind::telegram;
    s.chat_id = "-100";
    EXPECT_EQ(notify_payload(s, sample())["chat_id"], "-100");
    s.kind = NotifyKind::webhook;
    EXPECT_EQ(notify_payload(s, sample()), sample().evidence);
    s.kind = NotifyKind::email;
    s.from = "monitor@example.org";
    s.to = {"a@example.org", "b@example.org"};
    std::string mail = notify_payload(s, sample()).get<std::string>();
    EXPECT_NE(mail.find("To: a@example.org, b@example.org\r\n"), std::string::npos);
    EXPECT_NE(mail.find("Subject: [suture] drain"), std::string::npos);
    EXPECT_NE(mail.find("\r\n\r\n{"), std::string::npos);
}

TEST(Notify, WebhookSignatureIsHmacSha256) {
    // RFC 4231, test case 2.
    EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Notify, IncompleteChannelsAreRefused) {
    NotifySpec s;
    s.kind = NotifyKind::webhook;
    EXPECT_FALSE(make_notifier(s).ok());
    s.kind = NotifyKind::email;
    s.url = "smtp://127.0.0.1:1";
    EXPECT_FALSE(make_notifier(s).ok());
    s.kind = NotifyKind::stdout_json;
    auto n = make_notifier(s);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, nullptr);  // the CLI's channel
}

// A one-thread HTTP receiver on a loopback port: answers the first
// `failures` requests with 500, the rest with 200, and keeps the bodies.
class Receiver {
public:
    explicit Receiver(int failures) : failures_(failures) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int one = 1;
        setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        listen(fd_, 8);
        thread_ = std::thread([this] { serve(); });
    }
    ~Receiver() {
        stop_ = true;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
    int requests() const { return requests_; }
    int delivered() const { return delivered_; }
    std::string last_request() const { return last_; }

private:
    void serve() {
        while (!stop_) {
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            std::string req;
            char buf[4096];
            // Read the headers, then Content-Length bytes of body.
            size_t body_at = std::string::npos, want = 0;
            while (true) {
                ssize_t n = read(c, buf, sizeof buf);
                if (n <= 0) break;
                req.append(buf, static_cast<size_t>(n));
                if (body_at == std::string::npos && (body_at = req.find("\r\n\r\n")) != std::string::npos) {
                    body_at += 4;
                    auto cl = req.find("Content-Length: ");
                    want = cl == std::string::npos ? 0 : std::stoul(req.substr(cl + 16));
                }
                if (body_at != std::string::npos && req.size() >= body_at + want) break;
            }
            ++requests_;
            last_ = req;
            bool fail = requests_ <= failures_;
            if (!fail) ++delivered_;
            std::string resp = fail ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                    : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            (void)!write(c, resp.data(), resp.size());
            close(c);
        }
    }
    int fd_ = -1, port_ = 0, failures_;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0}, delivered_{0};
    std::string last_;
    std::thread thread_;
};

TEST(Notify, WebhookFailingTwiceThenSucceedingGetsOneDelivery) {
    Receiver r(2);
    NotifySpec s;
    s.kind = NotifyKind::webhook;
    s.url = r.url();
    s.secret = "s3cret";
    s.retries = 4;
    s.backoff = std::chrono::milliseconds(5);
    auto n = make_notifier(s);
    ASSERT_TRUE(n.ok()) << n.error().message;
    auto st = (*n)->send(sample());
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(r.requests(), 3);
    EXPECT_EQ(r.delivered(), 1);
    // The body is signed: the header carries HMAC-SHA256 of exactly the body sent.
    const std::string req = r.last_request();
    const std::string body = req.substr(req.find("\r\n\r\n") + 4);
    EXPECT_EQ(nlohmann::json::parse(body), sample().evidence);
    EXPECT_NE(req.find("X-Suture-Signature: sha256=" + webhook_signature("s3cret", body)), std::string::npos);
}

TEST(Notify, WebhookGivesUpAfterItsRetries) {
    Receiver r(100);
    NotifySpec s;
    s.kind = NotifyKind::slack;
    s.url = r.url();
    s.retries = 1;
    s.backoff = std::chrono::milliseconds(1);
    auto n = make_notifier(s);
    ASSERT_TRUE(n.ok());
    auto st = (*n)->send(sample());
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("HTTP 500"), std::string::npos);
    EXPECT_EQ(r.requests(), 2);
}

TEST(Notify, ScriptChannelReadsTheFiringOnStdin) {
    auto dir = std::filesystem::temp_directory_path() / ("suture-notify-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto out = (dir / "got.json").string();
    auto script = (dir / "hook.sh").string();
    std::ofstream(script) << "#!/bin/sh\ncat > '" << out << "'\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    NotifySpec s;
    s.kind = NotifyKind::script;
    s.script = script;
    auto n = make_notifier(s);
    ASSERT_TRUE(n.ok());
    ASSERT_TRUE((*n)->send(sample()).ok());
    std::ifstream in(out);
    EXPECT_EQ(nlohmann::json::parse(in), sample().evidence);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace suture::respond
