#include "verify/fuzz_run.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_set>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/analysis.hpp"
#include "evm/call_inspector.hpp"
#include "evm/precompiles.hpp"
#include "evm/tracer.hpp"
#include "verify/fuzz_values.hpp"
#include "verify/implementation_override.hpp"

namespace suture::verify {
namespace {

constexpr int64_t kCallGas = 30'000'000;
constexpr size_t kFreshSenders = 3;
constexpr uint64_t kStorageSlotsHarvested = 64;
const uint256 kSenderFunds = uint256(1000) * uint256(1'000'000'000'000'000'000ull);
const uint256 kMaxValue = uint256(100) * uint256(1'000'000'000'000'000'000ull);

Address fresh_sender(size_t i) {
    const Bytes32 h = keccak256("suture.fuzz.sender." + std::to_string(i));
    Address a;
    std::copy(h.end() - 20, h.end(), a.bytes.begin());
    return a;
}

// The creator of invariant checker contracts (the same in both runs).
Address checker_deployer() {
    const Bytes32 h = keccak256(std::string("suture.fuzz.invariant-checker.deployer"));
    Address a;
    std::copy(h.end() - 20, h.end(), a.bytes.begin());
    return a;
}

// EIP-1967 admin slot: bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1).
const uint256 kAdminSlot = uint256::parse("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103").value();

bool code_has_selector(BytesView code, const abi::Selector& s) {
    constexpr uint8_t kPush4 = 0x63;
    for (size_t pc = 0; pc + 4 < code.size(); ++pc) {
        const uint8_t op = code[pc];
        if (op == kPush4 && std::equal(s.begin(), s.end(), code.begin() + pc + 1)) return true;
        if (op >= 0x60 && op <= 0x7f) pc += size_t(op - 0x60) + 1;
    }
    return false;
}

Result<Bytes> code_of(evm::StateBackend& state, const Address& a) {
    SUTURE_TRY(acc, state.account(a));
    if (!acc || acc->code_hash == evm::kEmptyCodeHash) return Bytes{};
    SUTURE_TRY(code, state.code(acc->code_hash));
    return *code;
}

// Every account and slot a run touched, for reproducers.
class TouchRecorder final : public evm::CallInspector {
public:
    std::set<Address> accounts;
    std::map<Address, std::set<uint256>> slots;
    std::optional<evm::ExecResult> before_call(evm::Message& msg) override {
        accounts.insert(msg.recipient);
        accounts.insert(msg.code_address);
        accounts.insert(msg.sender);
        return std::nullopt;
    }
    void after_call(const evm::Message&, evm::ExecResult&) override {}
    void on_log(const Address&, BytesView, const Bytes32*, size_t) override {}
    void on_storage_read(const Address& a, const uint256& k) override { slots[a].insert(k); }
    void on_storage_write(const Address& a, const uint256& k, const uint256&) override { slots[a].insert(k); }
};

// Coverage: the JUMPDESTs each code reached (a branch taken), keyed by the
// code's account and pc, shared by both implementations' runs. A sequence
// that reaches a new one joins the corpus that later runs mutate.
class CoverageTracer final : public evm::Tracer {
public:
    explicit CoverageTracer(std::unordered_set<uint64_t>& seen) : seen_(seen) {}
    bool fresh = false;
    void on_frame_start(const evm::Message& msg, BytesView) override {
        const size_t d = size_t(msg.depth);
        if (frames_.size() <= d) frames_.resize(d + 1);
        uint64_t h = 0xcbf29ce484222325ull;
        for (uint8_t b : msg.code_address.bytes) h = (h ^ b) * 0x100000001b3ull;
        frames_[d] = h;
    }
    void on_step(const evm::StepInfo& st) override {
        constexpr uint8_t kJumpdest = 0x5b;
        if (st.opcode != kJumpdest || size_t(st.depth) >= frames_.size()) return;
        const uint64_t key = frames_[size_t(st.depth)] ^ (uint64_t(st.pc) * 0x9e3779b97f4a7c15ull);
        if (seen_.insert(key).second) fresh = true;
    }

private:
    std::unordered_set<uint64_t>& seen_;
    std::vector<uint64_t> frames_;
};

constexpr size_t kMaxCorpus = 1024;

struct StepEvent {
    FuzzFindingKind kind = FuzzFindingKind::difference;
    size_t step = 0;
    size_t invariant = 0;
    std::vector<DiffItem> items;
    std::string old_why, new_why, old_outcome, new_outcome;
    bool same_as(const StepEvent& o, const std::vector<FuzzCall>& a, const std::vector<FuzzCall>& b) const {
        return kind == o.kind && invariant == o.invariant && a[step].function == b[o.step].function;
    }
};

class Campaign {
public:
    Campaign(evm::StateBackend& base, const FuzzRequest& req) : req_(req), old_(base), new_(base) {}

