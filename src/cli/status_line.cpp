#include "cli/status_line.hpp"

#include <unistd.h>

#include <iostream>

namespace suture::cli {

StatusLine::StatusLine() : StatusLine(isatty(STDERR_FILENO) == 1) {}

StatusLine::StatusLine(bool tty) : tty_(tty) {}

StatusLine::~StatusLine() { clear(); }

void StatusLine::show(const std::string& text) {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (tty_) {
        if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
        std::cerr << "\r\033[K" << text << std::flush;  // back to column 0, erase the old line
        shown_ = true;
    } else {
        if (noticed_ && now - last_ < every) return;
        std::cerr << "suture: " << text << "\n" << std::flush;
        noticed_ = true;
    }
    last_ = now;
}

void StatusLine::clear() {
    std::lock_guard lock(mu_);
    if (tty_ && shown_) std::cerr << "\r\033[K" << std::flush;
    shown_ = false;
}

}  // namespace suture::cli
