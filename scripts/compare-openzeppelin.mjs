#!/usr/bin/env node
// Runs OpenZeppelin's upgrade-safety validator (@openzeppelin/upgrades-core,
// loaded once as a library) and `suture check` on every fixture pair of
// tests/fixtures/check/pairs, V2 against V1, and compares the finding codes.
//
// OpenZeppelin's side follows the code path of `npx @openzeppelin/upgrades-core
// validate <build-info dir> --contract V2 --reference V1`: the build-info folder
// is validated once, then each pair gets the CLI's per-contract report (proxy
// kind inferred as the CLI does). Its codes are the error kinds of that report,
// the storage operations it explains (a `layoutchange` only when it is the
// first operation, as its explain() prints it) and the findings it turns into
// warnings (`incorrect-initializer-order`), which it logs instead of returning.
// Suture's codes are its unsuppressed findings (`suture --json check`), errors
// and warnings alike; annotation-allowed findings are left out on both sides.
//
// Every difference must be listed in the expectations file: codes of Suture's
// own checks (OpenZeppelin has no such kind; "exec-*" names a family) under "suture_own_codes", and
// per-pair differences under "pairs" with the reason. The run fails on a
// difference not listed there, on a listed one that no longer occurs, and on a
// listed pair that does not exist (unless marked "pending").
//
// Usage: node scripts/compare-openzeppelin.mjs [--build DIR] [--suture BIN] [--expected FILE] [--json]
//   --build     CMake build dir holding fixtures/check/build-info/pairs.json (default: build)
//   --suture    the suture binary (default: <build>/suture)
//   --expected  expectations file (default: tests/fixtures/check/openzeppelin-expected.json)
//   --json      print the per-pair results as JSON instead of the table
// Exit: 0 all differences expected, 1 unexpected or stale differences, 2 usage/input error,
// 77 @openzeppelin/upgrades-core not installed (CTest skips).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const a = { build: path.join(repo, 'build'), expected: path.join(repo, 'tests/fixtures/check/openzeppelin-expected.json'), json: false };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (['--build', '--expected', '--suture'].includes(k) && i + 1 < argv.length) a[k.slice(2)] = path.resolve(argv[++i]);
    else usage(`unknown argument "${k}"`);
  }
  return a;
}

function usage(msg) {
  console.error(`compare-openzeppelin: ${msg}`);
  process.exit(2);
}

