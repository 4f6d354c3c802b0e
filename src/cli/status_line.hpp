// What a long step is doing, on stderr (stdout stays the command's output).
// On a terminal: one line rewritten in place, at most a few times a second.
// Elsewhere (a log, CI): the first notice, then one every `every` seconds, each
// on its own line, so a silent wait still leaves a trace.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace suture::cli {

class StatusLine {
public:
    StatusLine();                  // a terminal when stderr is one
    explicit StatusLine(bool tty);
    ~StatusLine();                 // clears a line left on the terminal
    StatusLine(const StatusLine&) = delete;
    StatusLine& operator=(const StatusLine&) = delete;

    // Shows `text` (thread-safe; throttled).
    void show(const std::string& text);
    // Removes the line from the terminal (the next output starts clean).
    void clear();

    std::chrono::seconds every{10};  // non-terminal: between notices

private:
    bool tty_;
    std::mutex mu_;
    bool shown_ = false;  // a line is on the terminal
    bool noticed_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace suture::cli
