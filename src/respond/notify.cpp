#include "respond/notify.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>
#include <ctime>
#include <thread>

#include "chain/curl_library.hpp"
#include "chain/rpc_client.hpp"
#include "core/hex.hpp"
#include "respond/script_run.hpp"

namespace suture::respond {
namespace {

using json = nlohmann::json;

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

struct ReadState {
    const std::string* text;
    size_t off = 0;
};

size_t read_body(char* out, size_t size, size_t n, void* p) {
    auto* s = static_cast<ReadState*>(p);
    size_t take = std::min(size * n, s->text->size() - s->off);
    std::memcpy(out, s->text->data() + s->off, take);
    s->off += take;
    return take;
}

std::string headline(const Firing& f) {
    return "[suture] " + f.summary;
}

std::string text_of(const Firing& f) { return headline(f) + "\n" + f.evidence.dump(2); }

// Retries `attempt` as the spec says; the last error when all failed.
Status with_retries(const NotifySpec& spec, const std::function<Status()>& attempt) {
    auto wait = spec.backoff;
    Status last;
    for (unsigned i = 0; i <= spec.retries; ++i) {
        last = attempt();
        if (last) return last;
        if (i < spec.retries) {
            std::this_thread::sleep_for(wait);
            wait *= 2;
        }
    }
    return last;
}

class HttpNotifier final : public Notifier {
public:
    explicit HttpNotifier(NotifySpec spec) : spec_(std::move(spec)) {}
    std::string name() const override {
        return std::string(notify_kind_name(spec_.kind)) + " " + chain::redact_url(spec_.url);
    }
    Status send(const Firing& f) override {
        const std::string body = notify_payload(spec_, f).dump();
        std::vector<std::string> headers;
        if (spec_.kind == NotifyKind::webhook && !spec_.secret.empty())
            headers.push_back("X-Suture-Signature: sha256=" + webhook_signature(spec_.secret, body));
        std::string url = spec_.url;
        if (spec_.kind == NotifyKind::telegram && url.empty())
            url = "https://api.telegram.org/bot" + spec_.bot_token + "/sendMessage";
        return with_retries(spec_, [&]() -> Status {
            SUTURE_TRY(code, http_post_json(url, body, headers, std::chrono::seconds(10)));
            if (code < 200 || code > 299)
                return chain_error(name() + ": HTTP " + std::to_string(code));
            return {};
        });
    }

private:
    NotifySpec spec_;
};

class EmailNotifier final : public Notifier {
public:
    explicit EmailNotifier(NotifySpec spec) : spec_(std::move(spec)) {}
    std::string name() const override { return "email " + chain::redact_url(spec_.url); }
    Status send(const Firing& f) override {
        const std::string message = notify_payload(spec_, f).get<std::string>();
        return with_retries(spec_, [&]() -> Status {
            SUTURE_TRY(curl, chain::curl_library());
            CURL* c = curl->easy_init();
            if (!c) return internal_error("email: curl_easy_init failed");
            curl_slist* rcpt = nullptr;
            for (const auto& to : spec_.to) rcpt = curl->slist_append(rcpt, ("<" + to + ">").c_str());
            ReadState rs{&message, 0};
            const std::string from = "<" + spec_.from + ">";
            curl->easy_setopt(c, CURLOPT_URL, spec_.url.c_str());
            curl->easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
            curl->easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
            curl->easy_setopt(c, CURLOPT_READFUNCTION, read_body);
            curl->easy_setopt(c, CURLOPT_READDATA, &rs);
            curl->easy_setopt(c, CURLOPT_UPLOAD, 1L);
            curl->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
            curl->easy_setopt(c, CURLOPT_TIMEOUT_MS, 20000L);
            curl->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
            if (spec_.url.starts_with("smtp://")) curl->easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
            if (!spec_.username.empty()) {
                curl->easy_setopt(c, CURLOPT_USERNAME, spec_.username.c_str());
                curl->easy_setopt(c, CURLOPT_PASSWORD, spec_.password.c_str());
            }
            CURLcode rc = curl->easy_perform(c);
            curl->slist_free_all(rcpt);
            curl->easy_cleanup(c);
            if (rc != CURLE_OK) return chain_error(name() + ": " + curl->easy_strerror(rc));
            return {};
        });
    }

private:
    NotifySpec spec_;
};

class ScriptNotifier final : public Notifier {
public:
    explicit ScriptNotifier(NotifySpec spec) : spec_(std::move(spec)) {}
    std::string name() const override { return "script " + spec_.script; }
    Status send(const Firing& f) override {
        const std::string body = f.evidence.dump();
        return with_retries(spec_, [&]() -> Status {
            SUTURE_TRY(rc, run_script(spec_.script, body));
            if (rc != 0) return input_error(name() + ": exit code " + std::to_string(rc));
            return {};
        });
    }

private:
    NotifySpec spec_;
};

}  // namespace

std::string webhook_signature(std::string_view secret, std::string_view body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(body.data()),
         body.size(), mac, &len);
    return to_hex(BytesView(mac, len), false);
}

