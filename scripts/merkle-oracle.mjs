// Oracle for Suture's Merkle tree (src/verify/merkle_tree.hpp): builds
// OpenZeppelin's StandardMerkleTree (@openzeppelin/merkle-tree, pinned in
// package.json) from {"types": [...], "values": [[...], ...]} and writes
// {"root": "0x..", "proofs": [[..], ..]} with proofs in the input's order.
// Usage: node scripts/merkle-oracle.mjs IN.json OUT.json
// Exit 77 when the package is not installed (callers skip).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let StandardMerkleTree;
try {
  ({ StandardMerkleTree } = require('@openzeppelin/merkle-tree'));
} catch {
  console.error('merkle-oracle: @openzeppelin/merkle-tree is not installed (npm ci)');
  process.exit(77);
}
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/merkle-oracle.mjs IN.json OUT.json');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(input, 'utf8'));
const tree = StandardMerkleTree.of(spec.values, spec.types);
const proofs = spec.values.map((_, i) => tree.getProof(i));
writeFileSync(output, JSON.stringify({ root: tree.root, proofs }));
