// Finding: one problem or difference reported by any gate (DESIGN.md).
// Gates only produce findings; the `report` layer prints them.
#pragma once

#include <string>
#include <vector>

namespace suture {

enum class Severity { info, warning, error };

inline const char* severity_name(Severity s) {
    switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "error";
}

struct Location {
    std::string file;  // source file, or empty
    int line = 0;      // 1-based, 0 = unknown
    int column = 0;    // 1-based, 0 = unknown
    std::string other; // tx hash, selector, contract name, ... when not a source position
};

struct Finding {
    Severity severity = Severity::error;
    std::string code;     // stable identifier, documented in docs/ (e.g. "insert", "delegatecall")
    std::string message;  // what is wrong, for a human
    Location location;
    std::string hint;     // one-line fix hint
    bool suppressed = false;      // allowed by an annotation or --allow
    std::string suppressed_by;    // the annotation / reason that allowed it
};

using Findings = std::vector<Finding>;

inline bool has_errors(const Findings& fs) {
    for (const auto& f : fs)
        if (f.severity == Severity::error && !f.suppressed) return true;
    return false;
}

}  // namespace suture
