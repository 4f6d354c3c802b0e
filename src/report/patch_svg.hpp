// The plots of the HTML patch report, as inline SVG (no script, no external
// font or image): where a reader would rather look than read.
#pragma once

#include <string>
#include <vector>

#include "report/patch_report.hpp"

namespace suture::report {

// Every gate run in ledger order, one lane per gate, a dot coloured by its
// verdict (a superseded run is hollow). Empty when no gate has run.
std::string gate_timeline_svg(const std::vector<GateRunView>& gates);

// The attacker's gain per asset on the old code and on the patched code, a
// pair of bars per row, each row on its own scale (assets have different
// units) and labelled with the exact amounts. Empty without gains.
std::string gain_chart_svg(const std::vector<pipeline::AttackerGain>& gains);

}  // namespace suture::report
