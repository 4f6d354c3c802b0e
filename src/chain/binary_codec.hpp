// The little-endian binary encoding of the state file (docs/state-file.md):
// unsigned integers little-endian, a *word* 32 bytes big-endian. The Reader
// fails once and stays failed when the data ends before a read, so a decoder
// reads a whole record and checks ok() once.
#pragma once

#include <cstring>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::chain::binary {

// Little-endian integers, big-endian 32-byte words (docs/state-file.md).
class Writer {
public:
    void raw(const void* p, size_t n) {
        const auto* b = static_cast<const uint8_t*>(p);
        out.insert(out.end(), b, b + n);
    }
    void u8(uint8_t v) { out.push_back(v); }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
    }
    void u64(uint64_t v) {
        for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
    }
    void word(const uint256& v) {
        const Bytes32 b = v.to_bytes32();
        raw(b.data(), b.size());
    }
    void bytes32(const Bytes32& b) { raw(b.data(), b.size()); }
    void address(const Address& a) { raw(a.bytes.data(), a.bytes.size()); }
    // u32 length, then the bytes.
    void blob(BytesView b) {
        u32(uint32_t(b.size()));
        raw(b.data(), b.size());
    }
    Bytes out;
};

class Reader {
public:
    Reader(BytesView data, const std::string& name) : data_(data), name_(name) {}

    // Each read fails (once, sticky) when the data ends before it.
    bool take(void* p, size_t n) {
        if (!ok_ || data_.size() - pos_ < n) {
            ok_ = false;
            return false;
        }
        std::memcpy(p, data_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    uint8_t u8() {
        uint8_t v = 0;
        take(&v, 1);
        return v;
    }
    uint32_t u32() {
        uint8_t b[4] = {};
        take(b, 4);
        return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
    }
    uint64_t u64() {
        uint8_t b[8] = {};
        take(b, 8);
        uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | b[i];
        return v;
    }
    uint256 word() {
        uint8_t b[32] = {};
        take(b, 32);
        return uint256::from_be(b);
    }
    BytesView bytes(size_t n) {
        if (!ok_ || data_.size() - pos_ < n) {
            ok_ = false;
            return {};
        }
        BytesView v = data_.subspan(pos_, n);
        pos_ += n;
        return v;
    }
    Bytes32 bytes32() {
        Bytes32 b{};
        take(b.data(), b.size());
        return b;
    }
    Address address() {
        Address a;
        take(a.bytes.data(), a.bytes.size());
        return a;
    }
    BytesView blob() { return bytes(u32()); }
    bool ok() const { return ok_; }
    size_t remaining() const { return data_.size() - pos_; }
    Error truncated(const std::string& where) const {
        return input_error(name_ + ": state file truncated in " + where);
    }

private:
    BytesView data_;
    const std::string& name_;
    size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace suture::chain::binary
