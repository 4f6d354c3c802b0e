#include "upgrade/bytecode_facts.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_set>

#include "core/uint256.hpp"
#include "evm/opcodes.hpp"
#include "upgrade/code_metadata.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {
namespace {

using evm::opcode_traits;

// Abstract stack entries: a known constant or unknown. Entries below the
// modelled part are unknown, so the model is kept to a bounded depth.
using Value = std::optional<uint256>;
constexpr size_t kMaxDepth = 64;
// Distinct entry stacks explored per block before the block is analysed once
// more with an unknown entry stack (which covers every other one). Keeps the
// walk linear in code size while following return addresses through calls
// made from a bounded number of places.
constexpr size_t kStatesPerBlock = 32;

bool ends_block(uint8_t op) {
    switch (op) {
    case evm::OP_STOP:
    case evm::OP_JUMP:
    case evm::OP_JUMPI:
    case evm::OP_RETURN:
    case evm::OP_REVERT:
    case evm::OP_INVALID:
    case evm::OP_SELFDESTRUCT: return true;
    default: return opcode_traits[op].name == nullptr;  // undefined: halts
    }
}

// Folds the pure arithmetic solc wraps around constants (`shl(0, slot)`,
// `add(slot, 0)`, masks): `a` is the top of the stack, `b` the item below it.
std::optional<uint256> fold(uint8_t op, const uint256& a, const uint256& b) {
    switch (op) {
    case evm::OP_ADD: return a + b;
    case evm::OP_SUB: return a - b;
    case evm::OP_MUL: return a * b;
    case evm::OP_DIV: return a / b;
    case evm::OP_EXP: return exp(a, b);
    case evm::OP_AND: return a & b;
    case evm::OP_OR: return a | b;
    case evm::OP_XOR: return a ^ b;
    case evm::OP_SHL: return b << a;
    case evm::OP_SHR: return b >> a;
    case evm::OP_EQ: return uint256(a == b);
    case evm::OP_LT: return uint256(a < b);
    case evm::OP_GT: return uint256(a > b);
    default: return std::nullopt;
    }
}

size_t push_size(uint8_t op) { return op >= evm::OP_PUSH1 && op <= evm::OP_PUSH32 ? op - evm::OP_PUSH1 + 1 : 0; }

struct Block {
    size_t start = 0, end = 0;  // [start, end): whole instructions
    bool falls_through = false;  // ends without a terminator: continues at `end`
};

class Analyzer {
public:
    explicit Analyzer(BytesView code) : code_(code), block_at_(code.size(), -1) { split(); }

    BytecodeFacts run() {
        BytecodeFacts out;
        out.code_size = code_.size();
        out.blocks = blocks_.size();
        if (!blocks_.empty()) enqueue(0, {});
        while (!work_.empty()) {
            auto [b, stack] = std::move(work_.back());
            work_.pop_back();
            simulate(b, std::move(stack));
        }
        out.reachable_blocks = size_t(std::count(reached_.begin(), reached_.end(), true));
        out.unresolved_jumps = unresolved_;
        for (const auto& [pc, fact] : facts_) out.facts.push_back(fact);
        return out;
    }

private:
    // Leaders: offset 0, every JUMPDEST, and whatever follows a block end.
    void split() {
        size_t start = 0;
        for (size_t pc = 0; pc < code_.size();) {
            uint8_t op = code_[pc];
            if (op == evm::OP_JUMPDEST && pc != start) {
                blocks_.push_back({start, pc, true});
                start = pc;
            }
            size_t next = pc + 1 + push_size(op);
            if (ends_block(op) || next >= code_.size()) {
                blocks_.push_back({start, std::min(next, code_.size()), !ends_block(op)});
                start = next;
            }
            pc = next;
        }
        for (size_t i = 0; i < blocks_.size(); ++i) block_at_[blocks_[i].start] = int(i);
        reached_.assign(blocks_.size(), false);
        seen_.resize(blocks_.size());
        widened_.assign(blocks_.size(), false);
    }

