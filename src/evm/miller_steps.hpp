// The Miller-loop doubling and addition steps shared by the bn254 and
// BLS12-381 pairings. Both G2s sit on a sextic twist y^2 = x^3 + b' over Fp2;
// untwisting sends the tangent or chord with slope lambda through T to a
// line whose value at P = (xP, yP) has three non-zero coefficients: yP, the
// xP term -lambda·xP, and the constant lambda·xT - yT. Where they sit in
// Fp12 depends on the twist (D-type bn254: w^0, w^1, w^3; M-type BLS12-381,
// after a factor w^3: w^3, w^2, w^0), so each tower's
//   mul_by_line(f, y_term, x_term, constant)
// places them; the steps below compute them, each times a non-zero Fp2
// factor, which the final exponentiation sends to 1.
#pragma once

namespace suture::evm::miller_steps {

// T in homogeneous projective coordinates on the twist (x/z, y/z), so the
// loop needs no inversion. z = 0 is the point at infinity.
template <typename Fp2>
struct TwistPoint {
    Fp2 x, y, z;
};

// f <- f·(tangent at T)(P), T <- 2T. The tangent times 2y·Z^2, using
// y^2 = x^3 + b', has y term 2YZ·yP, x term -3X^2·xP and constant
// Y^2 - 3b'Z^2; the double is (2XY(Y^2 - 9b'Z^2), (Y^2 + 9b'Z^2)^2 - 108 b'^2 Z^4, 8Y^3 Z).
template <typename Fp12, typename Fp2, typename G1>
void double_step(Fp12& f, TwistPoint<Fp2>& t, const G1& p, const Fp2& twist_b) {
    if (t.z.is_zero()) return;
    if (t.y.is_zero()) {  // order two: not in G2, kept only for totality
        t.z = Fp2::zero();
        return;
    }
    const Fp2 xx = square(t.x), yy = square(t.y), zz = square(t.z);
    const Fp2 c = twist_b * zz;
    const Fp2 c3 = dbl(c) + c;
    const Fp2 c9 = dbl(c3) + c3;
    const Fp2 yz = t.y * t.z;
    f = mul_by_line(f, dbl(yz) * p.y, -((dbl(xx) + xx) * p.x), yy - c3);

    const Fp2 cc = square(c);
    const Fp2 cc3 = dbl(cc) + cc;
    const Fp2 cc27 = dbl(dbl(dbl(cc3))) + cc3;  // 9·cc3
    t.x = dbl(t.x * t.y * (yy - c9));
    t.y = square(yy + c9) - dbl(dbl(cc27));
    t.z = dbl(dbl(dbl(yy * yz)));
}

// f <- f·(chord through T and Q)(P), T <- T + Q for affine Q. With
// theta = Y - yQ·Z and lam = X - xQ·Z the chord's slope is theta/lam; the
// line times lam has y term lam·yP, x term -theta·xP and constant
// theta·xQ - lam·yQ.
template <typename Fp12, typename Fp2, typename G1, typename G2>
void add_step(Fp12& f, TwistPoint<Fp2>& t, const G2& q, const G1& p, const Fp2& twist_b) {
    if (t.z.is_zero()) {
        t = {q.x, q.y, Fp2::one()};
        return;
    }
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lam = t.x - q.x * t.z;
    if (lam.is_zero()) {
        if (theta.is_zero()) {
            double_step(f, t, p, twist_b);
        } else {
            t.z = Fp2::zero();  // Q = -T: the vertical line lies in Fp6 and is dropped
        }
        return;
    }
    f = mul_by_line(f, lam * p.y, -(theta * p.x), theta * q.x - lam * q.y);

    const Fp2 l2 = square(lam), l3 = l2 * lam;
    const Fp2 h = square(theta) * t.z - l2 * (t.x + q.x * t.z);
    const Fp2 x3 = h * lam;
    const Fp2 y3 = theta * (t.x * l2 - h) - t.y * l3;
    t.z = l3 * t.z;
    t.x = x3;
    t.y = y3;
}

}  // namespace suture::evm::miller_steps
