#!/usr/bin/env node
// forge is the oracle for `suture test`: this script runs the pinned forge (offline, solc-js through
// ../shared/tools/solc-js-as-native) on the project's Foundry fixtures and compares `suture test` with it.
//
// Modes (CTest entries in tests/foundry_fixtures.cmake):
//   oracle   --forge BIN --root DIR --out FILE
//       `forge test --json -vv` on the Foundry project DIR, written to FILE. Fails unless every test
//       has the status its name promises (tests named *_bad_*, testFail* and setUp() fail, the others
//       pass; EXCEPTIONS lists the deliberate exceptions), so a forge that behaves differently from the
//       one the suite was written against is noticed here and not blamed on suture.
//   compare  --forge-json FILE --suture BIN --root DIR [--logs]
//       `suture test --root DIR --json` (with -vv under --logs), compared test by test with forge's FILE: every disagreement is
//       printed (contract, test, forge status + reason, suture status + reason) and fails the run; a
//       test only one side reports is a disagreement too. --logs instead compares decoded_logs (what
//       forge prints under "Logs:") of the tests that agree on status, and fails only on those. Exits 77 (CTest: skipped) only while
//       `suture --help` lists no `test` sub-command; once it is listed, any failure is a failure.
//   exploits --forge BIN | --suture BIN, --root DIR
//       each Foundry project DIR/<scenario> with SUTURE_IMPL=V1, V2Fixed, V2Wrong: every test must
//       pass on V1, fail on V2Fixed, pass on V2Wrong (the exploit gate's expected verdicts; forge is
//       checked to give them, then `suture test` must give the same). Prints one line per scenario and
//       version with the runner's wall time. With --suture: 77 while suture has no `test` sub-command.
// Exit: 0 agree, 1 disagreement, 2 usage/input error (bad JSON, forge or suture missing), 77 skipped.
//
// The shape of `forge test --json` (forge 1.7.1), which `suture test --json` reproduces:
//   { "<source path>:<Contract>": {                     e.g. "test/Prank.t.sol:PrankTest"
//       "duration": "1ms 2µs 3ns",
//       "test_results": {
//         "<signature>": {                               e.g. "test_prank_with_origin()", or "setUp()"
//           "status": "Success" | "Failure" | "Skipped",
//           "reason": null | "<revert reason or assertion message>",   (null also for a bare fail())
//           "counterexample": null | {...},               (fuzz tests)
//           "logs": [{"address": "0x..", "topics": ["0x.."], "data": "0x.."}],   only with -vv or more
//           "decoded_logs": ["<console.log / log_* line as forge prints it>"],  only with -vv or more
//           "kind": {"Unit": {"gas": N}} | {"Fuzz": {...}},
//           "traces": [...], "labeled_addresses": {"0x..": "label"}, "duration": "..",
//           "breakpoints": {}, "gas_snapshots": {} } },
//       "warnings": [] } }
// A contract whose setUp() reverts reports only "setUp()" (Failure). A contract with a testFail*
// function reports only its testFail* functions, each a Failure ("`testFail*` has been removed...").
// forge exits 1 when any test fails; the JSON on stdout is complete either way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Tests whose status does not follow from their name, with the reason.
const EXCEPTIONS = {
  // Inherited from an abstract base: passes in CounterFromZeroTest, fails in CounterFromFiveTest.
  'test/Defaults.t.sol:CounterFromFiveTest::test_inherited_starts_at_zero()': 'Failure',
};

function die(msg, code = 2) {
  console.error(`compare-forge-results: ${msg}`);
  process.exit(code);
}

function parseArgs(argv) {
  const mode = argv[0];
  if (!['oracle', 'compare', 'exploits'].includes(mode)) die('first argument must be oracle, compare or exploits');
  const a = { mode, logs: false };
  for (let i = 1; i < argv.length; ++i) {
    const k = argv[i];
    if (k === '--logs') a.logs = true;
    else if (['--forge', '--root', '--out', '--forge-json', '--suture'].includes(k) && i + 1 < argv.length)
      a[k.slice(2).replace('-json', 'Json')] = path.resolve(argv[++i]);
    else die(`unknown argument "${k}"`);
  }
  const need = { oracle: ['forge', 'root', 'out'], compare: ['forgeJson', 'suture', 'root'], exploits: ['root'] }[mode];
  for (const k of need) if (!a[k]) die(`${mode} needs --${k.replace('Json', '-json')}`);
  if (mode === 'exploits' && !a.forge === !a.suture) die('exploits needs one of --forge or --suture');
  return a;
}

