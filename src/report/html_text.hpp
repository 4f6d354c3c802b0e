// Text for HTML and SVG pages: every string that came from outside (the
// ledger, a manifest, a finding) goes through html_escape before it is put in
// an element or an attribute value.
#pragma once

#include <string>
#include <string_view>

namespace suture::report {

// & < > " ' as character references; everything else as is.
std::string html_escape(std::string_view s);

}  // namespace suture::report
