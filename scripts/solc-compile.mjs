#!/usr/bin/env node
// Compiles Solidity sources with the pinned solc-js (node_modules/solc) into a
// solc standard-JSON output file (or a Hardhat build-info file with
// --format hardhat). Used at build time for the project's fixtures and examples.
//
//   node scripts/solc-compile.mjs --out OUT.json [--format solc|hardhat]
//        [--evm-version cancun] [--optimize] [--runs 200] [--remap prefix=path]...
//        [--base DIR] FILE.sol...
//
// Imports resolve against --base, the remappings, and node_modules (so
// "@openzeppelin/contracts/..." works). Fails with a non-zero exit and the
// compiler's messages when any error is reported.
//
// A Hardhat build-info lists every source the compiler read in input.sources,
// imports included (Hardhat resolves imports itself and passes all files), and
// tools such as OpenZeppelin's validator read each one's content from there.
// The files named on the command line go to solc directly and imports come
// through its callback, so the callback records what it served and the
// build-info's input gets those files too.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const solc = require(path.join(root, 'node_modules', 'solc'));

const args = process.argv.slice(2);
let out = null, format = 'solc', evmVersion = 'cancun', optimize = false, runs = 200, base = process.cwd();
const remaps = [], files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--out') out = args[++i];
  else if (a === '--format') format = args[++i];
  else if (a === '--evm-version') evmVersion = args[++i];
  else if (a === '--optimize') optimize = true;
  else if (a === '--runs') runs = Number(args[++i]);
  else if (a === '--remap') remaps.push(args[++i]);
  else if (a === '--base') base = path.resolve(args[++i]);
  else files.push(a);
}
if (!out || files.length === 0) {
  console.error('usage: solc-compile.mjs --out OUT.json [options] FILE.sol...');
  process.exit(2);
}

const remapPairs = remaps.map((r) => { const k = r.indexOf('='); return [r.slice(0, k), r.slice(k + 1)]; });
function resolveImport(p) {
  for (const [prefix, target] of remapPairs)
    if (p.startsWith(prefix)) return path.resolve(base, target + p.slice(prefix.length));
  const candidates = [path.resolve(base, p), path.join(root, 'node_modules', p)];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}
const imported = {};  // source unit name -> content, of every file served through the callback
function findImports(p) {
  const f = resolveImport(p);
  let contents;
  try { contents = fs.readFileSync(f, 'utf8'); } catch { return { error: `file not found: ${p} (looked at ${f})` }; }
  imported[p] = contents;
  return { contents };
}

const sources = {};
for (const f of files) {
  const key = path.relative(base, path.resolve(f)).split(path.sep).join('/');
  sources[key] = { content: fs.readFileSync(f, 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    optimizer: { enabled: optimize, runs },
    outputSelection: {
      '*': {
        '*': ['abi', 'evm.bytecode', 'evm.deployedBytecode', 'evm.methodIdentifiers', 'storageLayout', 'metadata', 'devdoc', 'userdoc'],
        '': ['ast'],
      },
    },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage ?? e.message);
  process.exit(1);
}
let doc = output;
if (format === 'hardhat') {
  const long = solc.version();
  const all = { ...sources };
  for (const [unit, content] of Object.entries(imported)) all[unit] ??= { content };
  const missing = Object.keys(output.sources ?? {}).filter((unit) => all[unit] === undefined);
  if (missing.length) {  // solc compiled a file neither named nor served: the build-info would lack it
    console.error(`solc-compile: no content for compiled sources ${missing.join(', ')}`);
    process.exit(1);
  }
  doc = { id: 'suture-' + Date.now().toString(16), _format: 'hh-sol-build-info-1', solcVersion: long.split('+')[0], solcLongVersion: long,
          input: { ...input, sources: all }, output };
} else if (format !== 'solc') {
  console.error(`unknown --format ${format} (solc or hardhat)`);
  process.exit(2);
}
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
const tmp = out + '.tmp';
fs.writeFileSync(tmp, JSON.stringify(doc));
fs.renameSync(tmp, out);