// The pair manifest, as tests/upgrade/check_fixture.cpp reads it.
function readManifest(pairsDir, name) {
  const text = readFileSync(path.join(pairsDir, `${name}.sol`), 'utf8');
  const words = re => (text.match(re)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const options = Object.fromEntries(words(/^\/\/ options:(.*)$/m).map(kv => kv.split('=')));
  return { name, source: `pairs/${name}.sol`, expect: words(/^\/\/ expect:(.*)$/m).sort(), options };
}

// OpenZeppelin's validator: the build-info folder validated once; a report per pair.
function loadOpenZeppelin() {
  const req = createRequire(path.join(repo, 'package.json'));
  let core;
  try {
    core = req('@openzeppelin/upgrades-core');
  } catch {
    console.error('compare-openzeppelin: @openzeppelin/upgrades-core is not installed (run scripts/setup.sh)');
    process.exit(77);
  }
  const dist = path.dirname(req.resolve('@openzeppelin/upgrades-core'));
  const lib = f => req(path.join(dist, f));
  const mods = {
    core,
    validations: lib('cli/validate/validations.js'),
    safety: lib('cli/validate/validate-upgrade-safety.js'),
    reports: lib('cli/validate/contract-report.js'),
    overrides: lib('validate/overrides.js'),
    run: lib('validate/run.js'),
    version: req(path.join(path.dirname(dist), 'package.json')).version,
  };
  // Findings OpenZeppelin demotes to warnings are logged and dropped inside
  // processExceptions; record their kinds before it drops them.
  const warned = [];
  const process_ = mods.overrides.processExceptions;
  mods.overrides.processExceptions = (name, errors, opts) => {
    const unsafeAllow = opts.unsafeAllow ?? [];
    for (const e of errors)
      if (mods.run.convertToWarnings.includes(e.kind) && !unsafeAllow.includes(e.kind)) warned.push(e.kind);
    return process_(name, errors, opts);
  };
  mods.warned = warned;
  return mods;
}

// The build-info is read as the CLI reads a folder of them (getBuildInfoFiles);
// scripts/solc-compile.mjs --format hardhat lists every source in its input, as
// Hardhat does and as the validator needs. Each pair is validated as a project of its own (its file and the files outside
// pairs/ it imports): the validator refuses a whole build when one contract in
// it is malformed (namespace_collision), which would hide every other pair.
function openZeppelinValidator(oz, buildInfoFile) {
  const doc = JSON.parse(readFileSync(buildInfoFile, 'utf8'));
  const missing = Object.keys(doc.output.sources ?? {}).filter(u => doc.input.sources[u]?.content === undefined);
  if (missing.length)
    usage(`${buildInfoFile}: input.sources lacks ${missing.length} compiled sources (${missing[0]}, ...); ` +
          'rebuild the target check_pairs_hardhat');
  const dirShortName = path.basename(path.dirname(buildInfoFile));
  const opts = oz.safety.withCliDefaults({});
  const shared = Object.entries(doc.output.contracts).filter(([src]) => !src.startsWith('pairs/'));
  return pair => {
    oz.warned.length = 0;
    const quiet = console.error;
    console.error = () => {};  // its warnings; their kinds are in oz.warned
    try {
      const contracts = Object.fromEntries([...shared, [pair.source, doc.output.contracts[pair.source]]]);
      const files = [{ input: doc.input, output: { ...doc.output, contracts }, solcVersion: doc.solcVersion, dirShortName }];
      const found = oz.validations.validateBuildInfoContracts(files);
      const dictionary = { '': found, [dirShortName]: found };
      const specified = oz.safety.findSpecifiedContracts(dictionary, opts, `${pair.source}:V2`, `${pair.source}:V1`);
      const [report] = oz.reports.getContractReports(dictionary, opts, specified);
      const codes = report.standaloneReport.errors.map(e => e.kind);
      const ops = report.storageLayoutReport?.ops ?? [];
      ops.forEach((op, i) => (op.kind !== 'layoutchange' || i === 0) && codes.push(op.kind));
      codes.push(...oz.warned);
      return { codes: [...new Set(codes)].sort() };
    } catch (e) {
      return { codes: ['oz-failed'], error: `OpenZeppelin: ${String(e.message).split('\n')[0]}` };
    } finally {
      console.error = quiet;
    }
  };
}

// `suture --json check` of one pair; resolves to its unsuppressed codes.
function sutureCheck(suture, buildInfoFile, pair) {
  const args = ['--json', 'check', '--old', buildInfoFile, '--old-contract', `${pair.source}:V1`,
                '--new', buildInfoFile, '--new-contract', `${pair.source}:V2`];
  if (pair.options.proxy) args.push('--proxy', pair.options.proxy);
  if (pair.options.facet) args.push('--facet', `${pair.source}:${pair.options.facet}`);
  return new Promise(resolve => {
    const child = spawn(suture, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', d => (out += d));
    child.stderr.setEncoding('utf8').on('data', d => (out += d));
    child.on('error', e => resolve({ codes: ['suture-failed'], error: `suture: ${e.message}` }));
    child.on('close', status => {
      if (status !== 0 && status !== 1)
        return resolve({ codes: ['suture-failed'], error: `suture exited ${status}: ${out.trim().split('\n')[0]}` });
      const report = JSON.parse(out);
      resolve({ codes: [...new Set(report.findings.filter(f => !f.suppressed).map(f => f.code))].sort() });
    });
  });
}

// Runs the jobs (functions returning promises) with at most `width` at a time; results in order.
async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

const minus = (a, b) => a.filter(x => !b.includes(x));
const same = (a, b) => a.length === b.length && a.every(x => b.includes(x));

// Splits a pair's differences into Suture's own codes, listed and unlisted ones.
// A key ending in '*' in suture_own_codes names a family by prefix ("exec-*").
function isOwn(code, own) {
  return Object.keys(own).some(k => (k.endsWith('*') ? code.startsWith(k.slice(0, -1)) : code === k));
}

function classify(pair, oz, suture, expected) {
  const own = expected.suture_own_codes ?? {};
  const sutureOnly = minus(suture.codes, oz.codes);
  const row = {
    pair: pair.name, oz: oz.codes, suture: suture.codes,
    own: sutureOnly.filter(c => isOwn(c, own)),
    sutureOnly: sutureOnly.filter(c => !isOwn(c, own)),
    ozOnly: minus(oz.codes, suture.codes),
    errors: [oz.error, suture.error].filter(Boolean),
  };
  const listed = expected.pairs?.[pair.name];
  const differs = row.sutureOnly.length || row.ozOnly.length;
  if (!differs) row.status = listed ? 'STALE' : row.own.length ? 'agree+own' : 'agree';
  else if (listed && same(listed.suture_only ?? [], row.sutureOnly) && same(listed.oz_only ?? [], row.ozOnly))
    row.status = 'expected';
  else row.status = 'UNEXPECTED';
  row.why = listed?.why ?? '';
  return row;
}

function printTable(rows, oz) {
  const cell = xs => (xs.length ? xs.join(',') : '-');
  const w = [0, 0, 0, 0];
  const lines = rows.map(r => [r.pair, cell(r.oz), cell(r.suture),
    r.status + (r.sutureOnly.length ? ` suture-only:${cell(r.sutureOnly)}` : '') +
      (r.ozOnly.length ? ` oz-only:${cell(r.ozOnly)}` : '') + (r.own.length ? ` suture-own:${cell(r.own)}` : '')]);
  const head = ['pair', `OpenZeppelin ${oz.version}`, 'suture', 'result'];
  for (const l of [head, ...lines]) l.forEach((c, i) => (w[i] = Math.max(w[i], c.length)));
  for (const l of [head, ...lines]) console.log(l.map((c, i) => (i < 3 ? c.padEnd(w[i]) : c)).join('  '));
  for (const r of rows) for (const e of r.errors) console.log(`  ${r.pair}: ${e}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const oz = loadOpenZeppelin();
  const pairsDir = path.join(repo, 'tests/fixtures/check/pairs');
  const buildInfoDir = path.join(args.build, 'fixtures/check/build-info');
  const suture = args.suture ?? path.join(args.build, 'suture');
  for (const f of [suture, path.join(buildInfoDir, 'pairs.json'), args.expected])
    if (!existsSync(f)) usage(`${f} not found (build the targets suture and check_pairs_hardhat)`);
  let expected;
  try {
    expected = JSON.parse(readFileSync(args.expected, 'utf8'));
  } catch (e) {
    usage(`${args.expected}: ${e.message}`);
  }

  const started = performance.now();
  const buildInfo = path.join(buildInfoDir, 'pairs.json');
  const validate = openZeppelinValidator(oz, buildInfo);
  const names = readdirSync(pairsDir).filter(f => f.endsWith('.sol')).map(f => f.slice(0, -4)).sort();
  const pairs = names.map(n => readManifest(pairsDir, n));
  // Suture's processes run on every core while this thread runs OpenZeppelin's
  // validator, yielding between pairs so finished processes are replaced.
  const sutureRuns = pool(pairs.map(p => () => sutureCheck(suture, buildInfo, p)), os.availableParallelism());
  const ozResults = [];
  for (const p of pairs) {
    ozResults.push(validate(p));
    await new Promise(setImmediate);
  }
  const sutureResults = await sutureRuns;
  const rows = pairs.map((p, i) => classify(p, ozResults[i], sutureResults[i], expected));
  // A listed pair missing from the tree fails (a typo or a removed pair), unless
  // marked "pending": listed ahead of a pair that other work is adding.
  const missing = Object.keys(expected.pairs ?? {}).filter(n => !names.includes(n));
  const unknown = missing.filter(n => !expected.pairs[n].pending);

  if (args.json) console.log(JSON.stringify(rows, null, 2));
  else printTable(rows, oz);
  const say = args.json ? console.error : console.log;  // --json: stdout holds only the rows
  const count = s => rows.filter(r => r.status === s).length;
  const bad = rows.filter(r => r.status === 'UNEXPECTED' || r.status === 'STALE');
  say(`\n${rows.length} pairs: ${count('agree')} agree, ${count('agree+own')} agree on OpenZeppelin's codes ` +
              `plus Suture's own checks, ${count('expected')} differ as expected, ${bad.length} unexpected or stale ` +
              `(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (const n of missing)
    say(`expectations list pair "${n}", which does not exist${expected.pairs[n].pending ? ' (pending: ignored)' : ''}`);
  for (const r of bad)
    say(r.status === 'STALE' ? `stale: ${r.pair} is listed as a difference but both agree`
                                     : `unexpected: ${r.pair} suture-only [${r.sutureOnly}] oz-only [${r.ozOnly}]`);
  process.exit(bad.length || unknown.length ? 1 : 0);
}

main().catch(e => usage(e.stack ?? String(e)));
