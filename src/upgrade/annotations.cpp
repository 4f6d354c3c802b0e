#include "upgrade/annotations.hpp"

#include <algorithm>
#include <cctype>

#include "solidity/source_location.hpp"

namespace suture::upgrade {

namespace {

// The documentation a node carries itself: a string (statements) or {text}.
std::string_view own_doc(const solidity::Json& node) {
    auto d = node.find("documentation");
    if (d == node.end()) return {};
    if (d->is_string()) return d->get_ref<const std::string&>();
    if (d->is_object())
        if (auto t = d->find("text"); t != d->end() && t->is_string()) return t->get_ref<const std::string&>();
    return {};
}

bool has(const std::vector<std::string>& xs, std::string_view x) { return std::find(xs.begin(), xs.end(), x) != xs.end(); }

}  // namespace

// OpenZeppelin reads the tags with one sticky regular expression,
//   /^\s*(?:@(?<title>\w+)(?::(?<tag>[a-z][a-z-]*))? )?(?<args>(?:(?!^\s*@\w+)[^])*)/my
// matched again and again from where the last match ended, and stops at the
// first empty match: a section is a line opening with `@title:tag ` (a blank
// after the tag) and runs to the next line that opens with an `@` word. A tag
// line with nothing after the tag ends the reading there, so the tags after it
// count for nothing; read the same way here, or Suture would honour an
// annotation the reference ignores.
std::vector<std::string> annotation_args(std::string_view doc, std::string_view tag) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    auto line_start = [&](size_t q) { return q == 0 || doc[q - 1] == '\n' || doc[q - 1] == '\r'; };
    auto tag_line = [&](size_t q) {  // (?=^\s*@\w)
        if (!line_start(q)) return false;
        while (q < doc.size() && space(doc[q])) ++q;
        return q + 1 < doc.size() && doc[q] == '@' && word(doc[q + 1]);
    };
    std::vector<std::string> out;
    size_t p = 0;
    while (p < doc.size() && line_start(p)) {
        size_t q = p;
        while (q < doc.size() && space(doc[q])) ++q;
        // The optional head "@title:tag ".
        size_t r = q;
        std::string_view title, name;
        if (q < doc.size() && doc[q] == '@') {
            size_t e = q + 1;
            while (e < doc.size() && word(doc[e])) ++e;
            size_t t = e, te = e;
            if (e > q + 1 && e + 1 < doc.size() && doc[e] == ':' && doc[e + 1] >= 'a' && doc[e + 1] <= 'z') {
                te = e + 2;
                while (te < doc.size() && ((doc[te] >= 'a' && doc[te] <= 'z') || doc[te] == '-')) ++te;
                t = e + 1;
            }
            if (e > q + 1 && te < doc.size() && doc[te] == ' ') {
                title = doc.substr(q + 1, e - q - 1);
                if (te > e) name = doc.substr(t, te - t);
                r = te + 1;
            }
        }
        size_t end = r;
        while (end < doc.size() && !tag_line(end)) ++end;
        if (end == p) break;
        if (title == "custom" && name == tag) {
            for (size_t i = r; i < end;) {
                while (i < end && space(doc[i])) ++i;
                size_t j = i;
                while (j < end && !space(doc[j])) ++j;
                if (j > i) out.emplace_back(doc.substr(i, j - i));
                i = j;
            }
        }
        p = end;
    }
    return out;
}

Allowances allowances_of(const solidity::Build& b, const solidity::Json& node) {
    Allowances a;
    std::string doc = solidity::doc_text(b, node);
    for (auto& k : annotation_args(doc, "oz-upgrades-unsafe-allow")) a.allow.insert(std::move(k));
    for (auto& k : annotation_args(doc, "oz-upgrades-unsafe-allow-reachable")) a.reachable.insert(std::move(k));
    return a;
}

bool skip_check_reachable(const solidity::Json& node, std::string_view kind) {
    std::string_view doc = own_doc(node);
    return !doc.empty() && has(annotation_args(doc, "oz-upgrades-unsafe-allow-reachable"), kind);
}

bool skip_check(const solidity::Json& node, std::string_view kind) {
    std::string_view doc = own_doc(node);
    return !doc.empty() && (has(annotation_args(doc, "oz-upgrades-unsafe-allow"), kind) ||
                            has(annotation_args(doc, "oz-upgrades-unsafe-allow-reachable"), kind));
}

std::string allowance_text(const solidity::Build& b, const solidity::Json& node, std::string_view kind,
                           bool reachable) {
    Location loc = solidity::location_of(b, node);
    std::string s = std::string("@custom:oz-upgrades-unsafe-allow") + (reachable ? "-reachable " : " ") +
                    std::string(kind);
    if (!loc.file.empty()) s += " (" + loc.file + (loc.line ? ":" + std::to_string(loc.line) : "") + ")";
    return s;
}

}  // namespace suture::upgrade