// Runs forge with the pinned solc-js and without the variable the suite requires to be unset.
function runForge(forge, root, args, extraEnv = {}) {
  if (!existsSync(forge)) die(`forge not found at ${forge} (run npm ci)`);
  const env = { SOLCJS: path.join(repo, 'node_modules', 'solc'), ...process.env, ...extraEnv };
  delete env.SUTURE_SUITE_UNSET;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(forge, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) die(`forge: ${r.error.message}`);
  return { ...r, seconds };
}

function parseResults(text, who) {
  try {
    const json = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
    for (const [contract, suite] of Object.entries(json))
      if (typeof suite?.test_results !== 'object') throw new Error(`"${contract}" has no test_results object`);
    return json;
  } catch (e) {
    die(`${who} did not print forge-shaped JSON (${e.message}): ${text.slice(0, 300)}`, who === 'suture' ? 1 : 2);
  }
}

// Flattens the JSON into "path:Contract::signature" -> {status, reason, decoded_logs}.
function flatten(json) {
  const m = new Map();
  for (const [contract, suite] of Object.entries(json))
    for (const [sig, r] of Object.entries(suite.test_results))
      m.set(`${contract}::${sig}`, { status: r.status, reason: r.reason ?? null, decodedLogs: r.decoded_logs ?? null });
  return m;
}

function expectedStatus(key) {
  if (key in EXCEPTIONS) return EXCEPTIONS[key];
  const sig = key.split('::')[1];
  return /_bad_|^testFail|^setUp\(\)$/.test(sig) ? 'Failure' : 'Success';
}

