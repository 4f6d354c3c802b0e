#include "verify/invariant_spec.hpp"

#include <array>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"

namespace suture::verify {
namespace {

// The account invariant calls come from: no balance, no code, never a sender of the fuzz.
const Address kInvariantCaller = [] {
    Address a;
    a.bytes[0] = 0x1c;
    a.bytes[19] = 0x7a;
    return a;
}();

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Splits "a, b, (c, d)" at top-level commas.
std::vector<std::string> split_args(const std::string& text) {
    std::vector<std::string> out;
    int depth = 0;
    std::string cur;
    for (char c : text) {
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (c == ',' && depth == 0) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!trim(cur).empty() || !out.empty()) out.push_back(trim(cur));
    return out;
}

// The function `name` of `abi` taking `argc` arguments, and returning something.
Result<const abi::AbiEntry*> find_view(const abi::ContractAbi& abi, const std::string& name, size_t argc,
                                       const std::string& whole) {
    for (const auto& e : abi.entries)
        if (e.kind == abi::EntryKind::function && e.name == name && e.inputs.size() == argc) {
            if (e.outputs.empty()) return usage_error("--invariant '" + whole + "': " + e.canonical() + " returns nothing");
            return &e;
        }
    return usage_error("--invariant '" + whole + "': the new implementation's ABI has no function " + name + " with " +
                       std::to_string(argc) + " arguments");
}

Result<std::vector<abi::AbiValue>> parse_args(const abi::AbiEntry& fn, const std::vector<std::string>& args,
                                              const std::string& whole) {
    std::vector<abi::AbiValue> values;
    for (size_t i = 0; i < args.size(); ++i) {
        auto v = abi::parse_value(fn.inputs[i].type, args[i]);
        if (!v) return usage_error("--invariant '" + whole + "': argument " + std::to_string(i + 1) + " of " + fn.name + ": " + v.error().message);
        values.push_back(std::move(v.value()));
    }
    return values;
}

Result<Bytes> encode_args(const abi::AbiEntry& fn, const std::vector<std::string>& args, const std::string& whole) {
    SUTURE_TRY(values, parse_args(fn, args, whole));
    return abi::encode_call(fn.signature(), values);
}

// The word "holders" in a sum's argument list: the derived holders.
constexpr char kHolders[] = "holders";

// "sum(balanceOf([0xA, 0xB]))": the call once per element of its one list
// argument; "sum(balanceOf(holders))": once per derived holder (op.over_holders).
Status parse_sum(const std::string& inner, const abi::ContractAbi& abi, const std::string& whole, InvariantOperand& op) {
    const auto open = inner.find('(');
    if (open == std::string::npos || inner.back() != ')')
        return usage_error("--invariant '" + whole + "': sum(...) takes a call f(..., [a, b, ...], ...) or f(..., holders, ...)");
    const std::string name = trim(inner.substr(0, open));
    std::vector<std::string> args = split_args(inner.substr(open + 1, inner.size() - open - 2));
    SUTURE_TRY(fn, find_view(abi, name, args.size(), whole));
    std::optional<size_t> list;
    bool holders = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const abi::AbiKind k = fn->inputs[i].type.kind;
        const bool is_holders = args[i] == kHolders;
        if (!is_holders && (args[i].empty() || args[i].front() != '[' || k == abi::AbiKind::array || k == abi::AbiKind::fixed_array))
            continue;
        if (list) return usage_error("--invariant '" + whole + "': sum(...) sums over one list argument, not two");
        if (is_holders && k != abi::AbiKind::address)
            return usage_error("--invariant '" + whole + "': holders are addresses; argument " + std::to_string(i + 1) +
                               " of " + fn->name + " is " + fn->inputs[i].type.canonical());
        list = i;
        holders = is_holders;
    }
    if (!list)
        return usage_error("--invariant '" + whole + "': sum(" + name + "(...)) needs one argument given as a list [a, b, ...] or as holders");
    if (holders) {
        // The holder's slot is parsed as the zero address; evaluation puts each holder there (holder_arg).
        args[*list] = to_checksum(Address{});
        SUTURE_TRY(values, parse_args(*fn, args, whole));
        op.over_holders = true;
        op.selector = fn->selector();
        op.holder_arg = *list;
        for (const auto& in : fn->inputs) op.types.push_back(in.type);
        op.args = std::move(values);
        return {};
    }
    if (args[*list].back() != ']') return usage_error("--invariant '" + whole + "': the list " + args[*list] + " does not end with ']'");
    const std::vector<std::string> items = split_args(args[*list].substr(1, args[*list].size() - 2));
    if (items.empty()) return usage_error("--invariant '" + whole + "': sum(...) over an empty list");
    for (const std::string& item : items) {
        args[*list] = item;
        SUTURE_TRY(data, encode_args(*fn, args, whole));
        op.summed.push_back(std::move(data));
    }
    return {};
}

Result<InvariantOperand> parse_operand(const std::string& raw, const abi::ContractAbi& abi, const std::string& whole) {
    InvariantOperand op;
    op.text = trim(raw);
    const std::string& t = op.text;
    if (t.empty()) return usage_error("--invariant '" + whole + "': an operand is missing");
    const auto open = t.find('(');
    if (open == std::string::npos) {
        auto v = uint256::parse(t);
        if (!v) return usage_error("--invariant '" + whole + "': " + t + " is neither a number nor a call f(...)");
        op.constant = v.value();
        return op;
    }
    if (t.back() != ')') return usage_error("--invariant '" + whole + "': " + t + ": a call ends with ')'");
    const std::string name = trim(t.substr(0, open));
    const std::string inner = trim(t.substr(open + 1, t.size() - open - 2));
    if (name == "sum") {
        SUTURE_CHECK(parse_sum(inner, abi, whole, op));
        return op;
    }
    const std::vector<std::string> args = split_args(inner);
    SUTURE_TRY(fn, find_view(abi, name, args.size(), whole));
    SUTURE_TRY(data, encode_args(*fn, args, whole));
    op.calldata = std::move(data);
    return op;
}

struct Evaluated {
    std::optional<uint256> value;
    std::string failure;  // why there is no value
};

Result<Evaluated> evaluate_call(const Address& to, const Bytes& calldata, evm::StateBackend& state, evm::Revision rev,
                                const evm::BlockEnv& block, const AbiList& abis) {
    evm::CallRequest call;
    call.from = kInvariantCaller;
    call.to = to;
    call.data = calldata;
    call.gas = 10'000'000;
    auto r = evm::execute_call(state, rev, block, call);
    if (!r) {
        if (r.error().kind == ErrorKind::input) return Evaluated{std::nullopt, "could not run: " + r.error().message};
        return r.error();
    }
    const evm::Receipt& rc = r.value().receipt;
    if (rc.status != evm::StatusCode::success) {
        if (rc.status == evm::StatusCode::revert) return Evaluated{std::nullopt, "reverted " + describe_revert_data(rc.output, abis)};
        return Evaluated{std::nullopt, std::string("failed (") + evm::status_name(rc.status) + ")"};
    }
    if (rc.output.empty()) return Evaluated{uint256(1), {}};  // a Solidity invariant returning nothing holds
    if (rc.output.size() < 32) return Evaluated{std::nullopt, "returned " + std::to_string(rc.output.size()) + " bytes, not a word"};
    return Evaluated{uint256::from_be(rc.output.data()), {}};
}

// The call of a sum over holders for one holder.
Result<Bytes> holder_call(const InvariantOperand& op, const Address& holder) {
    std::vector<abi::AbiValue> args = op.args;
    args[op.holder_arg] = holder;
    SUTURE_TRY(encoded, abi::encode(op.types, args));
    Bytes data(op.selector.begin(), op.selector.end());
    data.insert(data.end(), encoded.begin(), encoded.end());
    return data;
}

Result<Evaluated> evaluate(const InvariantOperand& op, evm::StateBackend& state, evm::Revision rev,
                           const evm::BlockEnv& block, const Address& target, const AbiList& abis,
                           const std::vector<Address>& holders) {
    if (op.constant) return Evaluated{op.constant, {}};
    const Address to = op.to.value_or(target);
    if (op.summed.empty() && !op.over_holders) return evaluate_call(to, op.calldata, state, rev, block, abis);
    const size_t terms = op.over_holders ? holders.size() : op.summed.size();
    uint256 sum;
    for (size_t i = 0; i < terms; ++i) {
        Bytes data;
        if (op.over_holders) {
            SUTURE_TRY(d, holder_call(op, holders[i]));
            data = std::move(d);
        }
        SUTURE_TRY(term, evaluate_call(to, op.over_holders ? data : op.summed[i], state, rev, block, abis));
        if (!term.value)
            return Evaluated{std::nullopt, "term " + std::to_string(i + 1) +
                                               (op.over_holders ? " (holder " + to_checksum(holders[i]) + ")" : std::string()) +
                                               " " + term.failure};
        const uint256 next = sum + *term.value;
        if (next < sum) return Evaluated{std::nullopt, "overflows 256 bits at term " + std::to_string(i + 1)};
        sum = next;
    }
    return Evaluated{sum, {}};
}

bool relation_holds(Relation r, const uint256& a, const uint256& b) {
    switch (r) {
    case Relation::ge: return a >= b;
    case Relation::le: return a <= b;
    case Relation::gt: return a > b;
    case Relation::lt: return a < b;
    case Relation::eq: return a == b;
    case Relation::ne: return a != b;
    case Relation::holds: return a != uint256();
    }
    return false;
}

}  // namespace

