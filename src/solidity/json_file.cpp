#include "solidity/json_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solidity/json_fast_parse.hpp"

namespace suture::solidity {

Result<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return input_error(path + ": cannot open file");
    std::string text(static_cast<size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in) return input_error(path + ": read error");
    return text;
}

namespace {

// Walks the document without building it, only to know the JSON path at the
// point where the parser gave up.
class PathTracker : public nlohmann::json_sax<Json> {
public:
    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override {
        enter();
        stack_.push_back({true, "", 0, false});
        return true;
    }
    bool key(string_t& k) override {
        stack_.back().key = k;
        stack_.back().has = true;
        return true;
    }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t) override {
        enter();
        stack_.push_back({false, "", 0, false});
        return true;
    }
    bool end_array() override { return leave(); }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
        pos_ = pos;
        what_ = ex.what();
        return false;
    }

    // The path of the value being read. `next_element`: the parser stopped
    // after a ',' or '[' of the innermost array, i.e. inside its next element.
    std::string path(bool next_element) const {
        std::string p = "$";
        for (size_t i = 0; i < stack_.size(); ++i) {
            const auto& f = stack_[i];
            bool last = i + 1 == stack_.size();
            if (!f.object && last && next_element) return p + "[" + std::to_string(f.has ? f.index + 1 : 0) + "]";
            if (!f.has) break;
            p = f.object ? json_path_key(p, f.key) : p + "[" + std::to_string(f.index) + "]";
        }
        return p;
    }
    size_t pos() const { return pos_; }
    const std::string& what() const { return what_; }

private:
    struct Frame {
        bool object;
        std::string key;
        size_t index;
        bool has;  // a current member/element exists
    };
    // A value (scalar or container) starts inside the innermost container.
    void enter() {
        if (stack_.empty() || stack_.back().object) return;
        auto& f = stack_.back();
        if (f.has) ++f.index;
        f.has = true;
    }
    bool value() {
        enter();
        return true;
    }
    bool leave() {
        stack_.pop_back();
        return true;
    }
    std::vector<Frame> stack_;
    size_t pos_ = 0;
    std::string what_;
};

// Compiler outputs and AST fields nothing here reads; dropping them while
// parsing keeps large builds fast (generatedSources alone is often bigger than
// every AST together, and each dropped AST field saves an allocation per node).
// Every key of a build is looked up here, so the list is bucketed by length.
class UnusedKeys {
public:
    UnusedKeys() {
        static const char* const kUnused[] = {
            "generatedSources", "functionDebugData", "sourceMap", "opcodes", "rawMetadata", "devdoc", "userdoc",
            "gasEstimates", "assembly", "legacyAssembly", "ir", "irOptimized", "irAst", "irOptimizedAst",
            // AST
            "nameLocation", "nameLocations", "isConstant", "isLValue", "isPure", "lValueRequested", "argumentTypes",
            "typeIdentifier", "overloadedDeclarations", "exportedSymbols", "hexValue", "evmVersion",
            "externalReferences", "usedErrors", "usedEvents", "contractDependencies", "fullyImplemented",
            "baseFunctions", "license", "canonicalName", "constant", "tryCall", "names", "functionReturnParameters",
            "nativeSrc",
            // Per-contract compiler metadata (a JSON text, often the largest field of a small contract) and
            // the selector table (the ABI has it); a Foundry artifact's own "metadata" is a root key, kept.
            "metadata", "methodIdentifiers"};
        for (std::string_view k : kUnused) by_length_[k.size()].push_back(k);
    }
    bool contains(std::string_view k) const {
        if (k.size() >= kMaxLength) return false;
        for (std::string_view u : by_length_[k.size()])
            if (u == k) return true;
        return false;
    }

private:
    static constexpr size_t kMaxLength = 32;
    std::vector<std::string_view> by_length_[kMaxLength];
};

// Keys of the root object (depth 1) are always kept.
bool unused_key(int depth, std::string_view k) {
    static const UnusedKeys keys;
    return depth > 1 && keys.contains(k);
}

// A parsed document and the arena its values live in (destroyed after them).
struct ArenaDocument {
    JsonArena arena;
    Json root;
};

}  // namespace

Result<std::shared_ptr<const Json>> parse_json(std::string_view text, const std::string& file) {
    auto holder = std::make_shared<ArenaDocument>();
    std::shared_ptr<Json> doc(holder, &holder->root);
    FastParseResult parsed;
    {
        JsonArena::Scope in_arena(holder->arena);
        parsed = fast_parse_json(text, unused_key, *doc);
    }
    if (parsed) return std::shared_ptr<const Json>(std::move(doc));
    if (parsed.kind == FastParseResult::too_deep)
        return input_error(file + ": values nested deeper than " + std::to_string(kMaxJsonDepth) +
                           " levels at byte " + std::to_string(parsed.offset) + " (not a compiler artifact)");
    // Invalid JSON: nlohmann's SAX parser (iterative, builds nothing) finds the
    // position and the JSON path of the error.
    PathTracker tracker;
    if (Json::sax_parse(text.begin(), text.end(), &tracker, nlohmann::detail::input_format_t::json, /*strict=*/true))
        return input_error(file + ": invalid JSON at byte " + std::to_string(parsed.offset));  // the parsers disagree
    // Back over the offending token and blanks: a ',' or '[' before it means the
    // error is inside the next array element.
    size_t k = std::min(tracker.pos(), text.size());
    if (k > 0) --k;
    while (k > 0 && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '"')) --k;
    while (k > 0 && std::isspace(static_cast<unsigned char>(text[k]))) --k;
    bool next = k < text.size() && (text[k] == ',' || text[k] == '[');
    std::string msg = file + ": " + tracker.path(next) + ": ";
    msg += tracker.pos() >= text.size() ? "truncated JSON (file ends at byte " + std::to_string(text.size()) + ")"
                                        : "invalid JSON at byte " + std::to_string(tracker.pos());
    return input_error(std::move(msg));
}

namespace {

// Reads a regular file whole into `arena` (huge pages: a 20 MB build-info costs
// ten page faults, not five thousand). Read, not mapped: a mapping would turn a
// file truncated by a concurrent rebuild into SIGBUS; a read sees a short file
// and the parser reports it as truncated JSON. nullopt when this is not a
// regular file of known size (the caller then reads it as a stream).
std::optional<Result<std::string_view>> read_into(JsonArena& arena, const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<size_t>(st.st_size);
    auto* buf = static_cast<char*>(arena.allocate(size, 1));
    if (!buf) {
        ::close(fd);
        return std::nullopt;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = ::read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            return Result<std::string_view>(input_error(path + ": read error: " + std::strerror(err)));
        }
        if (n == 0) break;  // the file shrank meanwhile: parse what is there
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    return Result<std::string_view>(std::string_view(buf, got));
}

}  // namespace

Result<std::shared_ptr<const Json>> load_json_file(const std::string& path) {
    JsonArena text_memory;  // released as soon as the document is built
    if (auto text = read_into(text_memory, path)) {
        if (!text->ok()) return std::move(*text).error();
        return parse_json(**text, path);
    }
    SUTURE_TRY(text, read_text_file(path));
    return parse_json(text, path);
}

}  // namespace suture::solidity
