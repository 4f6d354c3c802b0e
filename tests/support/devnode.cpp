#include "support/devnode.hpp"

#include <cstdlib>

#include "chain/devnet.hpp"
#include "chain/devnode/state_url.hpp"
#include "support/anvil.hpp"

namespace suture::test {

Result<std::string> anvil_like_state(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return input_error(dir.string() + ": " + ec.message());
    chain::DevnetOptions o;
    o.accounts = 0;
    o.chain_id = Anvil::chain_id;
    for (int i = 0; i < Anvil::dev_account_count; ++i) o.fund.push_back(Anvil::dev_address(i));
    SUTURE_TRY(state, chain::new_devnet(o));
    const std::string file = (dir / "dev.state").string();
    SUTURE_CHECK(chain::save_state_file(file, state));
    return std::string(chain::kStateUrlScheme) + file;
}

Status flush_state(const std::string& url) {
    SUTURE_TRY(node, chain::open_state_node(url.substr(chain::kStateUrlScheme.size())));
    return node->flush();
}

bool test_node_is_state() {
    const char* v = std::getenv("SUTURE_TEST_NODE");
    return v && std::string(v) == "state";
}

}  // namespace suture::test
