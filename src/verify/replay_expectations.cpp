#include "verify/replay_expectations.hpp"

#include <algorithm>

#include "core/abi_type.hpp"
#include "core/hex.hpp"
#include "solidity/json_file.hpp"
#include "solidity/json_ref.hpp"

namespace suture::verify {
namespace {

using solidity::JsonRef;

Result<abi::Selector> parse_function(const std::string& text) {
    if (text.size() == 10 && text.rfind("0x", 0) == 0) {
        auto bytes = from_hex(text);
        if (!bytes) return input_error("function " + text + ": " + bytes.error().message);
        abi::Selector s;
        std::copy_n(bytes->begin(), 4, s.begin());
        return s;
    }
    auto sig = abi::parse_signature(text);
    if (!sig) return input_error("function " + text + ": " + sig.error().message + " (give a signature such as withdraw(uint256) or a selector 0x2e1a7d4d)");
    return abi::selector(sig->canonical());
}

// One condition, from either form; `value` is the text after '=' (flags) or the JSON string.
Status set_condition(ExpectedDifference& rule, const std::string& key, const std::optional<std::string>& value,
                     std::optional<bool> flag) {
    if (key == "function") {
        if (!value) return input_error("function: give a signature or a selector");
        SUTURE_TRY(s, parse_function(*value));
        rule.selector = s;
        rule.function = *value;
        return {};
    }
    if (key == "sender") {
        if (!value) return input_error("sender: give an address");
        auto a = parse_address(*value);
        if (!a) return input_error("sender " + *value + ": " + a.error().message);
        rule.sender = *a;
        return {};
    }
    std::optional<bool>* condition = key == "reentered"     ? &rule.reentered
                                     : key == "old_reverts" ? &rule.old_reverts
                                     : key == "new_reverts" ? &rule.new_reverts
                                                            : nullptr;
    if (condition) {
        if (value && *value != "true" && *value != "false")
            return input_error(key + "=" + *value + ": a condition on its own, or =true / =false");
        *condition = value ? *value == "true" : flag.value_or(true);
        return {};
    }
    if (key == "within") {
        if (!value) return input_error("within: give a bound such as 1000, 0.01% or 1000, 0.01%");
        auto b = parse_amount_bound(*value);
        if (!b) return input_error("within " + b.error().message);
        rule.within = std::move(*b);
        return {};
    }
    if (key == "why") {
        rule.why = value.value_or("");
        return {};
    }
    return input_error("unknown condition '" + key + "' (function, sender, reentered, old_reverts, new_reverts, within, why)");
}

Status check_not_empty(const ExpectedDifference& rule) {
    if (!rule.selector && !rule.sender && !rule.reentered && !rule.old_reverts && !rule.new_reverts && !rule.within)
        return input_error("a rule needs at least one condition (function, sender, reentered, old_reverts, new_reverts, within)");
    return {};
}

Result<ExpectedDifference> parse_rule(const JsonRef& entry, const std::string& source) {
    SUTURE_CHECK(entry.expect_object());
    ExpectedDifference rule;
    rule.source = source;
    for (const auto& [key, v] : entry.json().items()) {
        Status s;
        if (v.is_boolean())
            s = set_condition(rule, key, std::nullopt, v.get<bool>());
        else if (v.is_string())
            s = set_condition(rule, key, v.get<std::string>(), std::nullopt);
        else
            s = input_error(key + ": expected a string or a boolean");
        if (!s) return entry.error(s.error().message);
    }
    if (auto s = check_not_empty(rule); !s) return entry.error(s.error().message);
    return rule;
}

}  // namespace

bool matches(const ExpectedDifference& rule, const DifferenceFacts& f) {
    if (rule.selector) {
        const bool called = f.called && *f.called == *rule.selector;
        const bool entered = std::find(f.entered.begin(), f.entered.end(), *rule.selector) != f.entered.end();
        if (!called && !entered) return false;
    }
    if (rule.sender && *rule.sender != f.sender) return false;
    if (rule.reentered && *rule.reentered != f.old_reentered) return false;
    if (rule.old_reverts && *rule.old_reverts != f.old_reverted) return false;
    if (rule.new_reverts && *rule.new_reverts != f.new_reverted) return false;
    return true;
}

const ExpectedDifference* find_expected(const std::vector<ExpectedDifference>& rules, const DifferenceFacts& facts) {
    for (const auto& r : rules)
        if (matches(r, facts)) return &r;
    return nullptr;
}

std::string Declaration::breach_text() const {
    if (!breached || !breach || !breached->within) return "";
    return breach->text(*breached->within) + " (declared by " + breached->source + ")";
}

Declaration declare(const std::vector<ExpectedDifference>& rules, const DifferenceFacts& facts, const TxEffects& o,
                    const TxEffects& n, const AbiList& abis, const abi::AbiEntry* function) {
    Declaration d;
    for (const auto& r : rules) {
        if (!matches(r, facts)) continue;
        if (!r.within) {
            d.rule = &r;
            return d;
        }
        auto br = first_breach(*r.within, o, n, abis, function);
        if (!br) {
            d.rule = &r;
            return d;
        }
        if (!d.breached) {
            d.breached = &r;
            d.breach = std::move(br);
        }
    }
    return d;
}

Result<ExpectedDifference> parse_expect_flag(const std::string& text) {
    ExpectedDifference rule;
    rule.source = "--expect " + text;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(start, end - start);
        if (!part.empty()) {
            const size_t eq = part.find('=');
            const std::string key = part.substr(0, eq);
            std::optional<std::string> value;
            if (eq != std::string::npos) value = part.substr(eq + 1);
            if (auto s = set_condition(rule, key, value, std::nullopt); !s) return usage_error(rule.source + ": " + s.error().message);
        }
        start = end + 1;
    }
    if (auto s = check_not_empty(rule); !s) return usage_error(rule.source + ": " + s.error().message);
    return rule;
}

Result<std::vector<ExpectedDifference>> load_expectations(const std::string& path) {
    SUTURE_TRY(doc, solidity::load_json_file(path));
    JsonRef root(*doc, std::make_shared<const std::string>(path));
    SUTURE_CHECK(root.expect_object());
    SUTURE_TRY(list, root.array_at("expected"));
    std::vector<ExpectedDifference> rules;
    for (size_t i = 0; i < list.size(); ++i) {
        SUTURE_TRY(entry, list.at(i));
        SUTURE_TRY(rule, parse_rule(entry, path + " expected[" + std::to_string(i) + "]"));
        rules.push_back(std::move(rule));
    }
    return rules;
}

Result<std::vector<ExpectedDifference>> expected_differences(const std::vector<std::string>& flags, const std::string& file) {
    std::vector<ExpectedDifference> rules;
    for (const auto& e : flags) {
        SUTURE_TRY(rule, parse_expect_flag(e));
        rules.push_back(std::move(rule));
    }
    if (!file.empty()) {
        SUTURE_TRY(more, load_expectations(file));
        rules.insert(rules.end(), more.begin(), more.end());
    }
    return rules;
}

}  // namespace suture::verify
