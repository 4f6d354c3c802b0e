#include "report/layout_table.hpp"

#include <algorithm>
#include <array>
#include <sstream>

namespace suture::report {
namespace {

// The narrowest each column may be (the widths the table always had), and the
// spaces kept between a column's longest cell and the next column.
constexpr std::array<size_t, 3> kMinWidth = {14, 36, 36};
constexpr size_t kGap = 2;

std::string pad(std::string s, size_t n) {
    if (s.size() < n) s.append(n - s.size(), ' ');
    return s;
}

std::string position(const std::string& slot, int offset) { return slot + ":" + std::to_string(offset); }

bool moved(const upgrade::LayoutRow& row) {
    return row.old_offset >= 0 && row.new_offset >= 0 &&
           (row.old_slot != row.new_slot || row.old_offset != row.new_offset);
}

struct Line {
    bool heading = false;  // a namespace heading, not a row
    std::array<std::string, 3> cells;
    std::string status;
};

}  // namespace

std::string layout_table(const std::vector<upgrade::LayoutRow>& rows) {
    if (rows.empty()) return {};
    std::vector<Line> lines;
    std::string ns = "-";
    for (const auto& row : rows) {
        if (row.ns != ns) {
            ns = row.ns;
            if (!ns.empty()) lines.push_back({true, {"[namespace " + ns + "]", "", ""}, ""});
        }
        Line l;
        // A variable that moved shows where it was and where it is: its old
        // slot is what the live proxy's storage holds for it.
        l.cells[0] = moved(row)             ? position(row.old_slot, row.old_offset) + " -> " +
                                                  position(row.new_slot, row.new_offset)
                     : row.new_offset >= 0 ? position(row.new_slot, row.new_offset)
                     : row.old_offset >= 0 ? position(row.old_slot, row.old_offset)
                                           : "";
        l.cells[1] = row.old_offset >= 0 ? row.old_type + " " + row.old_label : row.old_label;
        l.cells[2] = row.new_offset >= 0 ? row.new_type + " " + row.new_label : "";
        // The comparison matched the names and types; the position still changed.
        l.status = moved(row) && row.status == "same" ? "moved" : row.status;
        lines.push_back(std::move(l));
    }
    std::array<size_t, 3> width = kMinWidth;
    for (const auto& l : lines)
        if (!l.heading)
            for (size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], l.cells[c].size() + kGap);
    std::ostringstream o;
    o << "  " << pad("slot:offset", width[0]) << pad("old", width[1]) << pad("new", width[2]) << "status\n";
    for (const auto& l : lines) {
        if (l.heading) {
            o << "  " << l.cells[0] << "\n";
            continue;
        }
        o << "  " << pad(l.cells[0], width[0]) << pad(l.cells[1], width[1]) << pad(l.cells[2], width[2]) << l.status
          << "\n";
    }
    return o.str();
}

}  // namespace suture::report
