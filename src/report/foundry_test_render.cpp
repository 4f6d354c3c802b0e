#include "report/foundry_test_render.hpp"

#include <cstdio>

#include "core/hex.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_cheatcodes.hpp"

namespace suture::report {

using verify::foundry::RunResult;
using verify::foundry::SuiteResult;
using verify::foundry::TestResult;
using verify::foundry::TestStatus;
using verify::foundry::TraceFrame;

namespace {

// forge's durations: "1.23ms", "456.78µs", "2.01s".
std::string duration(double s) {
    char buf[64];
    if (s >= 1) std::snprintf(buf, sizeof buf, "%.2fs", s);
    else if (s >= 1e-3) std::snprintf(buf, sizeof buf, "%.2fms", s * 1e3);
    else std::snprintf(buf, sizeof buf, "%.2f\xC2\xB5s", s * 1e6);
    return buf;
}

std::string status_tag(const TestResult& t) {
    switch (t.status) {
    case TestStatus::success: return "[PASS]";
    case TestStatus::skipped: return "[SKIP]";
    case TestStatus::failure: break;
    }
    return t.reason ? "[FAIL: " + *t.reason + "]" : "[FAIL]";
}

std::string test_line(const TestResult& t) {
    std::string line = status_tag(t) + " " + t.signature;
    if (t.fuzz) {
        line += " (runs: " + std::to_string(t.fuzz->runs) + ", \xCE\xBC: " + std::to_string(t.fuzz->mean_gas) +
                ", ~: " + std::to_string(t.fuzz->median_gas) + ")";
        if (t.fuzz->counterexample_args)
            line += "\n  counterexample: calldata=" + to_hex(*t.fuzz->counterexample_calldata) +
                    " args=" + *t.fuzz->counterexample_args;
    } else {
        line += " (gas: " + std::to_string(t.gas) + ")";
    }
    return line;
}

std::string name_of(const Address& a, const TestResult& t, const FoundryTestTextOptions& o, const std::string& suite) {
    if (auto it = t.labels.find(a); it != t.labels.end()) return it->second;
    if (auto it = o.contracts.find(a); it != o.contracts.end()) return it->second;
    if (a == verify::foundry::kTestAddress) return suite;
    if (a == verify::foundry::kCheatcodeAddress) return "VM";
    if (a == verify::foundry::kConsoleAddress) return "console";
    return to_checksum(a);
}

std::string call_text(const TraceFrame& f, const TestResult& t, const FoundryTestTextOptions& o,
                      const std::string& suite) {
    std::string target = name_of(f.target, t, o, suite);
    if (f.kind == evm::CallKind::create || f.kind == evm::CallKind::create2) return "new " + target;
    std::string fn = "fallback()";
    if (f.input.size() >= 4) {
        abi::Selector sel;
        std::copy(f.input.begin(), f.input.begin() + 4, sel.begin());
        auto it = o.functions.find(sel);
        fn = it != o.functions.end() ? it->second : to_hex(BytesView(f.input).first(4));
    }
    std::string s = target + "::" + fn;
    if (f.kind == evm::CallKind::delegatecall) s += " [delegatecall]";
    if (f.value) s += " {value: " + f.value.to_dec() + "}";
    return s;
}

std::string result_text(const TraceFrame& f) {
    if (f.status == evm::StatusCode::success) return "[Return]";
    std::string s = f.status == evm::StatusCode::revert ? "[Revert]" : std::string("[") + evm::status_name(f.status) + "]";
    if (!f.output.empty()) s += " " + verify::foundry::describe_revert_data(f.output);
    return s;
}

// The frames are recorded in call order with their depth: each frame's
// result line follows its children.
void render_trace(std::string& out, const TestResult& t, const FoundryTestTextOptions& o, const std::string& suite) {
    out += "Traces:\n";
    std::vector<const TraceFrame*> open;
    auto close_to = [&](int depth) {
        while (!open.empty() && open.back()->depth >= depth) {
            out += std::string(4 + 2 * size_t(open.back()->depth), ' ') + "\xE2\x94\x94\xE2\x94\x80 \xE2\x86\x90 " +
                   result_text(*open.back()) + "\n";
            open.pop_back();
        }
    };
    for (const auto& f : t.trace) {
        close_to(f.depth);
        out += std::string(2 + 2 * size_t(f.depth), ' ') + "[" + std::to_string(f.gas_used) + "] " +
               call_text(f, t, o, suite) + "\n";
        open.push_back(&f);
    }
    close_to(0);
}

void render_test(std::string& out, const TestResult& t, const FoundryTestTextOptions& o, bool details,
                 const std::string& suite) {
    out += test_line(t) + "\n";
    if (!details) return;
    if (o.verbosity >= 1 && !t.decoded_logs.empty()) {
        out += "Logs:\n";
        for (const auto& l : t.decoded_logs) out += "  " + l + "\n";
        out += "\n";
    }
    if (o.verbosity >= 3 && !t.trace.empty()) {
        render_trace(out, t, o, suite);
        out += "\n";
    }
}

nlohmann::json log_json(const evm::Log& l) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& t : l.topics) topics.push_back(to_hex(t));
    return {{"address", to_hex(l.address.bytes)}, {"topics", topics}, {"data", to_hex(l.data)}};
}

