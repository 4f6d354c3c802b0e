#include "verify/difference_bound.hpp"

#include <map>

#include "core/hex.hpp"

namespace suture::verify {
namespace {

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    const size_t b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// So that num < 10^38 and den <= 10^20: (old % den) * num never overflows.
constexpr size_t kMaxFractionDigits = 18;
constexpr size_t kMaxWholeDigits = 20;

// "0.01%" as 1 / 10,000.
Result<std::pair<uint256, uint256>> parse_percent(const std::string& term) {
    const std::string number = trim(term.substr(0, term.size() - 1));
    const size_t dot = number.find('.');
    const std::string whole = number.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : number.substr(dot + 1);
    if ((whole.empty() && fraction.empty()) || (!whole.empty() && !all_digits(whole)) ||
        (dot != std::string::npos && !all_digits(fraction)) || fraction.size() > kMaxFractionDigits || whole.size() > kMaxWholeDigits)
        return input_error("'" + term + "': a relative bound is a decimal percentage such as 0.01%");
    SUTURE_TRY(num, uint256::parse(whole + fraction));
    uint256 den(100);
    for (size_t i = 0; i < fraction.size(); ++i) den *= uint256(10);
    return std::make_pair(num, den);
}

uint256 magnitude(const uint256& v, bool is_signed) { return is_signed && v.bit_width() == 256 ? -v : v; }

std::string signed_text(const uint256& v, bool is_signed) {
    if (is_signed && v.bit_width() == 256) return "-" + (-v).to_dec();
    return v.to_dec();
}

// Compares one amount; a breach when beyond the bound.
std::optional<BoundBreach> check_amount(const AmountBound& b, std::string item, const uint256& o, const uint256& n,
                                        bool is_signed = false) {
    if (o == n) return std::nullopt;
    const uint256 d = is_signed ? magnitude(n - o, true) : (n > o ? n - o : o - n);
    const uint256 allowed = allowed_difference(b, magnitude(o, is_signed));
    if (d <= allowed) return std::nullopt;
    BoundBreach br;
    br.item = std::move(item);
    br.old_text = signed_text(o, is_signed);
    br.new_text = signed_text(n, is_signed);
    br.difference = d;
    br.allowed = allowed;
    return br;
}

BoundBreach other_kind(std::string item, std::string old_text, std::string new_text) {
    BoundBreach br;
    br.item = std::move(item);
    br.amount = false;
    br.old_text = std::move(old_text);
    br.new_text = std::move(new_text);
    return br;
}

uint256 word_at(const Bytes& data, size_t offset) {
    Bytes32 w;
    std::copy(data.begin() + long(offset), data.begin() + long(offset + 32), w.begin());
    return uint256::from_bytes32(w);
}

// The name of return word i: the output's name when every output is one word.
std::string return_word_name(const abi::AbiEntry* function, size_t i) {
    if (function && i < function->outputs.size() && !function->outputs[i].name.empty()) {
        for (const auto& p : function->outputs)
            if (p.type.is_dynamic() || p.type.head_size() != 32) return "return word " + std::to_string(i);
        return "return value " + function->outputs[i].name;
    }
    return "return word " + std::to_string(i);
}

std::optional<BoundBreach> check_outcome(const AmountBound& b, const TxEffects& o, const TxEffects& n,
                                         const AbiList& abis, const abi::AbiEntry* function) {
    if (o.executed == n.executed && (!o.executed || (o.status == n.status && o.output == n.output)) &&
        (o.executed || o.refused == n.refused))
        return std::nullopt;
    const bool same_kind = o.executed && n.executed && o.status == n.status && o.output.size() == n.output.size();
    const size_t prefix = o.output.size() % 32;
    if (!same_kind || !std::equal(o.output.begin(), o.output.begin() + long(prefix), n.output.begin()))
        return other_kind("outcome", describe_outcome(o, abis, function), describe_outcome(n, abis, function));
    for (size_t at = prefix; at < o.output.size(); at += 32) {
        const size_t i = (at - prefix) / 32;
        const std::string item = o.status == evm::StatusCode::success ? return_word_name(prefix ? nullptr : function, i)
                                                                      : "revert data word " + std::to_string(i);
        if (auto br = check_amount(b, item, word_at(o.output, at), word_at(n.output, at))) return br;
    }
    return std::nullopt;
}

std::optional<BoundBreach> check_balances(const AmountBound& b, const TxEffects& o, const TxEffects& n) {
    using Key = std::pair<std::optional<Address>, Address>;
    std::map<Key, std::pair<uint256, uint256>> amounts;
    for (const AmountChange& c : o.balances) amounts[{c.token, c.holder}].first = c.delta;
    for (const AmountChange& c : n.balances) amounts[{c.token, c.holder}].second = c.delta;
    for (const auto& [key, d] : amounts) {
        const std::string item = key.first ? "token " + to_checksum(*key.first) + " balance of " + to_checksum(key.second)
                                           : "ETH balance of " + to_checksum(key.second);
        if (auto br = check_amount(b, item + " (change)", d.first, d.second, true)) return br;
    }
    return std::nullopt;
}

std::optional<BoundBreach> check_logs(const AmountBound& b, const TxEffects& o, const TxEffects& n, const AbiList& abis) {
    if (o.logs.size() != n.logs.size())
        return other_kind("logs", std::to_string(o.logs.size()) + " log(s)", std::to_string(n.logs.size()) + " log(s)");
    for (size_t i = 0; i < o.logs.size(); ++i) {
        const evm::Log& x = o.logs[i];
        const evm::Log& y = n.logs[i];
        if (x.address != y.address || x.topics != y.topics || x.data.size() != y.data.size() || x.data.size() % 32)
            return other_kind("log " + std::to_string(i), describe_log(x.address, x.topics, x.data, abis),
                              describe_log(y.address, y.topics, y.data, abis));
        for (size_t at = 0; at < x.data.size(); at += 32)
            if (auto br = check_amount(b, "log " + std::to_string(i) + " data word " + std::to_string(at / 32),
                                       word_at(x.data, at), word_at(y.data, at)))
                return br;
    }
    return std::nullopt;
}

std::optional<BoundBreach> check_storage(const AmountBound& b, const TxEffects& o, const TxEffects& n) {
    // Each slot's value after the call in each run; a slot one run did not
    // write kept the value the writing run read before the call.
    std::map<std::pair<Address, uint256>, std::pair<std::optional<StorageWrite>, std::optional<StorageWrite>>> slots;
    for (const StorageWrite& w : o.storage) slots[{w.address, w.slot}].first = w;
    for (const StorageWrite& w : n.storage) slots[{w.address, w.slot}].second = w;
    for (const auto& [key, v] : slots) {
        const uint256 old_after = v.first ? v.first->value : v.second->prior;
        const uint256 new_after = v.second ? v.second->value : v.first->prior;
        if (auto br = check_amount(b, "storage of " + to_checksum(key.first) + " slot " + key.second.to_hex(), old_after,
                                   new_after))
            return br;
    }
    return std::nullopt;
}

}  // namespace

Result<AmountBound> parse_amount_bound(const std::string& text) {
    AmountBound bound;
    bound.text = trim(text);
    std::string rest = bound.text;
    for (size_t at; (at = rest.find(" or ")) != std::string::npos;) rest.replace(at, 4, ",");
    size_t start = 0;
    int terms = 0;
    while (start <= rest.size()) {
        size_t end = rest.find(',', start);
        if (end == std::string::npos) end = rest.size();
        const std::string term = trim(rest.substr(start, end - start));
        start = end + 1;
        ++terms;
        if (term.empty()) return input_error("'" + text + "': give an amount (1000), a percentage (0.01%) or both (1000, 0.01%)");
        if (term.back() == '%') {
            if (bound.relative) return input_error("'" + text + "': two relative bounds");
            SUTURE_TRY(r, parse_percent(term));
            bound.relative = r;
        } else {
            if (bound.absolute) return input_error("'" + text + "': two absolute bounds");
            if (!all_digits(term) || term.size() > 78)
                return input_error("'" + term + "': an absolute bound is a whole amount in the token's smallest unit, such as 1000");
            SUTURE_TRY(v, uint256::parse(term));
            bound.absolute = v;
        }
    }
    if (terms > 2) return input_error("'" + text + "': at most an amount and a percentage");
    return bound;
}

uint256 allowed_difference(const AmountBound& b, const uint256& old_value) {
    uint256 allowed = b.absolute.value_or(uint256());
    if (b.relative) {
        // floor(old * num / den) without overflow: (old / den) * num + (old % den) * num / den.
        const auto& [num, den] = *b.relative;
        const uint256 q = old_value / den, r = old_value % den;
        const uint256 max = ~uint256();
        const uint256 tail = r * num / den;  // r < den <= 10^20, num < 10^38 (parse_percent)
        uint256 rel = max;
        if (num == uint256() || q <= max / num) {
            const uint256 head = q * num;
            if (head <= max - tail) rel = head + tail;
        }
        if (rel > allowed) allowed = rel;
    }
    return allowed;
}

std::string BoundBreach::text(const AmountBound& bound) const {
    if (!amount)
        return item + ": old " + old_text + ", new " + new_text + ": not an amount, which a bound (" + bound.text +
               ") cannot declare";
    return item + ": old " + old_text + ", new " + new_text + ": differs by " + difference.to_dec() + ", " +
           (difference - allowed).to_dec() + " beyond the bound " + allowed.to_dec() + " (" + bound.text + ")";
}

std::optional<BoundBreach> first_breach(const AmountBound& b, const TxEffects& o, const TxEffects& n, const AbiList& abis,
                                        const abi::AbiEntry* function) {
    if (auto br = check_outcome(b, o, n, abis, function)) return br;
    if (auto br = check_balances(b, o, n)) return br;
    if (auto br = check_logs(b, o, n, abis)) return br;
    if (auto br = check_storage(b, o, n)) return br;
    if (o.created != n.created) {
        auto text = [](const std::optional<Address>& a) { return a ? "created " + to_checksum(*a) : std::string("created nothing"); };
        return other_kind("contract creation", text(o.created), text(n.created));
    }
    return std::nullopt;
}

}  // namespace suture::verify
