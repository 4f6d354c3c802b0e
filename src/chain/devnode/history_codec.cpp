#include "chain/devnode/history_codec.hpp"

#include <algorithm>
#include <limits>

#include "core/keccak.hpp"

namespace suture::chain {
namespace {

void encode_tx(binary::Writer& w, const ChainTx& t) {
    const evm::Transaction& tx = t.tx;
    w.bytes32(t.hash);
    w.blob(t.raw);
    w.u64(t.chain_id);
    w.u8(uint8_t(tx.type));
    w.address(tx.sender);
    w.u8(tx.to ? 1 : 0);
    if (tx.to) w.address(*tx.to);
    w.u64(tx.nonce);
    w.word(tx.value);
    w.blob(tx.data);
    w.u64(uint64_t(tx.gas_limit));
    w.word(tx.gas_price);
    w.word(tx.max_fee_per_gas);
    w.word(tx.max_priority_fee_per_gas);
    w.u32(uint32_t(tx.access_list.size()));
    for (const auto& e : tx.access_list) {
        w.address(e.address);
        w.u32(uint32_t(e.keys.size()));
        for (const Bytes32& k : e.keys) w.bytes32(k);
    }
    // EIP-7702: only set-code transactions carry the list (files written
    // before the node took them hold none, so their layout is unchanged).
    if (tx.type != evm::TxType::set_code) return;
    w.u32(uint32_t(tx.authorization_list.size()));
    for (const evm::Authorization& a : tx.authorization_list) {
        w.word(a.chain_id);
        w.address(a.address);
        w.u64(a.nonce);
        w.word(a.y_parity);
        w.word(a.r);
        w.word(a.s);
    }
}

void decode_tx(binary::Reader& r, ChainTx& t) {
    evm::Transaction& tx = t.tx;
    t.hash = r.bytes32();
    const BytesView raw = r.blob();
    t.raw.assign(raw.begin(), raw.end());
    t.chain_id = r.u64();
    tx.type = evm::TxType(r.u8());
    tx.sender = r.address();
    if (r.u8()) tx.to = r.address();
    tx.nonce = r.u64();
    tx.value = r.word();
    const BytesView data = r.blob();
    tx.data.assign(data.begin(), data.end());
    tx.gas_limit = int64_t(std::min<uint64_t>(r.u64(), uint64_t(std::numeric_limits<int64_t>::max())));
    tx.gas_price = r.word();
    tx.max_fee_per_gas = r.word();
    tx.max_priority_fee_per_gas = r.word();
    const uint32_t entries = r.u32();
    for (uint32_t i = 0; i < entries && r.ok(); ++i) {
        evm::AccessListEntry e;
        e.address = r.address();
        const uint32_t keys = r.u32();
        for (uint32_t k = 0; k < keys && r.ok(); ++k) e.keys.push_back(r.bytes32());
        tx.access_list.push_back(std::move(e));
    }
    if (tx.type != evm::TxType::set_code) return;
    const uint32_t authorizations = r.u32();
    for (uint32_t i = 0; i < authorizations && r.ok(); ++i) {
        evm::Authorization a;
        a.chain_id = r.word();
        a.address = r.address();
        a.nonce = r.u64();
        a.y_parity = r.word();
        a.r = r.word();
        a.s = r.word();
        tx.authorization_list.push_back(a);
    }
}

void encode_receipt_fields(binary::Writer& w, const ChainReceipt& rc) {
    w.u8(rc.success ? 1 : 0);
    w.u64(rc.gas_used);
    w.u64(rc.cumulative_gas_used);
    w.word(rc.effective_gas_price);
    w.u8(rc.contract_address ? 1 : 0);
    if (rc.contract_address) w.address(*rc.contract_address);
    w.u32(uint32_t(rc.logs.size()));
    for (const evm::Log& l : rc.logs) {
        w.address(l.address);
        w.u8(uint8_t(l.topics.size()));
        for (const Bytes32& t : l.topics) w.bytes32(t);
        w.blob(l.data);
    }
}

void decode_receipt_fields(binary::Reader& r, ChainReceipt& rc) {
    rc.success = r.u8() != 0;
    rc.gas_used = r.u64();
    rc.cumulative_gas_used = r.u64();
    rc.effective_gas_price = r.word();
    if (r.u8()) rc.contract_address = r.address();
    const uint32_t logs = r.u32();
    for (uint32_t i = 0; i < logs && r.ok(); ++i) {
        evm::Log l;
        l.address = r.address();
        const uint8_t topics = r.u8();
        for (uint8_t k = 0; k < topics && r.ok(); ++k) l.topics.push_back(r.bytes32());
        const BytesView data = r.blob();
        l.data.assign(data.begin(), data.end());
        rc.logs.push_back(std::move(l));
    }
}

void encode_undo(binary::Writer& w, const AccountUndo& u) {
    w.address(u.address);
    w.u8(u.info ? 1 : 0);
    if (u.info) {
        w.u64(u.info->nonce);
        w.word(u.info->balance);
        w.bytes32(u.info->code_hash);
        w.u8(u.info->has_storage ? 1 : 0);
    }
    w.u8(u.storage_complete ? 1 : 0);
    w.u32(uint32_t(u.storage.size()));
    for (const auto& [k, v] : u.storage) {
        w.word(k);
        w.word(v);
    }
}

void decode_undo(binary::Reader& r, AccountUndo& u) {
    u.address = r.address();
    if (r.u8()) {
        evm::AccountInfo info;
        info.nonce = r.u64();
        info.balance = r.word();
        info.code_hash = r.bytes32();
        info.has_storage = r.u8() != 0;
        u.info = info;
    }
    u.storage_complete = r.u8() != 0;
    const uint32_t slots = r.u32();
    for (uint32_t i = 0; i < slots && r.ok(); ++i) {
        const uint256 k = r.word();
        const uint256 v = r.word();
        u.storage.emplace_back(k, v);
    }
}

}  // namespace

void encode_history(binary::Writer& w, const ChainHistory& h) {
    w.u32(uint32_t(h.blocks.size()));
    for (const ChainBlock& b : h.blocks) {
        w.u64(b.number);
        w.u64(b.timestamp);
        w.u64(b.gas_limit);
        w.u64(b.gas_used);
        w.word(b.base_fee);
        w.bytes32(b.prev_randao);
        w.address(b.coinbase);
        w.u64(b.excess_blob_gas);
        w.u64(b.blob_gas_used);
        w.bytes32(b.parent_hash);
        w.bytes32(b.state_root);
        w.bytes32(b.transactions_root);
        w.bytes32(b.receipts_root);
        w.bytes32(b.hash);
        w.u32(uint32_t(b.txs.size()));
        for (size_t i = 0; i < b.txs.size(); ++i) {
            encode_tx(w, b.txs[i]);
            encode_receipt_fields(w, b.receipts[i]);
        }
        w.u32(uint32_t(b.undo.size()));
        for (const AccountUndo& u : b.undo) encode_undo(w, u);
    }
    w.u32(uint32_t(h.old_codes.size()));
    for (const auto& [hash, code] : h.old_codes) {
        w.bytes32(hash);
        w.blob(*code);
    }
    // EIP-7685: the requests hashes that are not sha256("") follow, as
    // (block number, hash) pairs, only when there is one (a history without
    // requests keeps the layout older builds wrote and read).
    std::vector<const ChainBlock*> with_requests;
    for (const ChainBlock& b : h.blocks)
        if (b.requests_hash != kNoRequestsHash) with_requests.push_back(&b);
    if (with_requests.empty()) return;
    w.u32(uint32_t(with_requests.size()));
    for (const ChainBlock* b : with_requests) {
        w.u64(b->number);
        w.bytes32(b->requests_hash);
    }
}

Status decode_history(binary::Reader& r, ChainHistory& h, const std::string& name) {
    const uint32_t count = r.u32();
    if (!r.ok()) return r.truncated("the block count");
    for (uint32_t i = 0; i < count; ++i) {
        ChainBlock b;
        b.number = r.u64();
        b.timestamp = r.u64();
        b.gas_limit = r.u64();
        b.gas_used = r.u64();
        b.base_fee = r.word();
        b.prev_randao = r.bytes32();
        b.coinbase = r.address();
        b.excess_blob_gas = r.u64();
        b.blob_gas_used = r.u64();
        b.parent_hash = r.bytes32();
        b.state_root = r.bytes32();
        b.transactions_root = r.bytes32();
        b.receipts_root = r.bytes32();
        b.hash = r.bytes32();
        const uint32_t txs = r.u32();
        for (uint32_t t = 0; t < txs && r.ok(); ++t) {
            b.txs.emplace_back();
            decode_tx(r, b.txs.back());
            b.receipts.emplace_back();
            decode_receipt_fields(r, b.receipts.back());
        }
        const uint32_t undo = r.u32();
        for (uint32_t u = 0; u < undo && r.ok(); ++u) {
            b.undo.emplace_back();
            decode_undo(r, b.undo.back());
        }
        const std::string where = "block " + std::to_string(b.number);
        if (!r.ok()) return r.truncated(where);
        if (!h.blocks.empty()) {
            if (b.number != h.blocks.back().number + 1)
                return input_error(name + ": " + where + " follows block " + std::to_string(h.blocks.back().number));
            if (b.parent_hash != h.blocks.back().hash)
                return input_error(name + ": " + where + ": parent hash does not match the block before it");
        }
        for (size_t u = 1; u < b.undo.size(); ++u)
            if (!(b.undo[u - 1].address < b.undo[u].address))
                return input_error(name + ": " + where + ": undo records out of order");
        for (const AccountUndo& u : b.undo)
            for (size_t k = 1; k < u.storage.size(); ++k)
                if (!(u.storage[k - 1].first < u.storage[k].first))
                    return input_error(name + ": " + where + ": undo slots of " + to_checksum(u.address) + " out of order");
        h.blocks.push_back(std::move(b));
    }
    const uint32_t codes = r.u32();
    for (uint32_t i = 0; i < codes && r.ok(); ++i) {
        const Bytes32 hash = r.bytes32();
        const BytesView code = r.blob();
        if (!r.ok()) break;
        if (keccak256(code) != hash) return input_error(name + ": history code " + std::to_string(i) + " does not match its hash");
        h.old_codes.emplace_back(hash, std::make_shared<const Bytes>(code.begin(), code.end()));
    }
    if (!r.ok()) return r.truncated("the history codes");
    if (r.remaining() == 0) return {};
    const uint32_t requests = r.u32();
    for (uint32_t i = 0; i < requests && r.ok(); ++i) {
        const uint64_t number = r.u64();
        const Bytes32 hash = r.bytes32();
        if (!r.ok()) break;
        if (h.blocks.empty() || number < h.blocks.front().number || number > h.blocks.back().number)
            return input_error(name + ": requests hash of block " + std::to_string(number) + ", which the history does not keep");
        h.blocks[number - h.blocks.front().number].requests_hash = hash;
    }
    if (!r.ok()) return r.truncated("the requests hashes");
    return {};
}

}  // namespace suture::chain
