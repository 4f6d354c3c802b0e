// Anvil launcher for integration tests (anvil.hpp).
#include "support/anvil.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cassert>
#include <chrono>
#include <filesystem>
#include <thread>

#include "chain/rpc_client.hpp"

namespace suture::test {

namespace {

// Anvil's default dev keys (mnemonic "test test test test test test test test
// test test test junk", m/44'/60'/0'/0/i), as anvil itself prints them. The
// AnvilTest suite checks each against eth_accounts of a live node.
constexpr const char* kDevKeys[Anvil::dev_account_count] = {
    "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
    "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
    "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
    "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
    "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
};

// A port the kernel considers free right now. Another process may take it
// before anvil binds it; start() retries on that race.
int free_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

void kill_group(pid_t pid) {
    if (pid <= 0) return;
    kill(-pid, SIGTERM);
    for (int i = 0; i < 50; ++i) {  // up to 5 s for a clean exit
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

std::string anvil_path() { return std::string(SUTURE_SOURCE_DIR) + "/node_modules/.bin/anvil"; }

}  // namespace

Anvil::Anvil(pid_t pid, int port) : pid_(pid), port_(port), url_("http://127.0.0.1:" + std::to_string(port)) {}

Anvil::~Anvil() { kill_group(pid_); }

Result<std::unique_ptr<Anvil>> Anvil::start(const AnvilOptions& options) {
    const std::string exe = anvil_path();
    if (access(exe.c_str(), X_OK) != 0)
        return input_error(exe + " not found: run `make setup` to install the pinned npm tools");

    std::string last_error;
    for (int attempt = 0; attempt < 3; ++attempt) {
        int port = free_loopback_port();
        if (port <= 0) return internal_error("no free loopback port");
        std::vector<std::string> args = {exe, "--hardfork", options.hardfork, "--host", "127.0.0.1", "--port",
                                         std::to_string(port), "--silent"};
        args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);

        pid_t pid = fork();
        if (pid < 0) return internal_error("fork failed");
        if (pid == 0) {
            // Own process group, so the destructor can stop anvil and anything it spawns.
            setpgid(0, 0);
            // If the test binary dies without running destructors, take anvil with it.
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            execv(exe.c_str(), argv.data());
            _exit(127);
        }
        setpgid(pid, pid);  // also from the parent: no race with kill(-pid) below
        auto node = std::unique_ptr<Anvil>(new Anvil(pid, port));

        chain::RpcOptions ro;
        ro.max_retries = 0;
        ro.connect_timeout = std::chrono::milliseconds(500);
        ro.request_timeout = std::chrono::milliseconds(2000);
        chain::RpcClient rpc(node->url(), ro);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.startup_timeout_ms);
        bool exited = false;
        while (std::chrono::steady_clock::now() < deadline) {
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                exited = true;
                node->pid_ = -1;  // already reaped
                last_error = "anvil exited during start-up (status " + std::to_string(status) + ")";
                break;
            }
            auto id = rpc.chain_id();
            if (id.ok()) return node;
            last_error = id.error().message;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!exited)  // a hung start is not a port race: give up
            return chain_error("anvil on port " + std::to_string(port) + " did not answer eth_chainId within " +
                               std::to_string(options.startup_timeout_ms) + " ms: " + last_error);
        // Most likely the port was taken between our probe and anvil's bind: retry.
    }
    return chain_error("anvil failed to start 3 times: " + last_error);
}

const char* Anvil::dev_key_hex(int index) {
    assert(index >= 0 && index < dev_account_count);
    return kDevKeys[index];
}

chain::SecretKey Anvil::dev_key(int index) { return chain::SecretKey::from_hex(dev_key_hex(index)).value(); }

Address Anvil::dev_address(int index) { return dev_key(index).address(); }

Anvil* AnvilSuite::node_ = nullptr;
std::string AnvilSuite::start_error_;

void AnvilSuite::SetUpTestSuite() {
    auto n = Anvil::start();
    if (n.ok()) node_ = std::move(*n).release();
    else start_error_ = n.error().message;
}

void AnvilSuite::TearDownTestSuite() {
    delete node_;
    node_ = nullptr;
}

void AnvilSuite::SetUp() {
    ASSERT_NE(node_, nullptr) << "anvil did not start: " << start_error_;
    rpc_ = std::make_unique<chain::RpcClient>(node_->url());
}

}  // namespace suture::test
