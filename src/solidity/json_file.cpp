#include "solidity/json_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
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

}  // namespace

namespace {

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

}  // namespace

namespace {

// A parsed document and the arena its values live in (destroyed after them).
struct ArenaDocument {
    JsonArena arena;
    Json root;
};

}  // namespace

Result<std::shared_ptr<const Json>> parse_json(std::string_view text, const std::string& file) {
    auto holder = std::make_shared<ArenaDocument>();
    std::shared_ptr<Json> doc(holder, &holder->root);
    {
        JsonArena::Scope in_arena(holder->arena);
        if (fast_parse_json(text, unused_key, *doc)) return std::shared_ptr<const Json>(std::move(doc));
    }
    // The fast parser gave up: nlohmann's parser decides, and names the error position.
    Json::parser_callback_t drop_unused = [](int depth, Json::parse_event_t event, Json& parsed) {
        return !(event == Json::parse_event_t::key && unused_key(depth, parsed.get_ref<const std::string&>()));
    };
    *doc = Json::parse(text.begin(), text.end(), drop_unused, /*allow_exceptions=*/false);
    if (!doc->is_discarded()) return std::shared_ptr<const Json>(std::move(doc));
    PathTracker tracker;
    Json::sax_parse(text.begin(), text.end(), &tracker, nlohmann::detail::input_format_t::json, /*strict=*/true);
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

// A file mapped read-only: the parser reads the page cache directly, where
// reading into a string zero-fills and copies 20 MB for a large build-info.
class MappedFile {
public:
    ~MappedFile() {
        if (data_) ::munmap(data_, size_);
    }
    // False when mapping is not possible (empty file, special file): read it instead.
    bool map(const std::string& path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            size_ = static_cast<size_t>(st.st_size);
            void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (p != MAP_FAILED) data_ = p;
        }
        ::close(fd);
        return data_ != nullptr;
    }
    std::string_view text() const { return {static_cast<const char*>(data_), size_}; }

private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace

Result<std::shared_ptr<const Json>> load_json_file(const std::string& path) {
    MappedFile mapped;
    if (mapped.map(path)) return parse_json(mapped.text(), path);
    SUTURE_TRY(text, read_text_file(path));
    return parse_json(text, path);
}

}  // namespace suture::solidity
