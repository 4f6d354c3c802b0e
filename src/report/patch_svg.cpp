// SVG plots of the HTML patch report (patch_svg.hpp).
#include "report/patch_svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "report/html_text.hpp"

namespace suture::report {
namespace {

const char* verdict_colour(const std::string& v) {
    if (v == "pass") return "#2e7d32";
    if (v == "fail") return "#c62828";
    if (v == "error") return "#ef6c00";
    return "#757575";  // skipped, or anything else
}

// A decimal amount ("-123") as a double, for scaling only (labels print the text).
double magnitude(const std::string& s) {
    double v = 0;
    for (char c : s)
        if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string gate_timeline_svg(const std::vector<GateRunView>& gates) {
    if (gates.empty()) return {};
    std::vector<std::string> lanes;
    for (const auto& g : gates)
        if (std::find(lanes.begin(), lanes.end(), g.gate) == lanes.end()) lanes.push_back(g.gate);
    const int label_w = 110, step = std::max(18, std::min(60, 600 / int(gates.size()))), lane_h = 30;
    const int width = label_w + step * int(gates.size()) + 30, height = lane_h * int(lanes.size()) + 40;
    std::ostringstream o;
    o << "<svg id=\"gate-timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">\n"
      << "<title>Gate runs in ledger order, coloured by verdict</title>\n";
    for (size_t i = 0; i < lanes.size(); ++i) {
        const int y = 20 + lane_h * int(i);
        o << "<text x=\"4\" y=\"" << y + 5 << "\" font-size=\"13\">" << html_escape(lanes[i]) << "</text>\n"
          << "<line x1=\"" << label_w << "\" y1=\"" << y << "\" x2=\"" << width - 10 << "\" y2=\"" << y
          << "\" stroke=\"#ddd\"/>\n";
    }
    for (size_t i = 0; i < gates.size(); ++i) {
        const auto& g = gates[i];
        const int lane = int(std::find(lanes.begin(), lanes.end(), g.gate) - lanes.begin());
        const int x = label_w + step / 2 + step * int(i), y = 20 + lane_h * lane;
        const char* colour = verdict_colour(g.verdict);
        o << "<circle class=\"run verdict-" << html_escape(g.verdict) << "\" cx=\"" << x << "\" cy=\"" << y
          << "\" r=\"8\" fill=\"" << (g.latest ? colour : "white") << "\" stroke=\"" << colour
          << "\" stroke-width=\"3\"><title>" << html_escape(g.gate) << " run " << g.id << ": "
          << html_escape(g.verdict) << (g.latest ? "" : " (superseded)") << "</title></circle>\n";
    }
    const int ly = height - 8;
    int lx = label_w;
    for (const char* v : {"pass", "fail", "error", "skipped"}) {
        o << "<circle cx=\"" << lx << "\" cy=\"" << ly - 4 << "\" r=\"5\" fill=\"" << verdict_colour(v) << "\"/>"
          << "<text x=\"" << lx + 9 << "\" y=\"" << ly << "\" font-size=\"11\">" << v << "</text>\n";
        lx += 70;
    }
    o << "</svg>\n";
    return o.str();
}

std::string gain_chart_svg(const std::vector<pipeline::AttackerGain>& gains) {
    if (gains.empty()) return {};
    const int label_w = 170, bar_w = 320, row_h = 56, width = label_w + bar_w + 320;
    const int height = row_h * int(gains.size()) + 30;
    std::ostringstream o;
    o << "<svg id=\"gain-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">\n"
      << "<title>Attacker gain running the proof of concept on the old and on the patched code</title>\n";
    for (size_t i = 0; i < gains.size(); ++i) {
        const auto& g = gains[i];
        const double top = std::max({magnitude(g.old_code), magnitude(g.new_code), 1.0});
        const int y = 10 + row_h * int(i);
        o << "<text x=\"4\" y=\"" << y + 22 << "\" font-size=\"13\">" << html_escape(g.asset) << "</text>\n"
          << "<text x=\"4\" y=\"" << y + 38 << "\" font-size=\"10\" fill=\"#555\">"
          << html_escape(g.holder.size() > 14 ? g.holder.substr(0, 12) + "…" : g.holder) << "</text>\n";
        const std::pair<const char*, const std::string*> bars[] = {{"old", &g.old_code}, {"new", &g.new_code}};
        for (int b = 0; b < 2; ++b) {
            const double len = std::round(bar_w * magnitude(*bars[b].second) / top);
            const int by = y + 6 + b * 22;
            const bool loss = !bars[b].second->empty() && (*bars[b].second)[0] == '-';
            o << "<rect class=\"bar bar-" << bars[b].first << "\" x=\"" << label_w << "\" y=\"" << by << "\" width=\""
              << std::max(len, 1.0) << "\" height=\"18\" fill=\""
              << (loss ? "#1565c0" : magnitude(*bars[b].second) > 0 ? "#c62828" : "#2e7d32") << "\"/>"
              << "<text x=\"" << label_w + int(std::max(len, 1.0)) + 6 << "\" y=\"" << by + 14 << "\" font-size=\"12\">"
              << (b == 0 ? "old code: " : "new code: ") << html_escape(*bars[b].second) << "</text>\n";
        }
    }
    o << "</svg>\n";
    return o.str();
}

}  // namespace suture::report
