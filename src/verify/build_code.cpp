#include "verify/build_code.hpp"

#include "core/hex.hpp"
#include "verify/implementation_override.hpp"

namespace suture::verify {

Result<Bytes> creation_code(const solidity::Contract& c) {
    if (!c.link_references.empty())
        return unsupported_error(c.name + " needs linked libraries, which the verification gates do not deploy");
    auto code = from_hex(c.bytecode);
    if (!code) return std::move(code).error().context(c.where);
    if (code.value().empty()) return input_error(c.name + " has no creation code (an interface or abstract contract?)");
    return std::move(code.value());
}

CodeInstaller implementation_installer(const Address& proxy, evm::Revision rev, Bytes init_code) {
    return [proxy, rev, code = std::move(init_code)](evm::OverlayBackend& state, const evm::BlockEnv& block) -> Status {
        NewImplementation impl;
        impl.init_code = code;
        SUTURE_TRY(done, override_implementation(state, block, rev, proxy, impl));
        (void)done;
        return {};
    };
}

}  // namespace suture::verify
