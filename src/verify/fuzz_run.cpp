#include "verify/fuzz_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <unordered_set>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/analysis.hpp"
#include "evm/call_inspector.hpp"
#include "evm/precompiles.hpp"
#include "evm/tracer.hpp"
#include "verify/fuzz_compare.hpp"
#include "verify/fuzz_values.hpp"
#include "verify/implementation_override.hpp"

namespace suture::verify {
namespace {

constexpr int64_t kCallGas = 30'000'000;
constexpr size_t kFreshSenders = 3;
constexpr uint64_t kStorageSlotsHarvested = 64;
constexpr size_t kHistoricalSenders = 32;  // the first distinct callers of the history
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
// code's account and pc, shared by both implementations' runs. A run notes
// the keys the campaign had not seen when its round began (`known` is read
// only while runs are in flight); the round's merge adds them in run order,
// and a sequence that brought a new one joins the corpus that later runs
// mutate.
class CoverageTracer final : public evm::Tracer {
public:
    CoverageTracer(const std::unordered_set<uint64_t>& known, std::unordered_set<uint64_t>& reached)
        : known_(known), reached_(reached) {}
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
        if (!known_.count(key)) reached_.insert(key);
    }

private:
    const std::unordered_set<uint64_t>& known_;
    std::unordered_set<uint64_t>& reached_;
    std::vector<uint64_t> frames_;
};

constexpr size_t kMaxCorpus = 1024;

struct StepEvent {
    FuzzFindingKind kind = FuzzFindingKind::difference;
    size_t step = 0;
    size_t invariant = 0;
    std::vector<DiffItem> items;
    std::string old_why, new_why, old_outcome, new_outcome, beyond_bound;
    bool same_as(const StepEvent& o, const std::vector<FuzzCall>& a, const std::vector<FuzzCall>& b) const {
        return kind == o.kind && invariant == o.invariant && a[step].function == b[o.step].function;
    }
};

// The addresses in `v` (nested lists and tuples included) that `out` lacks, appended.
void add_addresses(const abi::AbiValue& v, std::vector<Address>& out) {
    if (const auto* a = std::get_if<Address>(&v.v)) {
        if (std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
    } else if (const auto* l = std::get_if<abi::AbiValue::List>(&v.v)) {
        for (const abi::AbiValue& e : *l) add_addresses(e, out);
    }
}

// One worker's states: the two overlays (old code, new code) at the
// campaign's snapshot, with its own analysis cache and counters. Lane 0 is
// set up over the base; the others are copies of it (an overlay copy shares
// the base and keeps the snapshots), one per thread.
struct Lane {
    explicit Lane(evm::StateBackend& base) : old_state(base), new_state(base) {}
    explicit Lane(const Lane& first)
        : old_state(first.old_state), new_state(first.new_state), old_snap(first.old_snap), new_snap(first.new_snap) {}
    void reset() {
        old_state.revert_to(old_snap);
        new_state.revert_to(new_snap);
    }
    evm::OverlayBackend old_state, new_state;
    evm::OverlayBackend::SnapshotId old_snap = 0, new_snap = 0;
    evm::AnalysisCache analysis;
    std::unordered_set<uint64_t> reached;  // coverage keys of the run in flight
    uint64_t calls = 0, compared = 0, new_only = 0, declared = 0;
};

// What one run did, kept until its round is merged.
struct RunRecord {
    std::vector<FuzzCall> calls;
    std::optional<StepEvent> event;
    std::vector<uint64_t> reached;  // coverage keys unknown when the round began
    std::optional<Error> error;
};

constexpr uint64_t kRoundRuns = 256;                // runs between merges of coverage, corpus and findings
constexpr double kProgressSeconds = 0.1;           // progress cadence

// The runs of a round come in blocks of kBlockRuns consecutive runs, each
// block drawn from its own stream (the campaign's seed and the block's
// index), so what a run draws does not depend on which thread runs it.
// (Seeding a stream costs as much as drawing a call's arguments: one per
// run would show in the profile.)
constexpr uint64_t kBlockRuns = 16;

uint64_t block_seed(uint64_t seed, uint64_t block) {
    uint64_t z = seed + 0x9e3779b97f4a7c15ull * (block + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

class Campaign {
public:
    Campaign(evm::StateBackend& base, const FuzzRequest& req) : req_(req) { lanes_.push_back(std::make_unique<Lane>(base)); }

    Status setup(FuzzResult& res);
    Status run(FuzzResult& res);

private:
    Result<evm::TxOutcome> exec(Lane& lane, evm::OverlayBackend& state, const FuzzCall& c, evm::CallInspector* inspector,
                                evm::Tracer* tracer);
    Result<TxEffects> effects(evm::OverlayBackend& before, const FuzzCall& c, const evm::TxOutcome& outcome) const;
    // Runs `calls` from the snapshot; the first event, if any. Fills each
    // call's old outcome.
    Result<std::optional<StepEvent>> play(Lane& lane, std::vector<FuzzCall>& calls, TouchRecorder* old_rec = nullptr,
                                          TouchRecorder* new_rec = nullptr, CoverageTracer* coverage = nullptr);
    // Run r of the campaign: its sequence drawn (from its block's stream and
    // the corpus as the round began) and played on `lane`.
    RunRecord run_one(Lane& lane, FuzzValues& values, uint64_t r);
    std::vector<FuzzCall> mutate(FuzzValues& values, std::vector<FuzzCall> calls) const;
    FuzzCall random_call(FuzzValues& values, std::optional<size_t> function) const;
    void encode(FuzzCall& c) const;
    Result<std::vector<FuzzCall>> minimize(std::vector<FuzzCall> calls, const StepEvent& event);
    Status describe(FuzzResult& res, std::vector<FuzzCall> calls, const StepEvent& event, size_t found_length);

    const FuzzRequest& req_;
    std::vector<std::unique_ptr<Lane>> lanes_;
    std::vector<FuzzFunction> functions_;
    std::vector<abi::Selector> selectors_;
    std::vector<std::vector<abi::AbiType>> input_types_;
    std::vector<Address> senders_;
    std::vector<Invariant> invariants_;
    bool uses_holders_ = false;
    std::vector<Address> holders_;  // the request's and the senders (a sequence adds its own)
    ValuePool pool_;
    std::vector<AccountSnapshot> install_;
    std::vector<Address> unequal_balances_;  // accounts whose balance installing the new code changed
    std::unordered_set<uint64_t> covered_;
    std::vector<std::vector<FuzzCall>> corpus_;
};

Status Campaign::setup(FuzzResult& res) {
    evm::OverlayBackend& old_state = lanes_[0]->old_state;
    evm::OverlayBackend& new_state = lanes_[0]->new_state;
    const evm::BlockEnv& block = req_.block;
    NewImplementation impl;
    impl.init_code = req_.new_init_code;
    SUTURE_TRY(ov, override_implementation(new_state, block, req_.revision, req_.target, impl));
    res.old_implementation = ov.old_implementation;
    res.new_implementation = ov.new_implementation;
    res.switched = ov.description;
    {
        // What installing changed, for reproducers (accounts and slots written).
        SUTURE_TRY(diff, new_state.net_diff());
        for (const evm::AccountChange& c : diff.accounts) {
            AccountSnapshot s;
            s.address = c.address;
            s.balance = c.info.balance;
            s.nonce = c.info.nonce;
            SUTURE_TRY(code, code_of(new_state, c.address));
            s.code = std::move(code);
            for (const auto& [k, v] : c.storage) s.slots.emplace_back(k, v);
            install_.push_back(std::move(s));
        }
    }
    SUTURE_TRY(old_code, code_of(old_state, ov.old_implementation));
    SUTURE_TRY(new_code, code_of(new_state, ov.new_implementation));
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
        SUTURE_TRY(w, old_state.storage(req_.target, slot));
        if (w == uint256()) continue;
        pool_.add_word(w);
        if (w.bit_width() > 160) continue;
        const Address a = to_address(w);
        SUTURE_TRY(acc, old_state.account(a));
        if (acc && acc->code_hash == evm::kEmptyCodeHash) add_sender(a);
    }
    // Historical calls: their arguments and values are worth trying, their
    // senders are the target's real users.
    size_t historical_senders = 0;
    for (const HistoricalCall& h : req_.history) {
        pool_.harvest_calldata(h.calldata);
        if (h.value != uint256()) pool_.add_number(h.value);
        const bool known = std::find(senders_.begin(), senders_.end(), h.sender) != senders_.end();
        if (!known && historical_senders < kHistoricalSenders) {
            senders_.push_back(h.sender);
            ++historical_senders;
        }
    }
    for (const Address& a : req_.senders) add_sender(a);
    for (const Address& a : senders_) pool_.add_address(a);
    for (evm::OverlayBackend* st : {&old_state, &new_state})
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
        for (evm::OverlayBackend* st : {&old_state, &new_state}) {
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
    for (const Invariant& i : invariants_) uses_holders_ = uses_holders_ || i.uses_holders();
    if (uses_holders_) {
        HolderSet set(req_.holder_cap);
        for (const Address& a : req_.holders) SUTURE_CHECK(set.add(a, "the history"));
        for (const Address& a : senders_) SUTURE_CHECK(set.add(a, "the history and the fuzz senders"));
        holders_ = set.addresses();
    }

    res.functions = functions_;
    res.senders = senders_;
    for (const Invariant& i : invariants_) res.invariants.push_back(i.text);
    res.pool_words = pool_.words.size();
    // Balances the two states start with that differ (installing the new
    // code may have moved ETH): outcomes_match leaves calls touching them to
    // the full comparison.
    for (const AccountSnapshot& a : install_) {
        SUTURE_TRY(o, old_state.account(a.address));
        SUTURE_TRY(n, new_state.account(a.address));
        if ((o ? o->balance : uint256()) != (n ? n->balance : uint256())) unequal_balances_.push_back(a.address);
    }
    lanes_[0]->old_snap = old_state.snapshot();
    lanes_[0]->new_snap = new_state.snapshot();
    return {};
}

void Campaign::encode(FuzzCall& c) const {
    // Selector and types once per function (keccak per call shows in profiles).
    const abi::Selector& s = selectors_[c.function];
    auto args = abi::encode(input_types_[c.function], c.args);
    c.calldata.assign(s.begin(), s.end());
    if (args) c.calldata.insert(c.calldata.end(), args.value().begin(), args.value().end());
}

FuzzCall Campaign::random_call(FuzzValues& values, std::optional<size_t> function) const {
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

Result<evm::TxOutcome> Campaign::exec(Lane& lane, evm::OverlayBackend& state, const FuzzCall& c,
                                      evm::CallInspector* inspector, evm::Tracer* tracer) {
    evm::CallRequest call;
    call.from = c.sender;
    call.to = req_.target;
    call.data = c.calldata;
    call.value = c.value;
    call.gas = kCallGas;
    evm::ExecOptions opts;
    opts.analysis = &lane.analysis;
    opts.inspector = inspector;
    opts.tracer = tracer;
    return evm::execute_call(state, req_.revision, req_.block, call, opts);
}

Result<TxEffects> Campaign::effects(evm::OverlayBackend& before, const FuzzCall& c, const evm::TxOutcome& outcome) const {
    evm::Transaction tx;  // what measure_effects reads: the sender and the fee fields (all zero here)
    tx.sender = c.sender;
    tx.to = req_.target;
    tx.value = c.value;
    return measure_effects(before, req_.block, tx, outcome);
}

// An outcome in the terms describe_outcome reads (status and output).
TxEffects outcome_only(const evm::TxOutcome& o) {
    TxEffects e;
    e.executed = true;
    e.status = o.receipt.status;
    e.output = o.receipt.output;
    return e;
}

Result<std::optional<StepEvent>> Campaign::play(Lane& lane, std::vector<FuzzCall>& calls, TouchRecorder* old_rec,
                                                TouchRecorder* new_rec, CoverageTracer* coverage) {
    lane.reset();
    evm::OverlayBackend& old_state = lane.old_state;
    evm::OverlayBackend& new_state = lane.new_state;
    // The last call's writes matter only to invariants and to reproducers
    // (the final slots); otherwise they are never committed.
    const bool keep_last = !invariants_.empty() || old_rec || new_rec;
    bool diverged = false;
    std::vector<Address> holders = uses_holders_ ? holders_ : std::vector<Address>();
    for (size_t i = 0; i < calls.size(); ++i) {
        FuzzCall& c = calls[i];
        const FuzzFunction& f = functions_[c.function];
        if (uses_holders_)
            for (const abi::AbiValue& v : c.args) add_addresses(v, holders);
        SUTURE_TRY(o, exec(lane, old_state, c, old_rec, coverage));
        SUTURE_TRY(n, exec(lane, new_state, c, new_rec, coverage));
        ++lane.calls;
        c.old_success = o.receipt.status == evm::StatusCode::success;
        c.old_output = o.receipt.output;
        if (!f.in_old) {
            ++lane.new_only;
            diverged = true;
        } else if (req_.compare && !diverged) {
            ++lane.compared;
            SUTURE_TRY(same, outcomes_match(old_state, o, new_state, n, unequal_balances_));
            if (!same) {
                SUTURE_TRY(oe, effects(old_state, c, o));
                SUTURE_TRY(ne, effects(new_state, c, n));
                auto items = compare_effects(oe, ne, req_.abis, f.entry);
                Declaration decl;
                if (!items.empty() && !req_.expected.empty()) {
                    DifferenceFacts facts;
                    facts.called = selectors_[c.function];
                    facts.entered = {selectors_[c.function]};
                    facts.sender = c.sender;
                    facts.old_reverted = o.receipt.status != evm::StatusCode::success;
                    facts.new_reverted = n.receipt.status != evm::StatusCode::success;
                    decl = declare(req_.expected, facts, oe, ne, req_.abis, f.entry);
                }
                if (decl.rule) {
                    ++lane.declared;
                    if (!decl.rule->within) diverged = true;
                } else if (!items.empty()) {
                    StepEvent ev;
                    ev.kind = FuzzFindingKind::difference;
                    ev.step = i;
                    ev.items = std::move(items);
                    ev.beyond_bound = decl.breach_text();
                    ev.old_outcome = describe_outcome(oe, req_.abis, f.entry);
                    ev.new_outcome = describe_outcome(ne, req_.abis, f.entry);
                    if (old_rec) old_state.apply(o.diff);
                    return std::optional<StepEvent>(std::move(ev));
                }
            }
        }
        if (i + 1 == calls.size() && !keep_last) break;
        old_state.apply(o.diff);
        new_state.apply(n.diff);
        for (size_t k = 0; k < invariants_.size(); ++k) {
            SUTURE_TRY(nv, check_invariant(invariants_[k], new_state, req_.revision, req_.block, req_.target, req_.abis, holders));
            if (!nv) continue;
            SUTURE_TRY(ov, check_invariant(invariants_[k], old_state, req_.revision, req_.block, req_.target, req_.abis, holders));
            StepEvent ev;
            ev.kind = ov ? FuzzFindingKind::already_broken : FuzzFindingKind::broken_by_patch;
            ev.step = i;
            ev.invariant = k;
            ev.new_why = *nv;
            ev.old_why = ov.value_or("");
            ev.old_outcome = describe_outcome(outcome_only(o), req_.abis, f.entry);
            ev.new_outcome = describe_outcome(outcome_only(n), req_.abis, f.entry);
            return std::optional<StepEvent>(std::move(ev));
        }
    }
    return std::optional<StepEvent>();
}

Result<std::vector<FuzzCall>> Campaign::minimize(std::vector<FuzzCall> calls, const StepEvent& event) {
    calls.resize(event.step + 1);
    const std::vector<FuzzCall> original = calls;
    auto still = [&](std::vector<FuzzCall>& candidate) -> Result<bool> {
        SUTURE_TRY(ev, play(*lanes_[0], candidate));
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
    Lane& lane = *lanes_[0];
    SUTURE_TRY(ev, play(lane, minimal, &old_rec, &new_rec));
    if (!ev) return internal_error("a minimized fuzz reproducer no longer reproduces");
    FuzzFinding f;
    f.kind = ev->kind;
    f.calls = minimal;
    f.function = functions_[minimal.back().function].entry->canonical();
    f.items = ev->items;
    f.beyond_bound = ev->beyond_bound;
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
                SUTURE_TRY(v, lane.old_state.storage(a, k));
                f.old_final_slots.emplace_back(k, v);
            }
    // The state both runs started from, where they looked.
    lane.reset();
    std::set<Address> accounts = old_rec.accounts;
    accounts.insert(new_rec.accounts.begin(), new_rec.accounts.end());
    std::map<Address, std::set<uint256>> slots = old_rec.slots;
    for (const auto& [a, s] : new_rec.slots) slots[a].insert(s.begin(), s.end());
    for (const auto& [a, s] : slots) accounts.insert(a);
    for (const Address& a : accounts) {
        if (a == res.new_implementation) continue;  // not in the old state
        if (evm::is_precompile(req_.revision, a)) continue;
        SUTURE_TRY(acc, lane.old_state.account(a));
        AccountSnapshot s;
        s.address = a;
        if (acc) {
            s.balance = acc->balance;
            s.nonce = acc->nonce;
        }
        SUTURE_TRY(code, code_of(lane.old_state, a));
        s.code = std::move(code);
        if (auto it = slots.find(a); it != slots.end())
            for (const uint256& k : it->second) {
                SUTURE_TRY(v, lane.old_state.storage(a, k));
                s.slots.emplace_back(k, v);
            }
        f.prestate.push_back(std::move(s));
    }
    res.findings.push_back(std::move(f));
    return {};
}

// A corpus sequence changed in one place: a call appended, a call's
// arguments drawn again, a call's sender or value changed, or a call dropped.
std::vector<FuzzCall> Campaign::mutate(FuzzValues& values, std::vector<FuzzCall> calls) const {
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

RunRecord Campaign::run_one(Lane& lane, FuzzValues& values, uint64_t r) {
    RunRecord rec;
    std::vector<FuzzCall>& calls = rec.calls;
    if (r < functions_.size()) {
        calls.push_back(random_call(values, r));
    } else if (!corpus_.empty() && values.below(2) == 0) {
        calls = mutate(values, corpus_[values.below(corpus_.size())]);
    } else {
        const size_t n = 1 + size_t(values.below(std::max(1u, req_.depth)));
        for (size_t i = 0; i < n; ++i) calls.push_back(random_call(values, std::nullopt));
    }
    lane.reached.clear();
    CoverageTracer coverage(covered_, lane.reached);
    auto ev = play(lane, calls, nullptr, nullptr, req_.coverage ? &coverage : nullptr);
    if (!ev) {
        rec.error = std::move(ev).error();
        return rec;
    }
    rec.event = std::move(ev).value();
    rec.reached.assign(lane.reached.begin(), lane.reached.end());
    std::sort(rec.reached.begin(), rec.reached.end());
    return rec;
}

// Rounds of kRoundRuns runs: block b of a round goes to lane b % lanes (lane
// 0 on this thread, which also reports progress), then the round is merged in run
// order (coverage, corpus, findings minimized on lane 0), so the result
// depends on the seed and the run count only, never on the number of lanes.
Status Campaign::run(FuzzResult& res) {
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    const unsigned jobs = req_.jobs ? req_.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::set<std::tuple<int, size_t, size_t>> seen;  // kind, function, invariant
    std::atomic<uint64_t> runs_done{0}, calls_done{0};
    double last_report = 0;
    auto report = [&](bool force) {
        if (!req_.on_progress) return;
        const double now = elapsed();
        if (!force && now - last_report < kProgressSeconds) return;
        last_report = now;
        req_.on_progress({runs_done.load(), calls_done.load(), res.findings.size(), now, req_.runs});
    };
    report(true);
    uint64_t r0 = 0;
    for (;;) {
        if (req_.runs && r0 >= req_.runs) break;
        if (!req_.runs && req_.seconds <= 0) break;
        if (req_.seconds > 0 && elapsed() >= req_.seconds) break;
        if (res.findings.size() >= req_.max_findings) break;
        const uint64_t n = req_.runs ? std::min(kRoundRuns, req_.runs - r0) : kRoundRuns;
        const size_t lanes = size_t(std::min<uint64_t>(jobs, (n + kBlockRuns - 1) / kBlockRuns));
        while (lanes_.size() < lanes) lanes_.push_back(std::make_unique<Lane>(*lanes_[0]));
        std::vector<RunRecord> records(n);
        const uint64_t blocks = (n + kBlockRuns - 1) / kBlockRuns;
        auto work = [&](size_t lane, bool here) {
            for (uint64_t b = lane; b < blocks; b += lanes) {
                FuzzValues values(block_seed(req_.seed, (r0 / kBlockRuns) + b), pool_);
                for (uint64_t i = b * kBlockRuns; i < std::min(n, (b + 1) * kBlockRuns); ++i) {
                    records[i] = run_one(*lanes_[lane], values, r0 + i);
                    runs_done.fetch_add(1);
                    calls_done.fetch_add(records[i].calls.size());
                    if (here) report(false);
                }
            }
        };
        std::vector<std::thread> threads;
        for (size_t l = 1; l < lanes; ++l) threads.emplace_back(work, l, false);
        work(0, true);
        for (std::thread& t : threads) t.join();

        for (uint64_t i = 0; i < n; ++i) {
            RunRecord& rec = records[i];
            if (rec.error) return std::move(*rec.error);
            bool fresh = false;
            for (uint64_t key : rec.reached) fresh = covered_.insert(key).second || fresh;
            if (fresh && !rec.event && corpus_.size() < kMaxCorpus) corpus_.push_back(rec.calls);
            if (!rec.event || res.findings.size() >= req_.max_findings) continue;
            const StepEvent& ev = *rec.event;
            const auto key = std::make_tuple(int(ev.kind), rec.calls[ev.step].function, ev.invariant);
            if (seen.insert(key).second) SUTURE_CHECK(describe(res, std::move(rec.calls), ev, ev.step + 1));
        }
        r0 += n;
    }
    res.runs = r0;
    for (const auto& lane : lanes_) {
        res.calls += lane->calls;
        res.compared += lane->compared;
        res.new_only_calls += lane->new_only;
        res.declared += lane->declared;
    }
    res.coverage_points = covered_.size();
    res.corpus = corpus_.size();
    res.seconds = elapsed();
    if (req_.on_progress) req_.on_progress({res.runs, res.calls, res.findings.size(), res.seconds, req_.runs});
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
            out.message = f.function + " by " + to_checksum(f.calls.back().sender) + ": ";
            if (!f.beyond_bound.empty()) {
                out.message += f.beyond_bound;
                out.hint = "beyond what the declaration allows: the patch changes this amount more than by rounding";
                break;
            }
            out.message += first.what == "outcome" ? "old " + first.old_text + ", new " + first.new_text
                                                   : first.what + ": old " + first.old_text + ", new " + first.new_text;
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
