// The monitor's notification channels (respond/notify.hpp): payload formats,
// the webhook's HMAC signature (RFC 4231 vector), and delivery with retries
// to a local receiver that fails twice and then succeeds: one delivery.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "chain/scripted_server.hpp"
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

// A webhook receiver on a loopback port: answers the first `failures`
// requests with 500, the rest with 200, and keeps the last request.
class Receiver {
public:
    explicit Receiver(int failures)
        : failures_(failures), server_([this](const chain::testing_support::HttpRequest& req) { return answer(req); }) {}
    std::string url() const { return server_.url("/hook"); }
    int requests() const { return requests_; }
    int delivered() const { return delivered_; }
    std::string last_request() const {
        std::lock_guard lock(mu_);
        return last_;
    }

private:
    chain::testing_support::HttpReply answer(const chain::testing_support::HttpRequest& req) {
        {
            std::lock_guard lock(mu_);
            last_ = req.head + req.body;
        }
        bool fail = ++requests_ <= failures_;
        if (!fail) ++delivered_;
        return {fail ? 500 : 200, "", "text/plain"};
    }
    int failures_;
    std::atomic<int> requests_{0}, delivered_{0};
    mutable std::mutex mu_;
    std::string last_;
    chain::testing_support::LoopbackServer server_;  // last: stops first
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