    // Queues block `b` with entry stack `s` unless that pair was explored; past
    // the per-block budget the block is explored once with an unknown stack.
    void enqueue(size_t b, std::vector<Value> s) {
        while (!s.empty() && !s.front()) s.erase(s.begin());  // unknowns at the bottom are implicit
        reached_[b] = true;
        if (widened_[b]) return;
        if (seen_[b].size() >= kStatesPerBlock) {
            widened_[b] = true;
            work_.push_back({b, {}});
            return;
        }
        if (!seen_[b].insert(key(s)).second) return;
        work_.push_back({b, std::move(s)});
    }

    static std::string key(const std::vector<Value>& s) {
        std::string k;
        for (const auto& v : s) {
            k.push_back(v ? '1' : '0');
            if (v) {
                auto b = v->to_bytes32();
                k.append(b.begin(), b.end());
            }
        }
        return k;
    }

    void jump_to(const Value& dest, const std::vector<Value>& s) {
        if (!dest) {
            unresolved_jump();
            return;
        }
        // A known destination that is not a JUMPDEST makes the jump fail: no edge.
        if (!dest->fits_u64() || dest->low64() >= code_.size()) return;
        int b = block_at_[dest->low64()];
        if (b >= 0 && code_[dest->low64()] == evm::OP_JUMPDEST) enqueue(size_t(b), s);
    }

    // Any JUMPDEST may be the destination, entered with an unknown stack.
    void unresolved_jump() {
        if (unresolved_) return;
        unresolved_ = true;
        for (size_t i = 0; i < blocks_.size(); ++i)
            if (code_[blocks_[i].start] == evm::OP_JUMPDEST) enqueue(i, {});
    }

    void record(size_t pc, BytecodeFactKind kind, std::string slot = {}) {
        facts_.emplace(pc, BytecodeFact{kind, pc, std::move(slot)});
    }

    static const char* eip1967_slot_name(const Value& slot) {
        if (!slot) return nullptr;
        Bytes32 s = slot->to_bytes32();
        if (s == eip1967_implementation_slot()) return "implementation";
        if (s == eip1967_admin_slot()) return "admin";
        if (s == eip1967_beacon_slot()) return "beacon";
        return nullptr;
    }

    void simulate(size_t b, std::vector<Value> s) {
        auto pop = [&s]() -> Value {
            if (s.empty()) return std::nullopt;
            Value v = s.back();
            s.pop_back();
            return v;
        };
        auto push = [&s](Value v) {
            s.push_back(std::move(v));
            if (s.size() > kMaxDepth) s.erase(s.begin());
        };
        const Block& blk = blocks_[b];
        for (size_t pc = blk.start; pc < blk.end;) {
            uint8_t op = code_[pc];
            size_t n = push_size(op);
            if (n) {
                // Bytes past the end of code read as zero (the EVM pads code).
                uint8_t word[32] = {};
                size_t avail = std::min(n, code_.size() - pc - 1);
                std::copy_n(code_.begin() + pc + 1, avail, word + 32 - n);
                push(uint256::from_be(word));
            } else if (op == evm::OP_PUSH0) {
                push(uint256(0));
            } else if (op >= evm::OP_DUP1 && op <= evm::OP_DUP16) {
                size_t d = op - evm::OP_DUP1 + 1;
                push(d <= s.size() ? s[s.size() - d] : Value());
            } else if (op >= evm::OP_SWAP1 && op <= evm::OP_SWAP16) {
                size_t d = op - evm::OP_SWAP1 + 1;
                if (s.size() < d + 1) s.insert(s.begin(), d + 1 - s.size(), Value());
                std::swap(s[s.size() - 1], s[s.size() - 1 - d]);
            } else if ((op == evm::OP_NOT || op == evm::OP_ISZERO) && !s.empty() && s.back()) {
                s.back() = op == evm::OP_NOT ? ~*s.back() : uint256(*s.back() == uint256(0));
            } else if (s.size() >= 2 && s.back() && s[s.size() - 2] && fold(op, *s.back(), *s[s.size() - 2])) {
                Value v = fold(op, *s.back(), *s[s.size() - 2]);
                s.pop_back();
                s.back() = v;
            } else if (op == evm::OP_JUMP) {
                Value dest = pop();
                jump_to(dest, s);
                return;
            } else if (op == evm::OP_JUMPI) {
                Value dest = pop();
                pop();  // condition: both ways are taken
                jump_to(dest, s);
                if (b + 1 < blocks_.size()) enqueue(b + 1, s);
                return;
            } else {
                const auto& t = opcode_traits[op];
                if (!t.name) return;  // undefined opcode: halts
                if (op == evm::OP_SELFDESTRUCT) record(pc, BytecodeFactKind::selfdestruct);
                if (op == evm::OP_DELEGATECALL) record(pc, BytecodeFactKind::delegatecall);
                if (op == evm::OP_CALLCODE) record(pc, BytecodeFactKind::callcode);
                if (op == evm::OP_SSTORE && !s.empty())
                    if (const char* slot = eip1967_slot_name(s.back()))
                        record(pc, BytecodeFactKind::eip1967_write, slot);
                for (int i = 0; i < t.stack_required; ++i) pop();
                for (int i = 0; i < t.stack_required + t.stack_change; ++i) push(std::nullopt);
            }
            pc += 1 + n;
        }
        if (blk.falls_through && b + 1 < blocks_.size()) enqueue(b + 1, std::move(s));
    }

