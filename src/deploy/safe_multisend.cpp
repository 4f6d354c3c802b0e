#include "deploy/safe_multisend.hpp"

#include <string>

namespace suture::deploy {

Bytes pack_multisend(const std::vector<SafeCall>& calls) {
    Bytes out;
    for (const auto& c : calls) {
        out.push_back(static_cast<uint8_t>(c.operation));
        out.insert(out.end(), c.to.bytes.begin(), c.to.bytes.end());
        auto v = c.value.to_bytes32();
        out.insert(out.end(), v.begin(), v.end());
        auto n = uint256(c.data.size()).to_bytes32();
        out.insert(out.end(), n.begin(), n.end());
        out.insert(out.end(), c.data.begin(), c.data.end());
    }
    return out;
}

Result<std::vector<SafeCall>> unpack_multisend(BytesView packed) {
    constexpr size_t kHeader = 1 + 20 + 32 + 32;
    std::vector<SafeCall> out;
    size_t i = 0;
    while (i < packed.size()) {
        if (packed.size() - i < kHeader)
            return input_error("MultiSend data: entry at byte " + std::to_string(i) + " is truncated (" +
                               std::to_string(packed.size() - i) + " of " + std::to_string(kHeader) +
                               " header bytes)");
        SafeCall c;
        if (packed[i] > 1)
            return input_error("MultiSend data: entry at byte " + std::to_string(i) + " has operation " +
                               std::to_string(packed[i]) + " (0 call or 1 delegatecall)");
        c.operation = static_cast<SafeOperation>(packed[i]);
        std::copy_n(packed.begin() + i + 1, 20, c.to.bytes.begin());
        c.value = uint256::from_be(packed.data() + i + 21);
        uint256 len = uint256::from_be(packed.data() + i + 53);
        size_t rest = packed.size() - i - kHeader;
        if (!len.fits_u64() || len.low64() > rest)
            return input_error("MultiSend data: entry at byte " + std::to_string(i) + " declares " + len.to_dec() +
                               " data bytes but " + std::to_string(rest) + " remain");
        c.data.assign(packed.begin() + i + kHeader, packed.begin() + i + kHeader + len.low64());
        i += kHeader + len.low64();
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace suture::deploy
