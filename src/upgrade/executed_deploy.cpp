#include "upgrade/executed_deploy.hpp"

#include "core/abi_json.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"
#include "upgrade/executed_samples.hpp"

namespace suture::upgrade {

namespace {

std::string qualified(const solidity::Contract& c) { return c.source + ":" + c.name; }

const solidity::Contract* find_in(const solidity::Build& b, const std::string& source, const std::string& name) {
    for (const auto& c : b.contracts)
        if (c.source == source && c.name == name) return &c;
    return nullptr;
}

}  // namespace

Result<Bytes> Deployer::initcode(const solidity::Build& b, const solidity::Contract& c, DeployAttempt& attempt,
                                 int depth) {
    std::string hex = c.bytecode;
    // Each link reference is a 20-byte placeholder in the creation code
    // (positions checked against the code below).
    for (const auto& ref : c.link_references) {
        Address lib;
        const std::string qualified = ref.qualified();
        auto known = libraries_.find({&b, qualified});
        if (known != libraries_.end()) {
            lib = known->second;
        } else {
            const solidity::Contract* lc = find_in(b, ref.file, ref.library);
            if (!lc) {
                attempt.failure = "linked library " + qualified + " is not in the build";
                attempt.inconclusive = true;
                return Bytes{};
            }
            SUTURE_TRY(la, deploy_at_depth(b, *lc, depth + 1));
            if (!la.address) {
                attempt.failure = "linked library " + qualified + " could not be deployed: " + la.failure;
                attempt.inconclusive = true;
                return Bytes{};
            }
            lib = *la.address;
            libraries_[{&b, qualified}] = lib;
        }
        if (2 * (ref.start + ref.length) > hex.size())
            return input_error(c.where + ": link reference of " + ref.library + " at byte " + std::to_string(ref.start) +
                               " is outside the bytecode");
        hex.replace(2 * ref.start, 40, to_hex(BytesView(lib.bytes.data(), lib.bytes.size()), false));
    }
    SUTURE_TRY(code, from_hex(hex));
    if (const auto* ctor = c.abi.constructor(); ctor && !ctor->inputs.empty()) {
        std::vector<abi::AbiType> types;
        for (const auto& p : ctor->inputs) types.push_back(p.type);
        SUTURE_TRY(args, abi::encode(types, default_args(types, chain_.caller())));
        code.insert(code.end(), args.begin(), args.end());
        attempt.guessed_arguments = true;
    }
    return code;
}

Result<DeployAttempt> Deployer::deploy(const solidity::Build& b, const solidity::Contract& c) {
    return deploy_at_depth(b, c, 0);
}

Result<DeployAttempt> Deployer::deploy_at_depth(const solidity::Build& b, const solidity::Contract& c, int depth) {
    DeployAttempt a;
    if (depth > 8) {
        a.failure = "libraries link each other more than 8 deep";
        a.inconclusive = true;
        return a;
    }
    if (c.bytecode.empty()) {
        a.failure = qualified(c) + " has no creation bytecode in the artifact";
        a.inconclusive = true;
        return a;
    }
    auto code = initcode(b, c, a, depth);
    if (!code.ok()) return std::move(code).error().context(qualified(c) + ": creation bytecode");
    if (!a.failure.empty()) return a;
    SUTURE_TRY(out, chain_.create(std::move(*code)));
    if (out.ok() && out.created) {
        a.address = out.created;
        return a;
    }
    a.failure = "its creation failed (" + out.status_text();
    if (out.status == evm::StatusCode::revert) {
        auto rev = abi::decode_revert(out.output);
        a.failure += rev.ok() ? ": " + rev->description : "";
    }
    a.failure += ")";
    a.inconclusive = a.guessed_arguments;
    if (a.guessed_arguments) a.failure += " with default constructor arguments (zero values, the caller for addresses)";
    return a;
}

}  // namespace suture::upgrade
