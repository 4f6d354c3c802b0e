// Shrinks a disagreement to its smallest source: deletes lines (halving chunk
// sizes down to one line) while the case still compiles and the two tools
// still disagree the same way on the same contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { compareUnit } from './compare.mjs';
import { compileOne } from './compile.mjs';
import { ozValidate } from './openzeppelin.mjs';
import { suturePair, sutureWholeBuild } from './suture.mjs';

async function sameDisagreement(u, source, ctx) {
  const c = { family: u.family, index: u.index, file: u.file, source, tags: u.tags };
  const buildInfo = compileOne(c, ctx.repo);
  if (!buildInfo) return false;
  const file = path.join(ctx.work, 'build-info', 'min.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(buildInfo));
  const ozr = ozValidate(ctx.oz, buildInfo, [c])[c.file]?.[u.contract];
  if (!ozr) return false;
  let sr;
  if (u.mode === 'pair') {
    if (!ozr.reference) return false;
    sr = await suturePair(ctx.suture, file, ozr.reference, u.contract);
  } else {
    const all = await sutureWholeBuild(ctx.suture, file);
    sr = all.reports[u.contract] ?? { codes: [], errors: [], missing: all.error ?? 'not checked by suture' };
  }
  return compareUnit(c, u.contract, ozr, sr, ctx.expectations, u.mode).signature === u.signature;
}

export async function minimize(u, ctx) {
  let lines = u.source.split('\n');
  let budget = 400;  // compile + validate runs per disagreement
  for (let size = Math.max(1, lines.length >> 1); size >= 1; size = size >> 1) {
    for (let i = 0; i < lines.length && budget > 0;) {
      const trial = [...lines.slice(0, i), ...lines.slice(i + size)];
      --budget;
      if (await sameDisagreement(u, trial.join('\n'), ctx)) lines = trial;
      else i += size;
    }
  }
  return lines.join('\n');
}
