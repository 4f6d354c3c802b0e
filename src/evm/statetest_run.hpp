// The state-test conformance runner: every case of the selected fork in a
// set of fixture files or folders, on a pool of threads, checked against the
// post state root, the logs hash and expected rejections.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace suture::evm {

struct StateTestOptions {
    std::string fork = "Cancun";
    unsigned threads = 0;           // 0: all hardware threads
    std::string test_filter;        // run only tests with this exact name (empty: all)
    long post_index = -1;           // run only this post entry (-1: all)
    std::ostream* trace = nullptr;  // EIP-3155 trace of every case run (forces one thread)
    size_t slowest = 0;             // report the times of this many slowest cases (by CPU time)
    // Called from the worker threads as files load ("loading") and cases run
    // ("running"), with how many of the total are done; must be thread-safe.
    std::function<void(const char* phase, size_t done, size_t total)> progress;
};

struct StateTestFailure {
    std::string file;
    std::string test;
    size_t post_index = 0;
    size_t data = 0, gas = 0, value = 0;
    std::string detail;  // expected vs got
};

struct StateTestTiming {
    std::string file;
    std::string test;
    size_t post_index = 0;
    double cpu_seconds = 0;  // CPU time of the case's worker thread (what the case costs)
    double seconds = 0;      // wall time of the case (more than the CPU time on a loaded machine)
};

struct StateTestReport {
    size_t passed = 0;
    size_t failed = 0;
    size_t skipped = 0;
    std::map<std::string, size_t> skip_reasons;  // reason -> cases
    std::vector<StateTestFailure> failures;      // in file, test and case order
    size_t files = 0;
    double load_seconds = 0;                // reading and parsing the fixtures
    double run_seconds = 0;                 // running the cases
    std::vector<StateTestTiming> slowest;   // options.slowest cases, most CPU time first
};

// Runs every .json fixture under `paths` (files, or folders searched
// recursively). A path that does not exist or an unknown fork is an input
// error; a fixture that does not parse is a failure in the report.
Result<StateTestReport> run_state_tests(const std::vector<std::filesystem::path>& paths,
                                        const StateTestOptions& options);

}  // namespace suture::evm
