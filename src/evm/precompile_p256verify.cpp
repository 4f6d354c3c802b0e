// 0x0100 P256VERIFY (EIP-7951, Osaka): ECDSA verification over secp256r1.
//
// Input (exactly 160 bytes): h ‖ r ‖ s ‖ qx ‖ qy, 32-byte big-endian each.
// Valid when 0 < r < n, 0 < s < n, qx and qy are below p, (qx, qy) is on the
// curve (so not the point at infinity), and R' = (h·s^-1)·G + (r·s^-1)·Q is
// not the point at infinity with R'.x mod n = r. Output: the 32-byte word 1
// when valid; otherwise empty, and the call still succeeds and costs the
// fixed price (it does not consume all gas).
//
// The curve arithmetic is OpenSSL's EC_POINT API (not the deprecated EC_KEY
// ECDSA path), so the check is exactly the EIP's equation.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <memory>

#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

constexpr size_t kInputSize = 160;
constexpr uint64_t kP256VerifyGas = 6900;  // EIP-7951

struct BnCtxFree {
    void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};
struct PointFree {
    void operator()(EC_POINT* p) const { EC_POINT_free(p); }
};
using BnCtx = std::unique_ptr<BN_CTX, BnCtxFree>;
using Point = std::unique_ptr<EC_POINT, PointFree>;

// The curve, its order n and field prime p, created once; read-only after.
struct Curve {
    EC_GROUP* group = nullptr;
    BIGNUM* n = nullptr;
    BIGNUM* p = nullptr;
};

const Curve* curve() {
    static const Curve c = [] {
        Curve r;
        r.group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
        r.n = BN_new();
        r.p = BN_new();
        if (r.group == nullptr || r.n == nullptr || r.p == nullptr ||
            EC_GROUP_get_order(r.group, r.n, nullptr) != 1 ||
            EC_GROUP_get_curve(r.group, r.p, nullptr, nullptr, nullptr) != 1) {
            return Curve{};
        }
        return r;
    }();
    return c.group != nullptr ? &c : nullptr;
}

Output library_failure(const char* step) {
    return {false, {}, std::string("P256VERIFY: OpenSSL failed in ") + step};
}

}  // namespace

uint64_t p256verify_gas(Revision, BytesView) { return kP256VerifyGas; }

Output p256verify(Revision, BytesView input) {
    if (input.size() != kInputSize) return result({});
    const Curve* c = curve();
    if (c == nullptr) return library_failure("creating the curve");
    BnCtx ctx(BN_CTX_new());
    if (!ctx) return library_failure("BN_CTX_new");
    BN_CTX_start(ctx.get());
    struct End {
        BN_CTX* ctx;
        ~End() { BN_CTX_end(ctx); }
    } end{ctx.get()};

    BIGNUM* h = BN_CTX_get(ctx.get());
    BIGNUM* r = BN_CTX_get(ctx.get());
    BIGNUM* s = BN_CTX_get(ctx.get());
    BIGNUM* qx = BN_CTX_get(ctx.get());
    BIGNUM* qy = BN_CTX_get(ctx.get());
    BIGNUM* s_inv = BN_CTX_get(ctx.get());
    BIGNUM* u1 = BN_CTX_get(ctx.get());
    BIGNUM* u2 = BN_CTX_get(ctx.get());
    BIGNUM* rx = BN_CTX_get(ctx.get());
    if (rx == nullptr) return library_failure("BN_CTX_get");
    BIGNUM* words[5] = {h, r, s, qx, qy};
    for (int i = 0; i < 5; ++i) {
        if (BN_bin2bn(input.data() + 32 * i, 32, words[i]) == nullptr) return library_failure("BN_bin2bn");
    }
    // Range checks of the EIP: 0 < r, s < n; qx, qy < p.
    if (BN_is_zero(r) || BN_is_zero(s) || BN_cmp(r, c->n) >= 0 || BN_cmp(s, c->n) >= 0 ||
        BN_cmp(qx, c->p) >= 0 || BN_cmp(qy, c->p) >= 0) {
        return result({});
    }
    Point q(EC_POINT_new(c->group)), big_r(EC_POINT_new(c->group));
    if (!q || !big_r) return library_failure("EC_POINT_new");
    // Setting affine coordinates fails for a point off the curve; (0, 0) is
    // off the curve (b is not zero), so the point at infinity is rejected too.
    if (EC_POINT_set_affine_coordinates(c->group, q.get(), qx, qy, ctx.get()) != 1 ||
        EC_POINT_is_on_curve(c->group, q.get(), ctx.get()) != 1) {
        ERR_clear_error();  // the rejection is an answer, not an error to report later
        return result({});
    }
    if (BN_mod_inverse(s_inv, s, c->n, ctx.get()) == nullptr || BN_mod_mul(u1, h, s_inv, c->n, ctx.get()) != 1 ||
        BN_mod_mul(u2, r, s_inv, c->n, ctx.get()) != 1) {
        return library_failure("computing h/s and r/s");
    }
    if (EC_POINT_mul(c->group, big_r.get(), u1, q.get(), u2, ctx.get()) != 1) return library_failure("EC_POINT_mul");
    if (EC_POINT_is_at_infinity(c->group, big_r.get())) return result({});
    if (EC_POINT_get_affine_coordinates(c->group, big_r.get(), rx, nullptr, ctx.get()) != 1 ||
        BN_nnmod(rx, rx, c->n, ctx.get()) != 1) {
        return library_failure("reading R'");
    }
    if (BN_cmp(rx, r) != 0) return result({});
    Bytes one(32, 0);
    one[31] = 1;
    return result(std::move(one));
}

}  // namespace suture::evm::precompile
