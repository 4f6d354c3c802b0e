// Shrinks a differing case while the first kind of difference it shows stays:
// drops snippets from every program (halves first, then one at a time), then
// accounts other than the sender and the recipient, pre-set storage slots,
// authorization tuples (one stays), access-list entries and the calldata. Bounded by a
// number of re-runs; returns the smallest case found with its results.
import { emitPrograms } from './cases.mjs';

const kindOf = d => d.replace(/0x[0-9a-f]+/g, 'X').replace(/:.*/, '');

export async function minimizeCase(runner, family, found, budget = 400) {
  const want = kindOf(found.differences[0]);
  let best = found;
  let runs = 0;
  const attempt = async candidate => {
    if (runs++ >= budget) return false;
    emitPrograms(candidate, family);
    const res = await runner.run(candidate);
    if (!res.differences.some(d => kindOf(d) === want)) return false;
    best = { case: candidate, differences: res.differences, anvil: res.anvil, suture: res.suture };
    return true;
  };
  const copy = () => structuredClone(best.case);

  for (let progress = true; progress && runs < budget;) {
    progress = false;
    for (const addr of Object.keys(best.case.programs)) {
      for (let chunk = Math.max(1, best.case.programs[addr].snippets.length >> 1); chunk >= 1; chunk >>= 1) {
        for (let i = 0; i < best.case.programs[addr].snippets.length && runs < budget;) {
          const c = copy();
          c.programs[addr].snippets.splice(i, chunk);
          if (await attempt(c)) progress = true; else i += chunk;
        }
      }
      const c = copy();
      if (c.programs[addr].ending.kind !== 'stop') {
        c.programs[addr].ending.kind = 'stop';
        if (await attempt(c)) progress = true;
      }
    }
    for (const addr of Object.keys(best.case.accounts)) {
      // (not in a set-code case: an authority that stops existing changes the refund rule)
      if (addr !== best.case.sender && addr !== best.case.tx.to && best.case.tx.type !== 4) {
        const c = copy();
        delete c.accounts[addr];
        delete c.programs[addr];
        if (await attempt(c)) { progress = true; continue; }
      }
      for (const slot of Object.keys(best.case.accounts[addr].storage)) {
        const c = copy();
        delete c.accounts[addr].storage[slot];
        if (await attempt(c)) progress = true;
      }
    }
    for (let i = (best.case.tx.authorizationList?.length ?? 0) - 1; i >= 0 && best.case.tx.authorizationList.length > 1; --i) {
      const c = copy();
      c.tx.authorizationList.splice(i, 1);
      if (await attempt(c)) progress = true;
    }
    for (let i = best.case.tx.accessList.length - 1; i >= 0; --i) {
      const c = copy();
      c.tx.accessList.splice(i, 1);
      if (await attempt(c)) progress = true;
    }
    if (best.case.tx.to && best.case.tx.data !== '0x') {
      const c = copy();
      c.tx.data = '0x';
      if (await attempt(c)) progress = true;
    }
  }
  return { ...best, minimized: { runs } };
}