Result<Invariant> parse_invariant(const std::string& text, const abi::ContractAbi& abi) {
    static const std::array<std::pair<const char*, Relation>, 6> kOps = {{
        {">=", Relation::ge}, {"<=", Relation::le}, {"==", Relation::eq}, {"!=", Relation::ne},
        {">", Relation::gt}, {"<", Relation::lt}}};
    int depth = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '(') ++depth;
        if (text[i] == ')') --depth;
        if (depth != 0) continue;
        for (const auto& [sym, rel] : kOps) {
            const size_t n = std::char_traits<char>::length(sym);
            if (text.compare(i, n, sym) != 0) continue;
            Invariant inv;
            inv.text = trim(text);
            inv.relation = rel;
            SUTURE_TRY(lhs, parse_operand(text.substr(0, i), abi, text));
            SUTURE_TRY(rhs, parse_operand(text.substr(i + n), abi, text));
            inv.lhs = std::move(lhs);
            inv.rhs = std::move(rhs);
            return inv;
        }
    }
    return usage_error("--invariant '" + text + "': expected A OP B with OP one of >= <= > < == !=");
}

Invariant solidity_invariant(const Address& checker, const abi::AbiEntry& function) {
    Invariant inv;
    inv.text = function.canonical();
    inv.relation = Relation::holds;
    inv.lhs.to = checker;
    const abi::Selector s = function.selector();
    inv.lhs.calldata.assign(s.begin(), s.end());
    inv.lhs.text = inv.text;
    return inv;
}

