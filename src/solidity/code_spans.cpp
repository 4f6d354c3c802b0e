#include "solidity/code_spans.hpp"

namespace suture::solidity {

Result<std::vector<CodeSpan>> parse_code_spans(const Json& j, const std::string& path, size_t min_length,
                                               size_t max_length) {
    if (!j.is_array()) return input_error(path + ": expected an array of {start, length}");
    const std::string allowed = min_length == max_length ? "length " + std::to_string(min_length)
                                                         : std::to_string(min_length) + " <= length <= " +
                                                               std::to_string(max_length);
    std::vector<CodeSpan> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const Json& e = j[i];
        auto start = e.is_object() ? e.find("start") : e.end();
        auto length = e.is_object() ? e.find("length") : e.end();
        if (start == e.end() || length == e.end() || !start->is_number_unsigned() || !length->is_number_unsigned() ||
            length->get<size_t>() < min_length || length->get<size_t>() > max_length)
            return input_error(path + "[" + std::to_string(i) + "]: expected {start, length} with unsigned integers, " +
                               allowed);
        // No code comes near 4 GiB; the bound keeps start + length arithmetic exact everywhere.
        if (start->get<uint64_t>() > kMaxCodeOffset)
            return input_error(path + "[" + std::to_string(i) + "].start: " + std::to_string(start->get<uint64_t>()) +
                               " lies beyond any code");
        out.push_back({start->get<size_t>(), length->get<size_t>()});
    }
    return out;
}

}  // namespace suture::solidity