json notify_payload(const NotifySpec& spec, const Firing& f) {
    switch (spec.kind) {
        case NotifyKind::slack: return {{"text", text_of(f)}};
        case NotifyKind::discord: {
            std::string text = text_of(f);
            if (text.size() > 1900) text = text.substr(0, 1900) + "...";  // Discord caps content at 2000
            return {{"content", text}};
        }
        case NotifyKind::telegram: return {{"chat_id", spec.chat_id}, {"text", text_of(f)}};
        case NotifyKind::email: {
            std::string to;
            for (const auto& t : spec.to) to += (to.empty() ? "" : ", ") + t;
            char date[64];
            std::time_t now = std::time(nullptr);
            std::tm tm{};
            gmtime_r(&now, &tm);
            std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
            std::string m = "Date: " + std::string(date) + "\r\nFrom: <" + spec.from + ">\r\nTo: " + to +
                            "\r\nSubject: " + headline(f) +
                            "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + f.evidence.dump(2) + "\r\n";
            return m;
        }
        case NotifyKind::webhook:
        case NotifyKind::script:
        case NotifyKind::stdout_json: return f.evidence;
    }
    return f.evidence;
}

Result<long> http_post_json(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                            std::chrono::milliseconds timeout) {
    SUTURE_TRY(curl, chain::curl_library());
    CURL* c = curl->easy_init();
    if (!c) return internal_error("curl_easy_init failed");
    curl_slist* h = curl->slist_append(nullptr, "Content-Type: application/json");
    for (const auto& x : headers) h = curl->slist_append(h, x.c_str());
    curl->easy_setopt(c, CURLOPT_URL, url.c_str());
    curl->easy_setopt(c, CURLOPT_POST, 1L);
    curl->easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl->easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl->easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl->easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl->easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl->easy_perform(c);
    long code = 0;
    if (rc == CURLE_OK) curl->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl->slist_free_all(h);
    curl->easy_cleanup(c);
    if (rc != CURLE_OK) return chain_error("POST " + chain::redact_url(url) + ": " + curl->easy_strerror(rc));
    return code;
}

Result<std::unique_ptr<Notifier>> make_notifier(const NotifySpec& spec) {
    const std::string where = std::string("notify ") + notify_kind_name(spec.kind);
    switch (spec.kind) {
        case NotifyKind::stdout_json: return std::unique_ptr<Notifier>();
        case NotifyKind::webhook:
        case NotifyKind::slack:
        case NotifyKind::discord:
            if (spec.url.empty()) return input_error(where + ": needs a url");
            return std::unique_ptr<Notifier>(new HttpNotifier(spec));
        case NotifyKind::telegram:
            if (spec.chat_id.empty() || (spec.bot_token.empty() && spec.url.empty()))
                return input_error(where + ": needs chat_id and a bot token");
            return std::unique_ptr<Notifier>(new HttpNotifier(spec));
        case NotifyKind::email:
            if (spec.url.empty() || spec.from.empty() || spec.to.empty())
                return input_error(where + ": needs url (smtp[s]://host:port), from and to");
            return std::unique_ptr<Notifier>(new EmailNotifier(spec));
        case NotifyKind::script:
            if (spec.script.empty()) return input_error(where + ": needs a script");
            return std::unique_ptr<Notifier>(new ScriptNotifier(spec));
    }
    return input_error(where + ": unknown channel");
}

Result<std::vector<std::unique_ptr<Notifier>>> make_notifiers(const std::vector<NotifySpec>& specs) {
    std::vector<std::unique_ptr<Notifier>> out;
    for (const auto& s : specs) {
        SUTURE_TRY(n, make_notifier(s));
        if (n) out.push_back(std::move(n));
    }
    return out;
}

}  // namespace suture::respond
