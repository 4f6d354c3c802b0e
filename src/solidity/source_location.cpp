#include "solidity/source_location.hpp"

#include <algorithm>
#include <charconv>

namespace suture::solidity {

std::optional<SrcRange> parse_src(std::string_view src) {
    SrcRange r;
    int64_t* out[3] = {&r.start, &r.length, &r.source};
    for (int i = 0; i < 3; ++i) {
        auto colon = src.find(':');
        std::string_view part = i < 2 ? src.substr(0, colon) : src;
        if (i < 2 && colon == std::string_view::npos) return std::nullopt;
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), *out[i]);
        if (ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
        if (i < 2) src.remove_prefix(colon + 1);
    }
    return r;
}

static std::optional<SrcRange> node_src(const Json& node) {
    auto it = node.find("src");
    if (it == node.end() || !it->is_string()) return std::nullopt;
    return parse_src(it->get_ref<const std::string&>());
}

Location location_of(const Build& b, const Json& node) {
    Location loc;
    auto r = node_src(node);
    if (!r) return loc;
    const SourceFile* f = b.source_by_index(r->source);
    if (!f) return loc;
    loc.file = f->path;
    if (!f->has_content || r->start < 0 || static_cast<size_t>(r->start) > f->content.size()) return loc;
    auto it = std::upper_bound(f->line_starts.begin(), f->line_starts.end(), static_cast<uint32_t>(r->start));
    size_t line = static_cast<size_t>(it - f->line_starts.begin());  // 1-based
    loc.line = static_cast<int>(line);
    loc.column = static_cast<int>(r->start - f->line_starts[line - 1]) + 1;
    return loc;
}

std::string_view node_text(const Build& b, const Json& node) {
    auto r = node_src(node);
    if (!r) return {};
    const SourceFile* f = b.source_by_index(r->source);
    if (!f || !f->has_content || r->start < 0 || r->length < 0 ||
        static_cast<size_t>(r->start + r->length) > f->content.size())
        return {};
    return std::string_view(f->content).substr(static_cast<size_t>(r->start), static_cast<size_t>(r->length));
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The `///` lines or the `/** */` block ending right before byte `pos`, with
// the comment markers removed.
std::string preceding_comment(std::string_view text, size_t pos) {
    size_t end = pos;
    while (end > 0 && is_space(text[end - 1])) --end;
    if (end >= 2 && text.substr(end - 2, 2) == "*/") {
        size_t open = text.rfind("/**", end - 2);
        if (open == std::string_view::npos) return {};
        std::string out;
        for (char c : text.substr(open + 3, end - 2 - (open + 3))) out += c == '*' ? ' ' : c;
        return out;
    }
    std::vector<std::string_view> lines;
    while (end > 0) {
        size_t line_start = text.rfind('\n', end - 1);
        line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
        std::string_view line = text.substr(line_start, end - line_start);
        size_t k = 0;
        while (k < line.size() && is_space(line[k])) ++k;
        if (line.substr(k, 3) != "///") break;
        lines.push_back(line.substr(k + 3));
        if (line_start == 0) break;
        end = line_start - 1;
    }
    std::string out;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        out += *it;
        out += '\n';
    }
    return out;
}

}  // namespace

std::string doc_text(const Build& b, const Json& node) {
    auto d = node.find("documentation");
    if (d != node.end()) {
        if (d->is_string()) return d->get<std::string>();
        if (d->is_object() && d->contains("text") && (*d)["text"].is_string()) return (*d)["text"].get<std::string>();
    }
    auto r = node_src(node);
    if (!r) return {};
    const SourceFile* f = b.source_by_index(r->source);
    if (!f || !f->has_content || r->start < 0 || static_cast<size_t>(r->start) > f->content.size()) return {};
    return preceding_comment(f->content, static_cast<size_t>(r->start));
}

}  // namespace suture::solidity
