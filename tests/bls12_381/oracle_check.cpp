// The C++ side of scripts/bls12-381-oracle.mjs: reads cases with the
// answers @noble/curves gave, one a line on stdin, recomputes each with
// Suture's BLS12-381 code, and prints every disagreement.
//   g1mul P k R      R = k·P (compressed hex; k 32-byte big-endian)
//   g1add P Q R      R = P + Q
//   g2mul / g2add    the same on G2
//   g1dec B R        B decodes (on the curve, in the subgroup) to R, or R = invalid
//   g2dec B R
//   pair P1 Q1 P2 Q2 b   e(P1, Q1)·e(P2, Q2) == 1 is b (0/1)
//   pointeval I r    the 0x0a precompile on input I succeeds (r = ok) or fails (fail)
//   precompile F A I R   the precompile at address A (hex) in fork F (prague, osaka) on
//                    input I (hex, "" written as -) gives output R (hex), "empty" (success
//                    with no output) or "fail" (precompile_failure); shared with
//                    scripts/p256-oracle.mjs
// Exit 0 when every case agrees, 1 otherwise, 2 on a malformed line.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <sstream>
#include <string>

#include "core/hex.hpp"
#include "evm/bls12_381_pairing.hpp"
#include "evm/precompiles.hpp"

using namespace suture;
using namespace suture::evm::bls12_381;

namespace {

Bytes bytes(const std::string& hex) {
    auto r = from_hex(hex);
    if (!r) throw std::runtime_error("bad hex: " + hex);
    return *r;
}

template <typename Pt, size_t N>
std::string encode(const Pt& p) {
    uint8_t out[N];
    encode_compressed(p, out);
    return to_hex(BytesView(out, N), false);
}

template <typename Pt, size_t N>
bool decode_checked(const std::string& hex, Pt& out) {
    const Bytes b = bytes(hex);
    return b.size() == N && decode_compressed(b.data(), out) && in_subgroup(out);
}

void scalar(const std::string& hex, u64 k[4]) {
    const Bytes b = bytes(hex);
    if (b.size() != 32) throw std::runtime_error("scalar is not 32 bytes: " + hex);
    for (int i = 0; i < 4; ++i) {
        k[i] = 0;
        for (int j = 0; j < 8; ++j) k[i] = (k[i] << 8) | b[(3 - i) * 8 + j];
    }
}

template <typename Pt, size_t N>
std::string group_op(const std::string& op, const std::string& a, const std::string& b) {
    using F = decltype(Pt{}.x);
    Pt p;
    if (!decode_checked<Pt, N>(a, p)) return "undecodable first point";
    if (op == "mul") {
        u64 k[4];
        scalar(b, k);
        return encode<Pt, N>(to_affine(point_mul(Jacobian<F>::from(p), k)));
    }
    Pt q;
    if (!decode_checked<Pt, N>(b, q)) return "undecodable second point";
    return encode<Pt, N>(to_affine(point_add(Jacobian<F>::from(p), Jacobian<F>::from(q))));
}

template <typename Pt, size_t N>
std::string decode_case(const std::string& hex) {
    Pt p;
    return decode_checked<Pt, N>(hex, p) ? encode<Pt, N>(p) : "invalid";
}

std::string pair_case(std::istringstream& in) {
    std::string h[4];
    for (auto& s : h) in >> s;
    std::pair<G1, G2> pairs[2];
    if (!decode_checked<G1, 48>(h[0], pairs[0].first) || !decode_checked<G2, 96>(h[1], pairs[0].second) ||
        !decode_checked<G1, 48>(h[2], pairs[1].first) || !decode_checked<G2, 96>(h[3], pairs[1].second)) {
        return "undecodable point";
    }
    return pairing_check(pairs) ? "1" : "0";
}

std::string point_evaluation_case(const std::string& hex) {
    Address addr{};
    addr.bytes[19] = 0x0a;
    const Bytes input = bytes(hex);
    const auto r = evm::run_precompile(evm::Revision::cancun, addr, input, 100000);
    if (!r) return "not a precompile";
    if (r->status == evm::StatusCode::success) return "ok";
    if (r->status == evm::StatusCode::precompile_failure) return "fail";
    return "status " + std::to_string(int(r->status));
}

std::string precompile_case(std::istringstream& in) {
    std::string fork, address, input;
    in >> fork >> address >> input;
    evm::Revision rev;
    if (fork == "prague") rev = evm::Revision::prague;
    else if (fork == "osaka") rev = evm::Revision::osaka;
    else throw std::runtime_error("unknown fork: " + fork);
    const Bytes addr_bytes = bytes(address);
    if (addr_bytes.empty() || addr_bytes.size() > 2) throw std::runtime_error("bad address: " + address);
    Address addr{};
    std::copy(addr_bytes.begin(), addr_bytes.end(), addr.bytes.end() - addr_bytes.size());
    const auto r = evm::run_precompile(rev, addr, input == "-" ? Bytes{} : bytes(input), 100'000'000);
    if (!r) return "not a precompile";
    if (r->status == evm::StatusCode::precompile_failure) return "fail";
    if (r->status != evm::StatusCode::success) return "status " + std::to_string(int(r->status));
    return r->output.empty() ? "empty" : to_hex(r->output, false);
}

}  // namespace

int main() {
    std::string line;
    int total = 0, bad = 0;
    std::map<std::string, int> per_kind;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream in(line);
        std::string kind, a, b, expected, got;
        in >> kind;
        try {
            if (kind == "g1mul" || kind == "g1add") {
                in >> a >> b >> expected;
                got = group_op<G1, 48>(kind.substr(2), a, b);
            } else if (kind == "g2mul" || kind == "g2add") {
                in >> a >> b >> expected;
                got = group_op<G2, 96>(kind.substr(2), a, b);
            } else if (kind == "g1dec") {
                in >> a >> expected;
                got = decode_case<G1, 48>(a);
            } else if (kind == "g2dec") {
                in >> a >> expected;
                got = decode_case<G2, 96>(a);
            } else if (kind == "pair") {
                got = pair_case(in);
                in >> expected;
            } else if (kind == "precompile") {
                got = precompile_case(in);
                in >> expected;
            } else if (kind == "pointeval") {
                in >> a >> expected;
                got = point_evaluation_case(a);
            } else {
                std::cerr << "oracle_check: unknown case kind '" << kind << "'\n";
                return 2;
            }
        } catch (const std::exception& e) {
            std::cerr << "oracle_check: malformed line (" << e.what() << "): " << line << "\n";
            return 2;
        }
        ++total;
        ++per_kind[kind];
        if (got != expected) {
            ++bad;
            std::cout << "MISMATCH " << line << "\n  suture: " << got << "\n";
        }
    }
    std::cout << "oracle: " << total << " cases (";
    bool first = true;
    for (const auto& [k, n] : per_kind) {
        std::cout << (first ? "" : ", ") << k << " " << n;
        first = false;
    }
    std::cout << "), " << bad << " disagreements with @noble/curves\n";
    return bad == 0 && total > 0 ? 0 : 1;
}
