#include "respond/state_reads.hpp"

#include <algorithm>

#include "chain/call_outcome.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::respond {

using json = nlohmann::json;

namespace {

Error unbatched(const char* what) {
    return unsupported_error(std::string("the monitor's state reads do not batch ") + what);
}

}  // namespace

void ReadRecorder::note(StateRead r) {
    if (std::find_if(reads_.begin(), reads_.end(), [&](const StateRead& x) { return x.key() == r.key(); }) == reads_.end())
        reads_.push_back(std::move(r));
}

Result<Bytes> ReadRecorder::code(const Address&) { return unbatched("code reads"); }

Result<Bytes32> ReadRecorder::storage(const Address& account, const Bytes32& slot) {
    note({StateRead::Kind::storage, account, slot, {}});
    return Bytes32{};
}

Result<upgrade::StaticCallResult> ReadRecorder::call(const Address& to, BytesView data) {
    note({StateRead::Kind::call, to, Bytes32{}, Bytes(data.begin(), data.end())});
    return upgrade::StaticCallResult{};
}

Result<std::vector<upgrade::LogEntry>> ReadRecorder::logs(const Address&, const Bytes32&) { return unbatched("logs"); }

StateAtBlock::StateAtBlock(chain::RpcClient& rpc, uint64_t block)
    : block_(block), node_(rpc, chain::BlockTag::number(block)) {}

void StateAtBlock::set(StateRead read, Result<upgrade::StaticCallResult> answer) {
    answers_.insert_or_assign(std::move(read), std::move(answer));
}

Result<Bytes> StateAtBlock::code(const Address& account) { return node_.code(account); }

Result<Bytes32> StateAtBlock::storage(const Address& account, const Bytes32& slot) {
    auto it = answers_.find({StateRead::Kind::storage, account, slot, {}});
    if (it == answers_.end()) return node_.storage(account, slot);
    if (!it->second) return it->second.error();
    Bytes32 v{};
    std::copy_n(it->second->output.begin(), std::min<size_t>(32, it->second->output.size()), v.begin());
    return v;
}

Result<upgrade::StaticCallResult> StateAtBlock::call(const Address& to, BytesView data) {
    auto it = answers_.find({StateRead::Kind::call, to, Bytes32{}, Bytes(data.begin(), data.end())});
    if (it == answers_.end()) return node_.call(to, data);
    return it->second;
}

Result<std::vector<upgrade::LogEntry>> StateAtBlock::logs(const Address& emitter, const Bytes32& topic0) {
    return node_.logs(emitter, topic0);
}

Result<std::vector<std::unique_ptr<StateAtBlock>>> fetch_state_reads(chain::RpcClient& rpc,
                                                                     const std::vector<StateRead>& reads,
                                                                     const std::vector<uint64_t>& blocks) {
    std::vector<std::unique_ptr<StateAtBlock>> out;
    std::vector<chain::RpcCall> calls;
    for (uint64_t n : blocks) {
        out.push_back(std::make_unique<StateAtBlock>(rpc, n));
        const json tag = chain::quantity(n);
        for (const auto& r : reads) {
            if (r.kind == StateRead::Kind::storage) {
                calls.push_back({"eth_getStorageAt", json::array({to_hex(r.account.bytes), to_hex(r.slot), tag})});
            } else {
                chain::CallRequest req;
                req.to = r.account;
                req.data = r.data;
                calls.push_back({"eth_call", json::array({chain::call_object(req), tag})});
            }
        }
    }
    SUTURE_TRY(answers, rpc.batch(calls));
    size_t k = 0;
    for (auto& view : out)
        for (const auto& r : reads) {
            const std::string& method = calls[k].method;
            auto& a = answers[k++];
            auto where = [&] { return method + " at " + rpc.redacted_url() + " (block " + std::to_string(view->block()) + ")"; };
            if (a.error) {
                if (r.kind == StateRead::Kind::call)
                    if (auto rev = chain::revert_outcome(*a.error)) {
                        view->set(r, upgrade::StaticCallResult{true, std::move(rev->output)});
                        continue;
                    }
                view->set(r, chain_error(where() + ": node error " + std::to_string(a.error->code) + ": " + a.error->message));
                continue;
            }
            Result<Bytes> parsed = Bytes{};
            if (r.kind == StateRead::Kind::storage) {
                auto v = chain::parse_bytes32(a.result, "result");
                parsed = v ? Result<Bytes>(Bytes(v->begin(), v->end())) : Result<Bytes>(v.error());
            } else {
                parsed = chain::parse_data(a.result, "result");
            }
            if (!parsed) {
                view->set(r, chain_error(where() + ": " + parsed.error().message));
                continue;
            }
            view->set(r, upgrade::StaticCallResult{false, std::move(*parsed)});
        }
    return out;
}

}  // namespace suture::respond
