// What `suture demo` reports while it runs. The driver (demo_run.hpp) prints
// nothing: every step is announced, measured and concluded through a
// DemoObserver, which the CLI renders (a narrative with timings on a
// terminal, plain lines elsewhere) and tests record.
//
// Order of calls for one step: begin, then any number of progress and note,
// then exactly one end. Steps do not nest. Calls come from the driver's
// thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace suture::demo {

// How a step ended.
enum class StepStatus {
    ok,           // done as the demo expects (a wrong fix stopped at its gate is ok)
    failed,       // the demo's expectation did not hold: the run fails
    unavailable,  // a part this build does not have yet; nothing was faked
};
const char* step_status_name(StepStatus s);  // "ok", "failed", "unavailable"

struct StepEnd {
    StepStatus status = StepStatus::ok;
    std::string summary;              // one line: the verdict or the number that matters
    std::vector<std::string> detail;  // further lines (findings, addresses, paths)
    std::chrono::milliseconds elapsed{0};
};

class DemoObserver {
public:
    virtual ~DemoObserver() = default;
    // A section heading ("the fix: VenueV2", "wrong fix 2: ...").
    virtual void section(const std::string& /*title*/) {}
    // `id` is stable ("deploy", "gate:check", "approve"); `title` is in words.
    virtual void begin(const std::string& id, const std::string& title) = 0;
    // Work done of `total` (0 when unknown) in a long step.
    virtual void progress(const std::string& /*id*/, uint64_t /*done*/, uint64_t /*total*/) {}
    // A line of what the step is doing, said as it happens.
    virtual void note(const std::string& /*id*/, const std::string& /*line*/) {}
    virtual void end(const std::string& id, const StepEnd& e) = 0;
};

}  // namespace suture::demo
