// The monitor's notification channels, OpenZeppelin Monitor's set: an HTTP
// webhook (the firing as JSON, signed with HMAC-SHA256), Slack, Discord and
// Telegram (their webhook/bot payload formats), email over SMTP, and a
// script (the firing as JSON on stdin). The stdout channel is the CLI's
// (JSON lines of MonitorEvent): nothing below the CLI prints.
//
// Delivery: every attempt that fails (transport error, HTTP status outside
// 2xx, SMTP refusal, script exit code non-zero) is retried up to
// NotifySpec::retries times, waiting NotifySpec::backoff, doubled after each
// failure. A receiver answering 2xx has the notification: it is never sent
// again (so a receiver failing twice and then succeeding gets one delivery).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "respond/monitor.hpp"
#include "respond/monitor_spec.hpp"

namespace suture::respond {

// Body of a notification of `f` for the channel kind: webhook/script: the
// evidence; slack {"text"}; discord {"content"}; telegram {"chat_id","text"};
// email: an RFC 5322 message (headers and body) as a JSON string.
nlohmann::json notify_payload(const NotifySpec& spec, const Firing& f);

// HMAC-SHA256 of `body` with `secret`, hex without 0x: the webhook's
// "X-Suture-Signature: sha256=<hex>" header (a receiver recomputes it).
std::string webhook_signature(std::string_view secret, std::string_view body);

// A channel for the spec; nullptr for stdout (the CLI's). Errors: an
// incomplete spec (names the missing setting).
Result<std::unique_ptr<Notifier>> make_notifier(const NotifySpec& spec);
Result<std::vector<std::unique_ptr<Notifier>>> make_notifiers(const std::vector<NotifySpec>& specs);

// One HTTP POST of `body` (JSON) with extra headers: the status code, or a
// transport error. Used by the webhook channels.
Result<long> http_post_json(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                            std::chrono::milliseconds timeout);

}  // namespace suture::respond