    Status setup(FuzzResult& res);
    Status run(FuzzResult& res);

private:
    Result<TxEffects> exec(evm::OverlayBackend& state, const FuzzCall& c, evm::CallInspector* inspector,
                           evm::Tracer* tracer = nullptr);
    // Runs `calls` from the snapshot; the first event, if any. Fills each
    // call's old outcome.
    Result<std::optional<StepEvent>> play(std::vector<FuzzCall>& calls, TouchRecorder* old_rec = nullptr,
                                          TouchRecorder* new_rec = nullptr, CoverageTracer* coverage = nullptr);
    std::vector<FuzzCall> mutate(FuzzValues& values, std::vector<FuzzCall> calls);
    FuzzCall random_call(FuzzValues& values, std::optional<size_t> function);
    void encode(FuzzCall& c) const;
    Result<std::vector<FuzzCall>> minimize(std::vector<FuzzCall> calls, const StepEvent& event);
    Status describe(FuzzResult& res, std::vector<FuzzCall> calls, const StepEvent& event, size_t found_length);
    void reset() {
        old_.revert_to(old_snap_);
        new_.revert_to(new_snap_);
    }

    const FuzzRequest& req_;
    evm::OverlayBackend old_, new_;
    evm::OverlayBackend::SnapshotId old_snap_ = 0, new_snap_ = 0;
    evm::AnalysisCache analysis_;
    std::vector<FuzzFunction> functions_;
    std::vector<abi::Selector> selectors_;
    std::vector<std::vector<abi::AbiType>> input_types_;
    std::vector<Address> senders_;
    std::vector<Invariant> invariants_;
    ValuePool pool_;
    std::vector<AccountSnapshot> install_;
    uint64_t compared_ = 0, new_only_ = 0, calls_ = 0;
    std::unordered_set<uint64_t> covered_;
    std::vector<std::vector<FuzzCall>> corpus_;
};

Status Campaign::setup(FuzzResult& res) {
    const evm::BlockEnv& block = req_.block;
    NewImplementation impl;
    impl.init_code = req_.new_init_code;
    SUTURE_TRY(ov, override_implementation(new_, block, req_.revision, req_.target, impl));
    res.old_implementation = ov.old_implementation;
    res.new_implementation = ov.new_implementation;
    res.switched = ov.description;
    {
        // What installing changed, for reproducers (accounts and slots written).
        SUTURE_TRY(diff, new_.net_diff());
        for (const evm::AccountChange& c : diff.accounts) {
            AccountSnapshot s;
            s.address = c.address;
            s.balance = c.info.balance;
            s.nonce = c.info.nonce;
            SUTURE_TRY(code, code_of(new_, c.address));
            s.code = std::move(code);
            for (const auto& [k, v] : c.storage) s.slots.emplace_back(k, v);
            install_.push_back(std::move(s));
        }
    }
    SUTURE_TRY(old_code, code_of(old_, ov.old_implementation));
    SUTURE_TRY(new_code, code_of(new_, ov.new_implementation));
    pool_.harvest_code(old_code);
    pool_.harvest_code(new_code);
    pool_.add_address(req_.target);

    for (size_t i = 0; i < kFreshSenders; ++i) senders_.push_back(fresh_sender(i));
    auto add_sender = [&](const Address& a) {
        if (std::find(senders_.begin(), senders_.end(), a) == senders_.end()) senders_.push_back(a);
    };
    // Storage words; addresses among them that are accounts without code are
    // likely owners and admins: privileged senders.
    std::vector<uint256> slots;
    for (uint64_t s = 0; s < kStorageSlotsHarvested; ++s) slots.push_back(uint256(s));
    slots.push_back(kAdminSlot);
    for (const uint256& slot : slots) {
        SUTURE_TRY(w, old_.storage(req_.target, slot));
        if (w == uint256()) continue;
        pool_.add_word(w);
        if (w.bit_width() > 160) continue;
        const Address a = to_address(w);
        SUTURE_TRY(acc, old_.account(a));
        if (acc && acc->code_hash == evm::kEmptyCodeHash) add_sender(a);
    }
    for (const Address& a : req_.senders) add_sender(a);
    for (const Address& a : senders_) pool_.add_address(a);
    for (evm::OverlayBackend* st : {&old_, &new_})
        for (const Address& a : senders_) {
            SUTURE_TRY(acc, st->account(a));
            if (!acc || acc->balance < kSenderFunds) SUTURE_CHECK(st->set_balance(a, kSenderFunds));
        }

    for (const abi::AbiEntry& e : req_.abi->entries) {
        if (e.kind != abi::EntryKind::function) continue;
        FuzzFunction f;
        f.entry = &e;
        f.payable = e.state_mutability == "payable";
        f.in_old = code_has_selector(old_code, e.selector());
        functions_.push_back(f);
        selectors_.push_back(e.selector());
        std::vector<abi::AbiType> types;
        for (const auto& p : e.inputs) types.push_back(p.type);
        input_types_.push_back(std::move(types));
    }
    if (functions_.empty()) return input_error("the new implementation's ABI has no functions to call");

    for (const std::string& text : req_.invariants) {
        SUTURE_TRY(inv, parse_invariant(text, *req_.abi));
        invariants_.push_back(std::move(inv));
    }
    if (!req_.checker_init_code.empty()) {
        std::optional<Address> at;
        for (evm::OverlayBackend* st : {&old_, &new_}) {
            evm::CallRequest create;
            create.from = checker_deployer();
            create.data = req_.checker_init_code;
            SUTURE_TRY(r, evm::execute_call(*st, req_.revision, block, create));
            if (r.receipt.status != evm::StatusCode::success || !r.receipt.created)
                return input_error("the invariant contract's constructor " +
                                   (r.receipt.status == evm::StatusCode::revert ? "reverted " + describe_revert_data(r.receipt.output, req_.abis)
                                                                                 : std::string("failed")));
            st->apply(r.diff);
            if (at && *at != *r.receipt.created) return internal_error("the invariant contract landed at two addresses");
            at = r.receipt.created;
        }
        for (const abi::AbiEntry& e : req_.checker_abi->entries)
            if (e.kind == abi::EntryKind::function && e.name.rfind("invariant", 0) == 0 && e.inputs.empty())
                invariants_.push_back(solidity_invariant(*at, e));
    }
    if (!req_.compare && invariants_.empty()) return usage_error("no invariants to check (--invariant or --invariant-contract)");

    res.functions = functions_;
    res.senders = senders_;
    for (const Invariant& i : invariants_) res.invariants.push_back(i.text);
    res.pool_words = pool_.words.size();
    old_snap_ = old_.snapshot();
    new_snap_ = new_.snapshot();
    return {};
}

void Campaign::encode(FuzzCall& c) const {
    // Selector and types once per function (keccak per call shows in profiles).
    const abi::Selector& s = selectors_[c.function];
    auto args = abi::encode(input_types_[c.function], c.args);
    c.calldata.assign(s.begin(), s.end());
    if (args) c.calldata.insert(c.calldata.end(), args.value().begin(), args.value().end());
}

FuzzCall Campaign::random_call(FuzzValues& values, std::optional<size_t> function) {
    FuzzCall c;
    c.function = function ? *function : size_t(values.below(functions_.size()));
    const FuzzFunction& f = functions_[c.function];
    c.sender = senders_[values.below(senders_.size())];
    if (f.payable) {
        switch (values.below(4)) {
        case 0: break;
        case 1: c.value = uint256(1 + values.below(1000)); break;
        case 2: c.value = uint256(1 + values.below(100)) * uint256(10'000'000'000'000'000ull); break;
        default: {
            const auto v = values.value(abi::AbiType::uint(256)).as_uint();
            c.value = v % kMaxValue;
        }
        }
    }
    c.args = values.values(input_types_[c.function]);
    encode(c);
    return c;
}

Result<TxEffects> Campaign::exec(evm::OverlayBackend& state, const FuzzCall& c, evm::CallInspector* inspector,
                                 evm::Tracer* tracer) {
    evm::CallRequest call;
    call.from = c.sender;
    call.to = req_.target;
    call.data = c.calldata;
    call.value = c.value;
    call.gas = kCallGas;
    evm::ExecOptions opts;
    opts.analysis = &analysis_;
    opts.inspector = inspector;
    opts.tracer = tracer;
    SUTURE_TRY(outcome, evm::execute_call(state, req_.revision, req_.block, call, opts));
    evm::Transaction tx;  // what measure_effects reads: the sender and the fee fields (all zero here)
    tx.sender = c.sender;
    tx.to = req_.target;
    tx.value = c.value;
    SUTURE_TRY(effects, measure_effects(state, req_.block, tx, outcome));
    state.apply(outcome.diff);
    return effects;
}

Result<std::optional<StepEvent>> Campaign::play(std::vector<FuzzCall>& calls, TouchRecorder* old_rec,
                                                TouchRecorder* new_rec, CoverageTracer* coverage) {
    reset();
    bool diverged = false;
    for (size_t i = 0; i < calls.size(); ++i) {
        FuzzCall& c = calls[i];
        const FuzzFunction& f = functions_[c.function];
        SUTURE_TRY(o, exec(old_, c, old_rec, coverage));
        SUTURE_TRY(n, exec(new_, c, new_rec, coverage));
        ++calls_;
        c.old_success = o.executed && o.status == evm::StatusCode::success;
        c.old_output = o.output;
        if (!f.in_old) {
            ++new_only_;
            diverged = true;
        } else if (req_.compare && !diverged) {
            ++compared_;
            auto items = compare_effects(o, n, req_.abis, f.entry);
            if (!items.empty()) {
                StepEvent ev;
                ev.kind = FuzzFindingKind::difference;
                ev.step = i;
                ev.items = std::move(items);
                ev.old_outcome = describe_outcome(o, req_.abis, f.entry);
                ev.new_outcome = describe_outcome(n, req_.abis, f.entry);
                return std::optional<StepEvent>(std::move(ev));
            }
        }
        for (size_t k = 0; k < invariants_.size(); ++k) {
            SUTURE_TRY(nv, check_invariant(invariants_[k], new_, req_.revision, req_.block, req_.target, req_.abis));
            if (!nv) continue;
            SUTURE_TRY(ov, check_invariant(invariants_[k], old_, req_.revision, req_.block, req_.target, req_.abis));
            StepEvent ev;
            ev.kind = ov ? FuzzFindingKind::already_broken : FuzzFindingKind::broken_by_patch;
            ev.step = i;
            ev.invariant = k;
            ev.new_why = *nv;
            ev.old_why = ov.value_or("");
            ev.old_outcome = describe_outcome(o, req_.abis, f.entry);
            ev.new_outcome = describe_outcome(n, req_.abis, f.entry);
            return std::optional<StepEvent>(std::move(ev));
        }
    }
    return std::optional<StepEvent>();
}

Result<std::vector<FuzzCall>> Campaign::minimize(std::vector<FuzzCall> calls, const StepEvent& event) {
    calls.resize(event.step + 1);
    const std::vector<FuzzCall> original = calls;
    auto still = [&](std::vector<FuzzCall>& candidate) -> Result<bool> {
        SUTURE_TRY(ev, play(candidate));
        return ev && ev->step + 1 == candidate.size() && ev->same_as(event, candidate, original);
    };
    // Shortest sequence: drop each earlier call while the finding remains.
    for (size_t i = 0; i + 1 < calls.size();) {
        std::vector<FuzzCall> shorter = calls;
        shorter.erase(shorter.begin() + long(i));
        SUTURE_TRY(ok, still(shorter));
        if (ok) calls = std::move(shorter);
        else ++i;
    }
    // Simplest arguments and value.
    for (size_t i = 0; i < calls.size(); ++i) {
        const abi::AbiEntry& e = *functions_[calls[i].function].entry;
        for (size_t a = 0; a < calls[i].args.size(); ++a) {
            const abi::AbiValue simple = simplest_value(e.inputs[a].type);
            if (calls[i].args[a] == simple) continue;
            std::vector<FuzzCall> candidate = calls;
            candidate[i].args[a] = simple;
            encode(candidate[i]);
            SUTURE_TRY(ok, still(candidate));
            if (ok) calls = std::move(candidate);
        }
        if (calls[i].value != uint256()) {
            std::vector<FuzzCall> candidate = calls;
            candidate[i].value = uint256();
            SUTURE_TRY(ok, still(candidate));
            if (ok) calls = std::move(candidate);
        }
    }
    return calls;
}

Status Campaign::describe(FuzzResult& res, std::vector<FuzzCall> calls, const StepEvent& found, size_t found_length) {
    SUTURE_TRY(minimal, minimize(std::move(calls), found));
    TouchRecorder old_rec, new_rec;
    SUTURE_TRY(ev, play(minimal, &old_rec, &new_rec));
    if (!ev) return internal_error("a minimized fuzz reproducer no longer reproduces");
    FuzzFinding f;
    f.kind = ev->kind;
    f.calls = minimal;
    f.function = functions_[minimal.back().function].entry->canonical();
    f.items = ev->items;
    if (ev->kind != FuzzFindingKind::difference) f.invariant = invariants_[ev->invariant].text;
    f.old_why = ev->old_why;
    f.new_why = ev->new_why;
    f.old_outcome = ev->old_outcome;
    f.new_outcome = ev->new_outcome;
    f.found_length = found_length;
    f.install = install_;
    for (const auto& [a, s] : old_rec.slots)
        if (a == req_.target)
            for (const uint256& k : s) {
                SUTURE_TRY(v, old_.storage(a, k));
                f.old_final_slots.emplace_back(k, v);
            }
    // The state both runs started from, where they looked.
    reset();
    std::set<Address> accounts = old_rec.accounts;
    accounts.insert(new_rec.accounts.begin(), new_rec.accounts.end());
    std::map<Address, std::set<uint256>> slots = old_rec.slots;
    for (const auto& [a, s] : new_rec.slots) slots[a].insert(s.begin(), s.end());
    for (const auto& [a, s] : slots) accounts.insert(a);
    for (const Address& a : accounts) {
        if (a == res.new_implementation) continue;  // not in the old state
        if (evm::is_precompile(req_.revision, a)) continue;
        SUTURE_TRY(acc, old_.account(a));
        AccountSnapshot s;
        s.address = a;
        if (acc) {
            s.balance = acc->balance;
            s.nonce = acc->nonce;
        }
        SUTURE_TRY(code, code_of(old_, a));
        s.code = std::move(code);
        if (auto it = slots.find(a); it != slots.end())
            for (const uint256& k : it->second) {
                SUTURE_TRY(v, old_.storage(a, k));
                s.slots.emplace_back(k, v);
            }
        f.prestate.push_back(std::move(s));
    }
    res.findings.push_back(std::move(f));
    return {};
}

// A corpus sequence changed in one place: a call appended, a call's
// arguments drawn again, a call's sender or value changed, or a call dropped.
std::vector<FuzzCall> Campaign::mutate(FuzzValues& values, std::vector<FuzzCall> calls) {
    const size_t i = size_t(values.below(calls.size()));
    switch (values.below(4)) {
    case 0:
        if (calls.size() < req_.depth) {
            calls.push_back(random_call(values, std::nullopt));
            break;
        }
        [[fallthrough]];
    case 1:
        calls[i].args = values.values(input_types_[calls[i].function]);
        encode(calls[i]);
        break;
    case 2: {
        const FuzzCall fresh = random_call(values, calls[i].function);
        calls[i].sender = fresh.sender;
        calls[i].value = fresh.value;
        break;
    }
    default:
        if (calls.size() > 1) calls.erase(calls.begin() + long(i));
        else calls[i] = random_call(values, std::nullopt);
    }
    return calls;
}

Status Campaign::run(FuzzResult& res) {
    FuzzValues values(req_.seed, pool_);
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    std::set<std::tuple<int, size_t, size_t>> seen;  // kind, function, invariant
    uint64_t r = 0;
    for (;; ++r) {
        if (req_.runs && r >= req_.runs) break;
        if (req_.seconds > 0 && (r & 63) == 0 && elapsed() >= req_.seconds) break;
        if (!req_.runs && req_.seconds <= 0) break;
        if (res.findings.size() >= req_.max_findings) break;
        std::vector<FuzzCall> calls;
        if (r < functions_.size()) {
            calls.push_back(random_call(values, r));
        } else if (!corpus_.empty() && values.below(2) == 0) {
            calls = mutate(values, corpus_[values.below(corpus_.size())]);
        } else {
            const size_t n = 1 + size_t(values.below(std::max(1u, req_.depth)));
            for (size_t i = 0; i < n; ++i) calls.push_back(random_call(values, std::nullopt));
        }
        CoverageTracer coverage(covered_);
        SUTURE_TRY(ev, play(calls, nullptr, nullptr, req_.coverage ? &coverage : nullptr));
        if (coverage.fresh && !ev && corpus_.size() < kMaxCorpus) corpus_.push_back(calls);
        if (ev) {
            const auto key = std::make_tuple(int(ev->kind), calls[ev->step].function, ev->invariant);
            if (seen.insert(key).second) {
                const size_t length = ev->step + 1;
                SUTURE_CHECK(describe(res, std::move(calls), *ev, length));
            }
        }
        if (req_.on_progress && (r & 1023) == 0) req_.on_progress({r, calls_, res.findings.size(), elapsed()});
    }
    res.runs = r;
    res.calls = calls_;
    res.compared = compared_;
    res.new_only_calls = new_only_;
    res.coverage_points = covered_.size();
    res.corpus = corpus_.size();
    res.seconds = elapsed();
    return {};
}

std::string call_text(const FuzzCall& c, const FuzzResult& res) {
    const abi::AbiEntry& e = *res.functions[c.function].entry;
    std::string s = e.name + "(";
    for (size_t i = 0; i < c.args.size(); ++i) s += (i ? ", " : "") + abi::format_value(e.inputs[i].type, c.args[i]);
    s += ")";
    if (c.value != uint256()) s += " with " + c.value.to_dec() + " wei";
    return s;
}

}  // namespace

const char* fuzz_finding_kind_name(FuzzFindingKind k) {
    switch (k) {
    case FuzzFindingKind::difference: return "difference";
    case FuzzFindingKind::broken_by_patch: return "invariant-broken-by-patch";
    case FuzzFindingKind::already_broken: return "invariant-already-broken";
    }
    return "difference";
}

bool FuzzResult::passed() const {
    for (const FuzzFinding& f : findings)
        if (f.kind != FuzzFindingKind::already_broken) return false;
    return true;
}

Result<FuzzResult> run_fuzz(evm::StateBackend& base, const FuzzRequest& req) {
    if (!req.abi) return usage_error("fuzz: no ABI for the new implementation");
    if (req.new_init_code.empty()) return usage_error("fuzz: no new code");
    if (!req.checker_init_code.empty() && !req.checker_abi) return usage_error("fuzz: an invariant contract without its ABI");
    FuzzResult res;
    res.target = req.target;
    res.seed = req.seed;
    Campaign c(base, req);
    SUTURE_CHECK(c.setup(res));
    SUTURE_CHECK(c.run(res));
    for (const FuzzFinding& f : res.findings) {
        Finding out;
        std::string seq;
        for (const FuzzCall& call : f.calls) seq += (seq.empty() ? "" : "; ") + call_text(call, res);
        out.location.other = seq;
        switch (f.kind) {
        case FuzzFindingKind::difference: {
            const DiffItem& first = f.items.front();
            out.code = "fuzz-difference";
            out.message = f.function + " by " + to_checksum(f.calls.back().sender) + ": " +
                          (first.what == "outcome" ? "old " + first.old_text + ", new " + first.new_text
                                                   : first.what + ": old " + first.old_text + ", new " + first.new_text);
            if (f.items.size() > 1) out.message += " (and " + std::to_string(f.items.size() - 1) + " more differences)";
            out.hint = "a path the history may never have taken behaves differently on the new code";
            break;
        }
        case FuzzFindingKind::broken_by_patch:
            out.code = "invariant-broken-by-patch";
            out.message = f.invariant + " breaks on the new code after " + f.function + " (" + f.new_why + "); it holds on the old";
            out.hint = "the patch (or a function it adds) breaks this invariant";
            break;
        case FuzzFindingKind::already_broken:
            out.code = "invariant-already-broken";
            out.severity = Severity::warning;
            out.message = f.invariant + " breaks on the old code as well after " + f.function + " (old: " + f.old_why +
                          "; new: " + f.new_why + ")";
            out.hint = "not caused by the patch; the invariant or the old code is wrong";
            break;
        }
        res.report.push_back(std::move(out));
    }
    return res;
}

}  // namespace suture::verify
