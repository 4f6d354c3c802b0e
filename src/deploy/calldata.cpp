#include "deploy/calldata.hpp"

#include "core/abi_encode.hpp"

namespace suture::deploy {

Result<Bytes> calldata(std::string_view signature, const std::vector<abi::AbiValue>& args) {
    auto sig = abi::parse_signature(signature);
    if (!sig) return internal_error("call signature " + std::string(signature) + ": " + sig.error().message);
    auto data = abi::encode_call(*sig, args);
    if (!data) return std::move(data).error().context(sig->canonical());
    return data;
}

abi::AbiValue word_value(const Bytes32& w) { return abi::AbiValue(Bytes(w.begin(), w.end())); }

}  // namespace suture::deploy