    BytesView code_;
    std::vector<Block> blocks_;
    std::vector<int> block_at_;  // block index starting at a pc, -1 elsewhere
    std::vector<bool> reached_, widened_;
    std::vector<std::unordered_set<std::string>> seen_;
    std::vector<std::pair<size_t, std::vector<Value>>> work_;
    bool unresolved_ = false;
    std::map<size_t, BytecodeFact> facts_;  // by pc: one fact per instruction whatever the path
};

}  // namespace

BytecodeFacts analyze_bytecode(BytesView runtime_code) {
    BytesView code = runtime_code.first(runtime_code.size() - metadata_length(runtime_code));
    return Analyzer(code).run();
}

Findings bytecode_findings(const BytecodeFacts& facts, std::string_view where) {
    Findings out;
    for (const auto& f : facts.facts) {
        Finding x;
        x.location.other = std::string(where) + " pc " + std::to_string(f.pc);
        switch (f.kind) {
        case BytecodeFactKind::selfdestruct:
            x.severity = Severity::warning;
            x.code = "deployed-selfdestruct";
            x.message = "the deployed code reaches SELFDESTRUCT at pc " + std::to_string(f.pc) +
                        ": called on the implementation it can destroy or drain it";
            x.hint = "make sure the new version no longer reaches it, and that nobody can call it before the upgrade";
            break;
        case BytecodeFactKind::delegatecall:
            x.severity = Severity::warning;
            x.code = "deployed-delegatecall";
            x.message = "the deployed code reaches DELEGATECALL at pc " + std::to_string(f.pc) +
                        ": if its target can be chosen by a caller, the caller's code runs with this storage";
            x.hint = "confirm the target is fixed or trusted (a UUPS upgradeToAndCall also has one)";
            break;
        case BytecodeFactKind::callcode:
            x.severity = Severity::warning;
            x.code = "deployed-callcode";
            x.message = "the deployed code reaches CALLCODE at pc " + std::to_string(f.pc) +
                        ": the callee's code runs with this storage";
            x.hint = "confirm the target is fixed or trusted";
            break;
        case BytecodeFactKind::eip1967_write:
            x.severity = Severity::info;
            x.code = "deployed-eip1967-write";
            x.message = "the deployed code writes the EIP-1967 " + f.slot + " slot at pc " + std::to_string(f.pc) +
                        (f.slot == "implementation" ? " (a UUPS implementation's upgrade function does)"
                                                    : " (it changes a proxy's " + f.slot + ")");
            x.hint = "the new version must keep an equivalent, access-controlled path if the proxy relies on it";
            break;
        }
        out.push_back(std::move(x));
    }
    return out;
}

}  // namespace suture::upgrade
