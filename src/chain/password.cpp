// SecretString and the no-echo password prompt (password.hpp).
#include "chain/password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace suture::chain {

SecretString::SecretString(std::string_view s) : data_(new char[s.size() + 1]), size_(s.size()) {
    std::memcpy(data_.get(), s.data(), s.size());
    data_[s.size()] = '\0';
}

SecretString::SecretString(SecretString&& o) noexcept : data_(std::move(o.data_)), size_(o.size_) { o.size_ = 0; }

SecretString& SecretString::operator=(SecretString&& o) noexcept {
    if (this != &o) {
        wipe();
        data_ = std::move(o.data_);
        size_ = o.size_;
        o.size_ = 0;
    }
    return *this;
}

SecretString::~SecretString() { wipe(); }

void SecretString::wipe() {
    if (data_) OPENSSL_cleanse(data_.get(), size_);
    data_.reset();
    size_ = 0;
}

namespace {

// Reads one line from the terminal with echo off; restores the terminal
// state even when reading fails.
Result<SecretString> prompt_no_echo(std::string_view prompt) {
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) return input_error("cannot open the terminal to ask for a password");
    struct termios old_state;
    if (tcgetattr(fd, &old_state) != 0) {
        close(fd);
        return input_error("cannot read the terminal settings to ask for a password");
    }
    struct termios quiet = old_state;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    (void)!write(fd, prompt.data(), prompt.size());
    tcsetattr(fd, TCSAFLUSH, &quiet);
    char buf[1024];
    size_t n = 0;
    bool ok = false;
    while (n < sizeof buf) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r <= 0) break;
        if (c == '\n' || c == '\r') {
            ok = true;
            break;
        }
        buf[n++] = c;
    }
    tcsetattr(fd, TCSAFLUSH, &old_state);
    close(fd);
    SecretString out(std::string_view(buf, n));
    OPENSSL_cleanse(buf, sizeof buf);
    if (!ok) return input_error("no password entered (end of input or longer than 1023 characters)");
    return out;
}

}  // namespace

Result<SecretString> read_password(const char* env_var, std::string_view prompt) {
    if (const char* v = std::getenv(env_var)) return SecretString(v);
    if (!isatty(STDIN_FILENO))
        return input_error(std::string("no password: set environment variable ") + env_var +
                           " (stdin is not a terminal, so Suture cannot ask)");
    return prompt_no_echo(prompt);
}

}  // namespace suture::chain
