// Crafted addresses and ERC-20 Transfer logs for the respond unit tests.
#pragma once

#include <algorithm>

#include "chain/rpc_types.hpp"
#include "core/abi_encode.hpp"

namespace suture::respond::test {

// An address whose 20 bytes are all `b`.
inline Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}

// An address as an indexed topic (left-padded to 32 bytes).
inline Bytes32 address_topic(const Address& a) {
    Bytes32 t{};
    std::copy(a.bytes.begin(), a.bytes.end(), t.begin() + 12);
    return t;
}

// Transfer(from, to, value) emitted by `token`.
inline chain::Log transfer(const Address& token, const Address& from, const Address& to, uint64_t value) {
    chain::Log l;
    l.address = token;
    l.topics = {abi::event_topic("Transfer(address,address,uint256)"), address_topic(from), address_topic(to)};
    l.data = *abi::encode({*abi::parse_type("uint256")}, {uint256(value)});
    return l;
}

}  // namespace suture::respond::test
