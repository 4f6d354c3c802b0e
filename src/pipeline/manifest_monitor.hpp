// Reading suture.toml's [monitor] table into respond::MonitorSpec (keys in
// docs/manifest.md): detectors, notification channels and the monitor's
// settings. Target names resolve to addresses; signatures, conditions,
// relations and thresholds are parsed here, so a mistake is an error naming
// file, line, column and key before anything is followed.
#pragma once

#include <string>

#include "core/result.hpp"
#include "pipeline/toml_reader.hpp"
#include "respond/monitor_spec.hpp"

namespace suture::pipeline {

struct Manifest;

// `t` is the [monitor] table; `m` holds the targets read so far.
Result<respond::MonitorSpec> read_monitor(TomlTable& t, const Manifest& m);

// "1000", "0x3e8", "1.5 ether", "20 gwei" (ether = 10^18, gwei = 10^9 base units).
Result<uint256> parse_amount(std::string_view text);

}  // namespace suture::pipeline
