#include "upgrade/proxy_view_call.hpp"

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"

namespace suture::upgrade {

Result<std::optional<std::vector<abi::AbiValue>>> view_call(ChainView& view, const Address& to,
                                                            std::string_view signature,
                                                            const std::vector<abi::AbiValue>& args) {
    auto sig = abi::parse_signature(signature);
    if (!sig) return internal_error("inspection signature " + std::string(signature) + ": " + sig.error().message);
    SUTURE_TRY(data, abi::encode_call(*sig, args));
    SUTURE_TRY(r, view.call(to, data));
    if (r.reverted || r.output.empty()) return std::optional<std::vector<abi::AbiValue>>{};
    auto out = abi::decode(sig->output_types(), r.output);
    if (!out) return std::optional<std::vector<abi::AbiValue>>{};
    return std::optional<std::vector<abi::AbiValue>>(std::move(*out));
}

namespace {

template <typename T, typename Get>
Result<std::optional<T>> single(ChainView& view, const Address& to, std::string_view signature,
                                const std::vector<abi::AbiValue>& args, Get get) {
    SUTURE_TRY(r, view_call(view, to, signature, args));
    if (!r || r->size() != 1) return std::optional<T>{};
    return std::optional<T>(get((*r)[0]));
}

}  // namespace

Result<std::optional<Address>> view_address(ChainView& view, const Address& to, std::string_view signature,
                                            const std::vector<abi::AbiValue>& args) {
    return single<Address>(view, to, signature, args, [](const abi::AbiValue& v) { return v.as_address(); });
}
Result<std::optional<uint256>> view_uint(ChainView& view, const Address& to, std::string_view signature,
                                         const std::vector<abi::AbiValue>& args) {
    return single<uint256>(view, to, signature, args, [](const abi::AbiValue& v) { return v.as_uint(); });
}
Result<std::optional<bool>> view_bool(ChainView& view, const Address& to, std::string_view signature,
                                      const std::vector<abi::AbiValue>& args) {
    return single<bool>(view, to, signature, args, [](const abi::AbiValue& v) { return v.as_bool(); });
}
Result<std::optional<std::string>> view_string(ChainView& view, const Address& to, std::string_view signature,
                                               const std::vector<abi::AbiValue>& args) {
    return single<std::string>(view, to, signature, args, [](const abi::AbiValue& v) { return v.as_string(); });
}

}  // namespace suture::upgrade
