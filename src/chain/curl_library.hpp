// libcurl, loaded the first time an RPC client is made instead of at start-up.
//
// Linking libcurl makes every `suture` run map and relocate it and the ~30
// shared objects it pulls in (GnuTLS, Kerberos, LDAP, SSH, ...): about 15 ms
// before main() on the CI machine, three quarters of a short command's wall
// time, paid even by the commands that never talk to a node. Loading it with
// dlopen() moves that cost to the commands that do.
#pragma once

#include <curl/curl.h>

#include "core/result.hpp"

namespace suture::chain {

// The libcurl entry points the RPC transport uses (same signatures as curl.h).
struct CurlLibrary {
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL*);
    void (*easy_reset)(CURL*);
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_perform)(CURL*);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    const char* (*easy_strerror)(CURLcode);
    curl_slist* (*slist_append)(curl_slist*, const char*);
    void (*slist_free_all)(curl_slist*);
};

// Loads libcurl (once per process; later calls return the same table) and
// runs curl_global_init. The error names the library file and what dlopen or
// dlsym reported, with the Debian package that provides it.
Result<const CurlLibrary*> curl_library();

}  // namespace suture::chain
