// Deploys a contract of a build on the scratch chain: links its external
// libraries (each deployed first, from the same build, recursively) and
// passes default constructor arguments (zero values, the test caller for
// addresses; executed_samples.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "solidity/build.hpp"
#include "upgrade/executed_scratch.hpp"

namespace suture::upgrade {

struct DeployAttempt {
    std::optional<Address> address;  // set when the contract is deployed
    // Why it is not: "the constructor reverted: Error(\"...\")", "linked library
    // L.sol:L is not in the build", ... (empty on success).
    std::string failure;
    // The failure is not the code's fault: constructor arguments were guessed,
    // or a linked library could not be provided.
    bool inconclusive = false;
    bool guessed_arguments = false;  // the constructor takes arguments
};

class Deployer {
public:
    explicit Deployer(ScratchChain& chain) : chain_(chain) {}

    // Input error when the bytecode or its link references are malformed
    // (the message names the contract); otherwise the attempt.
    Result<DeployAttempt> deploy(const solidity::Build& b, const solidity::Contract& c);

    // The creation code with libraries linked and arguments appended; the
    // attempt carries the failure when a library could not be deployed.
    Result<Bytes> initcode(const solidity::Build& b, const solidity::Contract& c, DeployAttempt& attempt, int depth);

private:
    Result<DeployAttempt> deploy_at_depth(const solidity::Build& b, const solidity::Contract& c, int depth);

    ScratchChain& chain_;
    std::map<std::pair<const solidity::Build*, std::string>, Address> libraries_;
};

}  // namespace suture::upgrade