std::string json_duration(double s) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0fns", s * 1e9);
    return buf;
}

}  // namespace

std::string foundry_test_text(const RunResult& r, const FoundryTestTextOptions& o) {
    std::string out;
    size_t suites_with_tests = 0;
    for (const auto& s : r.suites) {
        if (s.tests.empty()) continue;
        ++suites_with_tests;
        size_t passed = 0, failed = 0, skipped = 0;
        out += "\nRan " + std::to_string(s.tests.size()) + " test" + (s.tests.size() == 1 ? "" : "s") + " for " +
               s.id() + "\n";
        for (const auto& t : s.tests) {
            render_test(out, t, o, true, s.contract);
            (t.status == TestStatus::success ? passed : t.status == TestStatus::failure ? failed : skipped)++;
        }
        out += std::string("Suite result: ") + (failed ? "FAILED" : "ok") + ". " + std::to_string(passed) +
               " passed; " + std::to_string(failed) + " failed; " + std::to_string(skipped) + " skipped; finished in " +
               duration(s.duration_s) + "\n";
    }
    if (suites_with_tests == 0) return "No tests match the provided pattern\n";
    out += "\nRan " + std::to_string(suites_with_tests) + " test suite" + (suites_with_tests == 1 ? "" : "s") +
           " in " + duration(r.duration_s) + ": " + std::to_string(r.passed) + " tests passed, " +
           std::to_string(r.failed) + " failed, " + std::to_string(r.skipped) + " skipped (" +
           std::to_string(r.passed + r.failed + r.skipped) + " total tests)\n";
    if (r.failed) {
        out += "\nFailing tests:\n";
        for (const auto& s : r.suites) {
            size_t n = 0;
            for (const auto& t : s.tests) n += t.status == TestStatus::failure;
            if (!n) continue;
            out += "Encountered " + std::to_string(n) + " failing test" + (n == 1 ? "" : "s") + " in " + s.id() + "\n";
            for (const auto& t : s.tests)
                if (t.status == TestStatus::failure) render_test(out, t, o, false, s.contract);
            out += "\n";
        }
        out += "Encountered a total of " + std::to_string(r.failed) + " failing test" + (r.failed == 1 ? "" : "s") +
               ", " + std::to_string(r.passed) + " test" + (r.passed == 1 ? "" : "s") + " succeeded\n";
    }
    return out;
}

nlohmann::json foundry_test_json(const RunResult& r, int verbosity) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& s : r.suites) {
        if (s.tests.empty()) continue;
        nlohmann::json results = nlohmann::json::object();
        for (const auto& t : s.tests) {
            nlohmann::json j;
            j["status"] = t.status == TestStatus::success ? "Success"
                          : t.status == TestStatus::failure ? "Failure"
                                                            : "Skipped";
            j["reason"] = t.reason ? nlohmann::json(*t.reason) : nlohmann::json(nullptr);
            j["counterexample"] = nullptr;
            nlohmann::json logs = nlohmann::json::array(), decoded = nlohmann::json::array();
            if (verbosity >= 1) {
                for (const auto& l : t.logs) logs.push_back(log_json(l));
                for (const auto& l : t.decoded_logs) decoded.push_back(l);
            }
            j["logs"] = logs;
            j["decoded_logs"] = decoded;
            if (t.fuzz) {
                if (t.fuzz->counterexample_calldata)
                    j["counterexample"] = {{"Single",
                                            {{"calldata", to_hex(*t.fuzz->counterexample_calldata)},
                                             {"args", t.fuzz->counterexample_args.value_or("")}}}};
                j["kind"] = {{"Fuzz",
                              {{"runs", t.fuzz->runs},
                               {"mean_gas", t.fuzz->mean_gas},
                               {"median_gas", t.fuzz->median_gas},
                               {"failed_corpus_replays", 0}}}};
            } else {
                j["kind"] = {{"Unit", {{"gas", t.gas}}}};
            }
            j["traces"] = nlohmann::json::array();
            nlohmann::json labels = nlohmann::json::object();
            for (const auto& [a, name] : t.labels) labels[to_checksum(a)] = name;
            j["labeled_addresses"] = labels;
            j["duration"] = json_duration(t.duration_s);
            j["breakpoints"] = nlohmann::json::object();
            j["gas_snapshots"] = nlohmann::json::object();
            results[t.signature] = std::move(j);
        }
        out[s.id()] = {{"duration", json_duration(s.duration_s)},
                       {"test_results", std::move(results)},
                       {"warnings", s.warnings}};
    }
    return out;
}

}  // namespace suture::report
