#include "chain/state_file.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "core/atomic_file.hpp"
#include "chain/binary_codec.hpp"
#include "chain/devnode/history_codec.hpp"
#include "core/keccak.hpp"

namespace suture::chain {
namespace {

constexpr char kMagic[8] = {'S', 'U', 'T', 'S', 'T', 'A', 'T', 'E'};
constexpr uint32_t kNoCode = 0xffffffffu;
using binary::Reader;
using binary::Writer;

}  // namespace

Bytes encode_state_file(const LocalState& state) {
    Writer w;
    w.raw(kMagic, sizeof kMagic);
    const bool with_history =
        !state.history.blocks.empty() && state.history.blocks.back().number == uint64_t(state.block.number);
    w.u32(with_history ? kStateFileVersion : 1);

    const std::string_view rev = evm::revision_name(state.revision);
    w.u8(uint8_t(rev.size()));
    w.raw(rev.data(), rev.size());
    const evm::BlockEnv& b = state.block;
    w.word(b.chain_id);
    w.u64(uint64_t(b.number));
    w.u64(uint64_t(b.timestamp));
    w.u64(uint64_t(b.gas_limit));
    w.word(b.base_fee);
    w.word(b.prev_randao);
    w.raw(b.coinbase.bytes.data(), 20);
    w.u64(b.excess_blob_gas);

    // Accounts and slots in address / key order: one state, one encoding.
    std::vector<const std::pair<const Address, evm::MemoryBackend::Account>*> accounts;
    accounts.reserve(state.accounts.accounts().size());
    for (const auto& entry : state.accounts.accounts()) accounts.push_back(&entry);
    std::sort(accounts.begin(), accounts.end(), [](auto* x, auto* y) { return x->first < y->first; });

    // Each code blob once (many accounts often share one).
    std::unordered_map<Bytes32, uint32_t, Bytes32Hash> code_index;
    std::vector<const evm::MemoryBackend::Account*> code_owners;
    for (auto* a : accounts) {
        if (!a->second.code) continue;
        if (code_index.try_emplace(a->second.code_hash, uint32_t(code_owners.size())).second)
            code_owners.push_back(&a->second);
    }
    w.u32(uint32_t(code_owners.size()));
    for (auto* owner : code_owners) {
        w.raw(owner->code_hash.data(), 32);
        w.u32(uint32_t(owner->code->size()));
        w.raw(owner->code->data(), owner->code->size());
    }

    w.u32(uint32_t(accounts.size()));
    std::vector<std::pair<uint256, uint256>> slots;
    for (auto* a : accounts) {
        const evm::MemoryBackend::Account& acc = a->second;
        w.raw(a->first.bytes.data(), 20);
        w.u64(acc.nonce);
        w.word(acc.balance);
        w.u32(acc.code ? code_index.at(acc.code_hash) : kNoCode);
        slots.assign(acc.storage.begin(), acc.storage.end());
        std::sort(slots.begin(), slots.end());
        w.u32(uint32_t(slots.size()));
        for (const auto& [k, v] : slots) {
            w.word(k);
            w.word(v);
        }
    }
    if (with_history) encode_history(w, state.history);
    const Bytes32 sum = keccak256(w.out);
    w.raw(sum.data(), sum.size());
    return std::move(w.out);
}

Result<LocalState> decode_state_file(BytesView data, const std::string& name) {
    if (data.size() < sizeof kMagic + 4 + 32 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        return input_error(name + ": not a Suture state file (no SUTSTATE header); create one with `suture devnet new`");
    Reader r(data.first(data.size() - 32), name);
    r.bytes(sizeof kMagic);
    const uint32_t version = r.u32();
    if (version != 1 && version != kStateFileVersion)
        return input_error(name + ": state file format version " + std::to_string(version) + ", this build reads 1 and " +
                           std::to_string(kStateFileVersion));
    // The trailer covers every byte before it: a truncated or damaged file
    // fails here, before any field is trusted.
    const Bytes32 sum = keccak256(data.first(data.size() - 32));
    if (std::memcmp(sum.data(), data.data() + data.size() - 32, 32) != 0)
        return input_error(name + ": state file checksum mismatch (the file is truncated or damaged)");

    LocalState s;
    const uint8_t rev_len = r.u8();
    const BytesView rev_name = r.bytes(rev_len);
    if (!r.ok()) return r.truncated("the header");
    auto rev = evm::revision_from_name(std::string_view(reinterpret_cast<const char*>(rev_name.data()), rev_len));
    if (!rev)
        return input_error(name + ": unknown EVM revision '" +
                           std::string(reinterpret_cast<const char*>(rev_name.data()), rev_len) + "'");
    s.revision = *rev;
    evm::BlockEnv& b = s.block;
    b.chain_id = r.word();
    b.number = int64_t(r.u64());
    b.timestamp = int64_t(r.u64());
    b.gas_limit = int64_t(r.u64());
    b.base_fee = r.word();
    b.prev_randao = r.word();
    r.take(b.coinbase.bytes.data(), 20);
    b.excess_blob_gas = r.u64();
    if (!r.ok()) return r.truncated("the header");

    const uint32_t code_count = r.u32();
    std::vector<std::pair<Bytes32, evm::CodePtr>> codes;
    codes.reserve(std::min<size_t>(code_count, r.remaining() / 36));
    for (uint32_t i = 0; i < code_count; ++i) {
        Bytes32 hash;
        r.take(hash.data(), 32);
        const BytesView code = r.bytes(r.u32());
        if (!r.ok()) return r.truncated("code " + std::to_string(i));
        if (code.empty() || keccak256(code) != hash)
            return input_error(name + ": code " + std::to_string(i) + " does not match its hash");
        codes.emplace_back(hash, std::make_shared<const Bytes>(code.begin(), code.end()));
    }

    const uint32_t account_count = r.u32();
    if (!r.ok()) return r.truncated("the account count");
    // The accounts go in through MemoryBackend::apply, which takes each code
    // with its known hash (set_account would hash every copy again).
    evm::StateDiff diff;
    diff.accounts.reserve(std::min<size_t>(account_count, r.remaining() / 88));
    Address prev{};
    for (uint32_t i = 0; i < account_count; ++i) {
        evm::AccountChange c;
        r.take(c.address.bytes.data(), 20);
        c.info.nonce = r.u64();
        c.info.balance = r.word();
        const uint32_t code = r.u32();
        const uint32_t slot_count = r.u32();
        if (!r.ok()) return r.truncated("account " + std::to_string(i));
        if (i > 0 && !(prev < c.address))
            return input_error(name + ": account " + to_checksum(c.address) + " out of order or repeated");
        prev = c.address;
        if (code != kNoCode) {
            if (code >= codes.size())
                return input_error(name + ": account " + to_checksum(c.address) + " names code " +
                                   std::to_string(code) + " of " + std::to_string(codes.size()));
            c.info.code_hash = codes[code].first;
            c.code = codes[code].second;
        }
        c.storage.reserve(std::min<size_t>(slot_count, r.remaining() / 64));
        for (uint32_t k = 0; k < slot_count; ++k) {
            const uint256 key = r.word();
            const uint256 value = r.word();
            if (value) c.storage.emplace_back(key, value);
        }
        if (!r.ok()) return r.truncated("the storage of " + to_checksum(c.address));
        c.info.has_storage = !c.storage.empty();
        diff.accounts.push_back(std::move(c));
    }
    if (version >= 2) {
        SUTURE_CHECK(decode_history(r, s.history, name));
        if (s.history.blocks.empty() || s.history.blocks.back().number != uint64_t(b.number))
            return input_error(name + ": the block history does not end at the state's block " + std::to_string(b.number));
    }
    if (r.remaining() != 0)
        return input_error(name + ": " + std::to_string(r.remaining()) + " unexpected bytes after the " +
                           (version >= 2 ? "block history" : "last account"));
    s.accounts.apply(diff);
    return s;
}

Result<LocalState> load_state_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return input_error(path + ": cannot open the state file");
    Bytes data(static_cast<size_t>(in.tellg()));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!in) return input_error(path + ": read error");
    return decode_state_file(data, path);
}

Status save_state_file(const std::string& path, const LocalState& state) {
    return write_file_atomically(path, encode_state_file(state));
}

}  // namespace suture::chain