function oracle(a) {
  const r = runForge(a.forge, a.root, ['test', '--json', '-vv']);
  if (r.status !== 0 && r.status !== 1) die(`forge test exited ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
  const results = flatten(parseResults(r.stdout, 'forge'));
  if (results.size === 0) die(`forge reported no tests in ${a.root}: ${r.stderr.trim().slice(0, 500)}`);
  writeFileSync(a.out, r.stdout);
  let bad = 0;
  for (const [key, res] of results) {
    if (res.status === expectedStatus(key)) continue;
    ++bad;
    console.log(`UNEXPECTED ${key}: forge says ${res.status} (${res.reason}), the suite expects ${expectedStatus(key)}`);
  }
  const counts = {};
  for (const res of results.values()) counts[res.status] = (counts[res.status] ?? 0) + 1;
  console.log(`forge: ${results.size} tests (${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}) in ${r.seconds.toFixed(2)} s; wrote ${a.out}`);
  if (bad) die(`${bad} test(s) where forge's status is not the one the suite was written for`, 1);
}

// True when `suture --help` lists a `test` sub-command. (`suture test --help` is no test of that:
// with an unknown sub-command it prints the top-level help and exits 0.) Once listed, nothing skips.
function sutureHasTest(suture) {
  const top = spawnSync(suture, ['--help'], { encoding: 'utf8' });
  if (top.error) die(`cannot run ${suture}: ${top.error.message}`);
  if (top.status !== 0) die(`\`${suture} --help\` exited ${top.status}: ${top.stderr.trim().slice(0, 300)}`, 1);
  const subcommands = top.stdout.split(/^Subcommands:$/m)[1] ?? '';
  return /^\s+test(\s|$)/m.test(subcommands);
}

function show(res) {
  return res ? `${res.status}${res.reason === null ? '' : ` (${JSON.stringify(res.reason)})`}` : 'not reported';
}

function compare(a) {
  if (!existsSync(a.suture)) die(`suture not found at ${a.suture}`);
  if (!sutureHasTest(a.suture)) {
    console.log('SKIP: this suture has no `test` sub-command yet (`suture --help` does not list it)');
    process.exit(77);
  }
  const forge = flatten(parseResults(readFileSync(a.forgeJson, 'utf8'), 'forge'));
  const env = { ...process.env };
  delete env.SUTURE_SUITE_UNSET;
  const t0 = process.hrtime.bigint();
  // Logs are in forge's JSON only from -vv on; the oracle ran with -vv.
  const args = ['test', '--root', a.root, '--json', ...(a.logs ? ['-vv'] : [])];
  const r = spawnSync(a.suture, args, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) die(`suture test: ${r.error.message}`, 1);
  // 0: all tests passed, 1: some failed (expected here); anything else is an error of the runner.
  if (r.status !== 0 && r.status !== 1)
    die(`suture test exited ${r.status ?? r.signal}: ${r.stderr.trim().slice(0, 500)}`, 1);
  const suture = flatten(parseResults(r.stdout, 'suture'));

  const keys = [...new Set([...forge.keys(), ...suture.keys()])].sort();
  let disagreements = 0;
  let logDifferences = 0;
  for (const key of keys) {
    const f = forge.get(key);
    const s = suture.get(key);
    const [contract, test] = key.split('::');
    if (!f || !s || f.status !== s.status) {
      ++disagreements;
      // Under --logs a status disagreement is left to the status comparison (its own CTest).
      if (!a.logs) console.log(`DISAGREE ${contract} ${test}\n  forge:  ${show(f)}\n  suture: ${show(s)}`);
      continue;
    }
    if (a.logs && JSON.stringify(f.decodedLogs ?? []) !== JSON.stringify(s.decodedLogs ?? [])) {
      ++logDifferences;
      console.log(`LOGS DIFFER ${contract} ${test}\n  forge:  ${JSON.stringify(f.decodedLogs)}\n  suture: ${JSON.stringify(s.decodedLogs)}`);
    }
  }
  console.log(`${keys.length - disagreements} of ${keys.length} tests agree with forge` +
              (a.logs ? ` on status, ${logDifferences} of them with different logs` : '') +
              ` (suture test: ${seconds.toFixed(2)} s)`);
  if (a.logs ? logDifferences : disagreements) process.exit(1);
}

// The exploit gate's expected verdicts per version (tests/fixtures/exploits/README.md).
const EXPECTED_BY_IMPL = { V1: 'Success', V2Fixed: 'Failure', V2Wrong: 'Success' };

function exploits(a) {
  const scenarios = readdirSync(a.root, { withFileTypes: true })
    .filter(d => d.isDirectory() && existsSync(path.join(a.root, d.name, 'foundry.toml'))).map(d => d.name).sort();
  if (scenarios.length === 0) die(`no Foundry projects under ${a.root}`);
  if (a.suture && !existsSync(a.suture)) die(`suture not found at ${a.suture}`);
  if (a.suture && !sutureHasTest(a.suture)) {
    console.log('SKIP: this suture has no `test` sub-command yet (`suture --help` does not list it)');
    process.exit(77);
  }
  const who = a.suture ? 'suture' : 'forge';
  const run = (dir, impl) => {
    if (!a.suture) return runForge(a.forge, dir, ['test', '--json'], { SUTURE_IMPL: impl });
    const t0 = process.hrtime.bigint();
    const r = spawnSync(a.suture, ['test', '--root', dir, '--json'], {
      env: { ...process.env, SUTURE_IMPL: impl }, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.error) die(`suture test: ${r.error.message}`, 1);
    return { ...r, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  };
  let bad = 0;
  for (const scenario of scenarios) {
    for (const [impl, want] of Object.entries(EXPECTED_BY_IMPL)) {
      const dir = path.join(a.root, scenario);
      const r = run(dir, impl);
      if (r.status !== 0 && r.status !== 1)
        die(`${scenario} ${impl}: ${who} test exited ${r.status ?? r.signal}: ${r.stderr.trim().slice(0, 500)}`, a.suture ? 1 : 2);
      const results = flatten(parseResults(r.stdout, who));
      // forge's results are kept beside the project (forge-<impl>.json); suture must report the same
      // tests (a failing setUp() is no "blocked": the exploit never ran) with the expected status.
      const forgeFile = path.join(dir, `forge-${impl}.json`);
      if (!a.suture) writeFileSync(forgeFile, r.stdout);
      else if (!existsSync(forgeFile)) die(`missing ${forgeFile}: run the exploits mode with --forge first`);
      const forgeKeys = [...flatten(parseResults(readFileSync(forgeFile, 'utf8'), 'forge')).keys()].sort();
      const wrong = [...results].filter(([, res]) => res.status !== want);
      for (const k of forgeKeys) if (!results.has(k)) wrong.push([k, null]);
      for (const k of results.keys()) if (!forgeKeys.includes(k)) wrong.push([k, { status: 'reported, not by forge', reason: null }]);
      if (results.size === 0 || wrong.length) ++bad;
      const detail = wrong.map(([k, res]) => `${k.split('::')[1]} ${show(res)}`).join('; ');
      console.log(`${wrong.length || results.size === 0 ? 'WRONG' : 'ok   '} ${scenario.padEnd(20)} ${impl.padEnd(8)} ` +
                  `${results.size} test(s) ${want === 'Success' ? 'pass (exploit reproduces)' : 'fail (exploit blocked)'}` +
                  ` ${r.seconds.toFixed(2)} s${detail ? `: ${detail}` : ''}`);
    }
  }
  if (bad) die(`${bad} scenario/version run(s) of ${who} without the expected verdict`, 1);
}

const args = parseArgs(process.argv.slice(2));
({ oracle, compare, exploits })[args.mode](args);
