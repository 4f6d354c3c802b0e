// Compares OpenZeppelin's and Suture's verdicts on one contract (or pair).
//
// - Suture's own findings (codes OpenZeppelin has no kind for: ABI diff,
//   initializer-not-disabled, exec-*, ...) are left out of the code comparison;
//   an error among them still counts for Suture's verdict, so they can only make
//   Suture stricter.
// - Storage-layout operations are compared as one group: both report a layout
//   error or neither does. The names of the operations may differ for one error
//   (documented in docs/check-vs-openzeppelin.md: Suture's edit distance and its
//   shrinkgap name the cause, OpenZeppelin's costs and its moved gap the effect).
// - lenient: OpenZeppelin says unsafe, Suture safe. Never explained, except a
//   documented OpenZeppelin false positive (oz_false_positives).
// - stricter: Suture reports an error kind OpenZeppelin does not.
// - kinds: both verdicts agree, the codes do not.
import { readFileSync } from 'node:fs';

const LAYOUT = new Set(['insert', 'delete', 'replace', 'rename', 'typechange', 'layoutchange', 'shrinkgap',
                        'finishgap', 'delete-namespace', 'append']);
// Suture's own codes (docs/check-findings.md): OpenZeppelin has no such kind.
const OWN = ['initializer-not-disabled', 'reinitializer-version', 'uups-upgrade-blocked', 'transparent-selector-clash',
             'diamond-selector-collision', 'eip1967-slot-collision', 'namespace-collision', 'abi-', 'exec-'];
const isOwn = c => OWN.some(o => (o.endsWith('-') ? c.startsWith(o) : c === o));

export function loadExpectations(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`check-differential: ${file}: ${e.message}`);
    process.exit(2);
  }
}

const group = codes => {
  const out = codes.filter(c => !LAYOUT.has(c) && !isOwn(c));
  if (codes.some(c => LAYOUT.has(c))) out.push('layout');
  return [...new Set(out)].sort();
};
const minus = (a, b) => a.filter(x => !b.includes(x));

// An expectation explains a difference when the case carries its tag and the
// difference is within its codes. Only differences where Suture is stricter can be explained.
function explainedBy(c, diff, expectations) {
  const rules = (expectations.explained ?? []).filter(e => (c.tags ?? []).includes(e.tag));
  const sutureOk = diff.sutureOnly.every(code => rules.some(r => (r.suture_only ?? []).includes(code)));
  const ozOk = diff.ozOnly.every(code => rules.some(r => (r.oz_only ?? []).includes(code)));
  return sutureOk && ozOk ? rules.map(r => r.tag) : null;
}

// OpenZeppelin false positives: the expectation's tag is on the case, Suture
// reports nothing there, and OpenZeppelin's extra codes are within the listed
// ones (documented with the reason OpenZeppelin's report is wrong).
function ozFalsePositive(c, diff, expectations) {
  const rules = (expectations.oz_false_positives ?? []).filter(e => (c.tags ?? []).includes(e.tag));
  return rules.length > 0 && diff.sutureOnly.length === 0 &&
         diff.ozOnly.every(code => rules.some(r => r.oz_only.includes(code)));
}

export function compareUnit(c, contract, oz, suture, expectations, mode = 'build') {
  const ozCodes = group(oz.codes);
  const sCodes = group(suture.codes ?? []);
  const sutureUnsafe = (suture.errors ?? []).length > 0;
  const diff = { sutureOnly: minus(sCodes, ozCodes), ozOnly: minus(ozCodes, sCodes) };
  const u = { family: c.family, index: c.index, file: c.file, source: c.source, tags: c.tags, contract, mode };
  u.lenient = oz.unsafe && !sutureUnsafe;
  const sutureErrorKinds = group((suture.errors ?? []).filter(x => !isOwn(x)));
  u.stricter = !oz.unsafe && sutureErrorKinds.length > 0;
  const differs = u.lenient || u.stricter || diff.sutureOnly.length || diff.ozOnly.length || suture.missing;
  if (!differs) u.status = 'agree';
  else if (!u.lenient && !suture.missing && explainedBy(c, diff, expectations)) u.status = 'explained';
  else if (!suture.missing && ozFalsePositive(c, diff, expectations)) u.status = 'explained', u.ozFalsePositive = true;
  else u.status = 'UNEXPLAINED';
  u.summary = { family: c.family, index: c.index, contract, mode, status: u.status, lenient: u.lenient,
                stricter: u.stricter, openzeppelin: { unsafe: oz.unsafe, codes: oz.codes, error: oz.error },
                suture: { unsafe: sutureUnsafe, codes: suture.codes, errors: suture.errors, missing: suture.missing },
                suture_only: diff.sutureOnly, oz_only: diff.ozOnly, tags: c.tags };
  u.signature = `${u.lenient}|${u.stricter}|${diff.sutureOnly}|${diff.ozOnly}`;
  return u;
}

export function explain(u) {
  const s = u.summary;
  return `${u.family} #${u.index} ${u.contract} (${u.mode}): ${u.lenient ? 'LENIENT ' : u.stricter ? 'stricter ' : ''}` +
         `OZ ${s.openzeppelin.unsafe ? 'unsafe' : 'safe'} [${s.openzeppelin.codes}]` +
         `${s.openzeppelin.error ? ` (${s.openzeppelin.error})` : ''}, suture ${s.suture.unsafe ? 'unsafe' : 'safe'} ` +
         `[${s.suture.codes ?? []}]${s.suture.missing ? ` (${s.suture.missing})` : ''}`;
}
