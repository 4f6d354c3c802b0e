// Passwords for keystore files: held in memory that is wiped on destruction.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/result.hpp"

namespace suture::chain {

// A secret string (a keystore password). Not copyable, no operator<<; the
// buffer is zeroed when the object dies or is moved from.
class SecretString {
public:
    SecretString() = default;
    explicit SecretString(std::string_view s);
    SecretString(SecretString&& o) noexcept;
    SecretString& operator=(SecretString&& o) noexcept;
    SecretString(const SecretString&) = delete;
    SecretString& operator=(const SecretString&) = delete;
    ~SecretString();

    std::string_view view() const { return {data_.get(), size_}; }

private:
    void wipe();
    std::unique_ptr<char[]> data_;
    size_t size_ = 0;
};

// The password in environment variable `env_var` when it is set; otherwise,
// when stdin is a terminal, asks on /dev/tty with echo off (`prompt` is
// written to /dev/tty, never to stdout, so piped output stays clean);
// otherwise an input error naming the variable to set.
Result<SecretString> read_password(const char* env_var, std::string_view prompt);

}  // namespace suture::chain
