// Result<T> and Status: errors as values at every library boundary.
//
// An Error carries a kind (which maps to the CLI's exit code) and a message a
// user can act on: it names the input (file, field, step) and what was wrong.
// Libraries never throw across their API and never print.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace suture {

enum class ErrorKind {
    input,     // malformed or invalid input data (file, argument, artifact): exit 2
    usage,     // wrong command-line usage: exit 2
    chain,     // RPC / node / transaction failure: exit 3
    findings,  // a gate found problems: exit 1
    internal,  // a broken invariant inside Suture: exit 2 with a bug report hint
    unsupported,  // a feature deliberately not implemented (named in the message)
};

struct Error {
    ErrorKind kind = ErrorKind::input;
    std::string message;

    // Prefix the message with context, e.g. the file or step that failed.
    Error context(std::string_view where) && {
        message = std::string(where) + ": " + message;
        return std::move(*this);
    }
};

inline Error input_error(std::string msg) { return {ErrorKind::input, std::move(msg)}; }
inline Error usage_error(std::string msg) { return {ErrorKind::usage, std::move(msg)}; }
inline Error chain_error(std::string msg) { return {ErrorKind::chain, std::move(msg)}; }
inline Error internal_error(std::string msg) { return {ErrorKind::internal, std::move(msg)}; }
inline Error unsupported_error(std::string msg) { return {ErrorKind::unsupported, std::move(msg)}; }

// Exit codes of the `suture` command (DESIGN.md "Output").
inline int exit_code(ErrorKind k) {
    switch (k) {
    case ErrorKind::findings: return 1;
    case ErrorKind::chain: return 3;
    default: return 2;
    }
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(v_); }
    const T& value() const& { assert(ok()); return std::get<0>(v_); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
    Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : err_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { assert(failed_); return err_; }
    Error&& error() && { assert(failed_); return std::move(err_); }

private:
    Error err_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace suture

// SUTURE_TRY(var, expr): evaluate a Result; on error return it from the
// enclosing function, otherwise move the value into a new variable `var`.
#define SUTURE_CONCAT_INNER(a, b) a##b
#define SUTURE_CONCAT(a, b) SUTURE_CONCAT_INNER(a, b)
#define SUTURE_TRY(var, expr)                                   \
    auto SUTURE_CONCAT(suture_try_, __LINE__) = (expr);         \
    if (!SUTURE_CONCAT(suture_try_, __LINE__).ok())             \
        return std::move(SUTURE_CONCAT(suture_try_, __LINE__)).error(); \
    auto var = std::move(SUTURE_CONCAT(suture_try_, __LINE__)).value()

// SUTURE_CHECK(status_expr): return the error of a Status, if any.
#define SUTURE_CHECK(expr)                                      \
    do {                                                        \
        auto suture_check_ = (expr);                            \
        if (!suture_check_.ok()) return std::move(suture_check_).error(); \
    } while (0)
