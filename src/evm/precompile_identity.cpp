// 0x04 identity: returns its input.
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

uint64_t identity_gas(Revision, BytesView input) { return 15 + 3 * words(input.size()); }

Output identity(Revision, BytesView input) { return result(Bytes(input.begin(), input.end())); }

}  // namespace suture::evm::precompile
