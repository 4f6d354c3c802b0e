#include "chain/curl_library.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace suture::chain {

namespace {

// libcurl's ABI has been version 4 since 2006; Debian's libcurl4 (a dependency
// of libcurl4-openssl-dev) installs this file name.
constexpr const char* kLibraryFile = "libcurl.so.4";

// dlsym into a typed pointer; records the first missing symbol.
template <class Fn>
void bind(void* handle, const char* name, Fn& fn, std::string& missing) {
    fn = reinterpret_cast<Fn>(::dlsym(handle, name));
    if (!fn && missing.empty()) missing = name;
}

struct Loaded {
    CurlLibrary lib{};
    std::string error;  // empty when loaded
};

Loaded load() {
    Loaded out;
    // RTLD_NODELETE: curl keeps process-wide state (TLS back ends, the global
    // init); it must never be unloaded under a live handle.
    void* handle = ::dlopen(kLibraryFile, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle) {
        const char* why = ::dlerror();
        out.error = std::string("cannot load ") + kLibraryFile + " (install the Debian package libcurl4): " +
                    (why ? why : "unknown dlopen error");
        return out;
    }
    std::string missing;
    CurlLibrary& l = out.lib;
    bind(handle, "curl_easy_init", l.easy_init, missing);
    bind(handle, "curl_easy_cleanup", l.easy_cleanup, missing);
    bind(handle, "curl_easy_reset", l.easy_reset, missing);
    bind(handle, "curl_easy_setopt", l.easy_setopt, missing);
    bind(handle, "curl_easy_perform", l.easy_perform, missing);
    bind(handle, "curl_easy_getinfo", l.easy_getinfo, missing);
    bind(handle, "curl_easy_strerror", l.easy_strerror, missing);
    bind(handle, "curl_slist_append", l.slist_append, missing);
    bind(handle, "curl_slist_free_all", l.slist_free_all, missing);
    using GlobalInit = CURLcode (*)(long);
    GlobalInit global_init = nullptr;
    bind(handle, "curl_global_init", global_init, missing);
    if (!missing.empty()) {
        out.error = std::string(kLibraryFile) + " lacks " + missing + " (libcurl too old?)";
        return out;
    }
    // Not thread-safe in older libcurl: done here, under the once-flag of curl_library().
    if (CURLcode rc = global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK)
        out.error = std::string("curl_global_init failed: ") + l.easy_strerror(rc);
    return out;
}

}  // namespace

Result<const CurlLibrary*> curl_library() {
    static std::once_flag flag;
    static Loaded loaded;
    std::call_once(flag, [] { loaded = load(); });
    if (!loaded.error.empty()) return chain_error(loaded.error);
    return &loaded.lib;
}

}  // namespace suture::chain