Result<std::optional<std::string>> check_invariant(const Invariant& inv, evm::StateBackend& state, evm::Revision rev,
                                                   const evm::BlockEnv& block, const Address& target,
                                                   const AbiList& abis, const std::vector<Address>& holders) {
    SUTURE_TRY(a, evaluate(inv.lhs, state, rev, block, target, abis, holders));
    if (!a.value) return std::optional<std::string>(inv.lhs.text + " " + a.failure);
    if (inv.relation == Relation::holds) {
        if (relation_holds(Relation::holds, *a.value, uint256())) return std::optional<std::string>();
        return std::optional<std::string>(inv.lhs.text + " returned false");
    }
    SUTURE_TRY(b, evaluate(inv.rhs, state, rev, block, target, abis, holders));
    if (!b.value) return std::optional<std::string>(inv.rhs.text + " " + b.failure);
    if (relation_holds(inv.relation, *a.value, *b.value)) return std::optional<std::string>();
    std::string why = inv.lhs.text + " = " + a.value->to_dec();
    if (inv.uses_holders()) why += " over " + std::to_string(holders.size()) + " holder(s)";
    if (!inv.rhs.constant) why += ", " + inv.rhs.text + " = " + b.value->to_dec();
    return std::optional<std::string>(why);
}

}  // namespace suture::verify
