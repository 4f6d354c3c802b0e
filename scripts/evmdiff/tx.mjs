// Signed transactions for the EVM differential test: legacy (EIP-155),
// EIP-2930, EIP-1559 and EIP-7702 set-code transactions, and EIP-7702
// authorizations, encoded by hand so that a case can carry any field value
// (a wrong chain id, a stale nonce, a mangled signature).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { secp256k1 } = require('@noble/curves/secp256k1');
const { keccak_256 } = require('@noble/hashes/sha3');
const rlp = require('rlp');

export const hex = b => '0x' + Buffer.from(b).toString('hex');
export const unhex = s => Uint8Array.from(Buffer.from(s.replace(/^0x/, ''), 'hex'));
export const keccak = b => keccak_256(b);
export const qty = n => '0x' + BigInt(n).toString(16);

// Minimal big-endian bytes of a non-negative integer (RLP's scalar form).
function scalar(n) {
  n = BigInt(n);
  if (n === 0n) return new Uint8Array(0);
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return unhex(h);
}

export function addressOf(key) {
  const pub = secp256k1.getPublicKey(key, false);
  return hex(keccak(pub.slice(1)).slice(12));
}

export function randomKey(rand) {
  for (;;) {
    const k = new Uint8Array(32);
    for (let i = 0; i < 32; ++i) k[i] = rand.int(0, 255);
    try {
      secp256k1.getPublicKey(k);
      return k;
    } catch { /* out of range: draw again */ }
  }
}

const accessList = list => list.map(e => [unhex(e.address), e.keys.map(k => unhex(k))]);

// EIP-7702: an authorization tuple signed over keccak(0x05 || rlp([chain_id, address, nonce])).
// mangle: 'none' | 'bad_s' (s above n/2) | 'bad_y' (y_parity 2) | 'garbage' (r, s not a signature)
export function signAuthorization(key, { chainId, address, nonce, mangle = 'none' }) {
  const msg = new Uint8Array([0x05, ...rlp.encode([scalar(chainId), unhex(address), scalar(nonce)])]);
  const sig = secp256k1.sign(keccak(msg), key, { lowS: true });
  let { r, s } = sig;
  let y = BigInt(sig.recovery);
  if (mangle === 'bad_s') { s = secp256k1.CURVE.n - s; y ^= 1n; }
  if (mangle === 'bad_y') y = 2n;
  if (mangle === 'garbage') { r = 0n; s = 1n; }  // r = 0: no signature (r = s = 1 would recover some fresh account)
  return { chainId: BigInt(chainId), address, nonce: BigInt(nonce), yParity: y, r, s };
}

const authList = list => list.map(a => [scalar(a.chainId), unhex(a.address), scalar(a.nonce), scalar(a.yParity),
                                         scalar(a.r), scalar(a.s)]);

// tx: { type 0|1|2|4, chainId, nonce, gasPrice | maxFee+maxPriorityFee, gas, to (null: create),
//       value, data, accessList [{address, keys}], authorizationList (type 4) }. Returns the raw hex.
export function signTransaction(key, tx) {
  const to = tx.to ? unhex(tx.to) : new Uint8Array(0);
  const common = [scalar(tx.nonce)];
  let fields;
  let prefix = [];
  if (tx.type === 0) {
    fields = [...common, scalar(tx.gasPrice), scalar(tx.gas), to, scalar(tx.value), unhex(tx.data)];
    const sig = secp256k1.sign(keccak(rlp.encode([...fields, scalar(tx.chainId), scalar(0), scalar(0)])), key, { lowS: true });
    const v = BigInt(tx.chainId) * 2n + 35n + BigInt(sig.recovery);
    return hex(rlp.encode([...fields, scalar(v), scalar(sig.r), scalar(sig.s)]));
  }
  if (tx.type === 1) {
    fields = [scalar(tx.chainId), ...common, scalar(tx.gasPrice), scalar(tx.gas), to, scalar(tx.value), unhex(tx.data),
              accessList(tx.accessList)];
  } else {
    fields = [scalar(tx.chainId), ...common, scalar(tx.maxPriorityFee), scalar(tx.maxFee), scalar(tx.gas), to,
              scalar(tx.value), unhex(tx.data), accessList(tx.accessList)];
    if (tx.type === 4) fields.push(authList(tx.authorizationList));
  }
  prefix = [tx.type];
  const sig = secp256k1.sign(keccak(new Uint8Array([...prefix, ...rlp.encode(fields)])), key, { lowS: true });
  return hex(new Uint8Array([...prefix, ...rlp.encode([...fields, scalar(sig.recovery), scalar(sig.r), scalar(sig.s)])]));
}

// CREATE's address: keccak(rlp([sender, nonce]))[12:].
export function createAddress(sender, nonce) {
  return hex(keccak(rlp.encode([unhex(sender), scalar(nonce)])).slice(12));
}
