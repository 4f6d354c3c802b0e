// Compiles generated cases with the pinned solc-js into one Hardhat build-info.
// A case that does not compile is dropped (and reported: a generator bug) and
// the rest are compiled again, so one bad case does not lose its batch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

// solc-js builds by npm package name: "solc" (0.8.28, pinned) and "solc-07"
// (0.7.6, the old-compiler family), loaded once each.
const compilers = new Map();
function compiler(repo, name = 'solc') {
  if (!compilers.has(name)) {
    try {
      compilers.set(name, createRequire(path.join(repo, 'package.json'))(name));
    } catch {
      console.error(`check-differential: ${name} (solc-js) is not installed (run scripts/setup.sh)`);
      process.exit(77);
    }
  }
  return compilers.get(name);
}

// The newest EVM each compiler knows: Cancun for 0.8.28, Istanbul for 0.7.6.
const evmVersionOf = { 'solc': 'cancun', 'solc-07': 'istanbul' };

// The outputs `suture check` and OpenZeppelin's validator read (as scripts/solc-compile.mjs selects).
const outputSelection = {
  '*': { '*': ['abi', 'evm.bytecode', 'evm.deployedBytecode', 'evm.methodIdentifiers', 'storageLayout', 'metadata'],
         '': ['ast'] },
};

function compileSources(repo, sources, solcName) {
  const imported = {};
  const findImports = p => {
    try {
      const contents = readFileSync(path.join(repo, 'node_modules', p), 'utf8');
      imported[p] = contents;
      return { contents };
    } catch {
      return { error: `file not found: ${p}` };
    }
  };
  const input = { language: 'Solidity', sources, settings: { evmVersion: evmVersionOf[solcName], optimizer: { enabled: false, runs: 200 },
                                                               outputSelection } };
  const output = JSON.parse(compiler(repo, solcName).compile(JSON.stringify(input), { import: findImports }));
  return { input, output, imported };
}

// Compiles `cases` ({file, source, solc?, ...}; one compiler per batch: the
// first case's `solc`, default "solc"); returns {buildInfo, cases, dropped}.
export function compileCases(cases, repo) {
  const solcName = cases[0]?.solc ?? 'solc';
  let live = [...cases];
  const dropped = [];
  for (;;) {
    const sources = Object.fromEntries(live.map(c => [c.file, { content: c.source }]));
    const { input, output, imported } = compileSources(repo, sources, solcName);
    const errors = (output.errors ?? []).filter(e => e.severity === 'error');
    if (!errors.length) {
      const long = compiler(repo, solcName).version();
      const all = { ...sources };
      for (const [unit, content] of Object.entries(imported)) all[unit] ??= { content };
      const buildInfo = { id: 'differential', _format: 'hh-sol-build-info-1', solcVersion: long.split('+')[0],
                          solcLongVersion: long, input: { ...input, sources: all }, output };
      return { buildInfo, cases: live, dropped };
    }
    const badFiles = new Set(errors.map(e => e.sourceLocation?.file).filter(Boolean));
    const bad = live.filter(c => badFiles.has(c.file));
    if (!bad.length) throw new Error(`solc: ${errors[0].formattedMessage ?? errors[0].message}`);
    for (const c of bad) {
      const e = errors.find(x => x.sourceLocation?.file === c.file);
      dropped.push({ ...c, error: (e.formattedMessage ?? e.message).split('\n').slice(0, 3).join(' | ') });
    }
    live = live.filter(c => !badFiles.has(c.file));
    if (!live.length) return { buildInfo: null, cases: [], dropped };
  }
}

// Whether one source compiles alone (the minimizer's test), with its build-info.
export function compileOne(c, repo) {
  const r = compileCases([c], repo);
  return r.cases.length ? r.buildInfo : null;
}

// A pool of worker threads compiling batches in parallel (solc-js compiles on
// one thread; the compile is most of a run's time).
export function compilePool(repo, width) {
  const workers = [];
  const idle = [];
  const waiting = [];
  const pending = new Map();
  let next = 0;
  const dispatch = () => {
    while (idle.length && waiting.length) {
      const w = idle.pop();
      const job = waiting.shift();
      pending.set(job.id, { ...job, w });
      w.postMessage({ id: job.id, cases: job.cases });
    }
  };
  for (let i = 0; i < width; ++i) {
    const w = new Worker(new URL(import.meta.url), { workerData: { repo } });
    w.on('message', ({ id, result, error }) => {
      const job = pending.get(id);
      pending.delete(id);
      idle.push(w);
      if (error) job.reject(new Error(error));
      else job.resolve(result);
      dispatch();
    });
    w.on('error', e => { for (const j of pending.values()) j.reject(e); });
    workers.push(w);
    idle.push(w);
  }
  return {
    compile: cases => new Promise((resolve, reject) => {
      waiting.push({ id: next++, cases, resolve, reject });
      dispatch();
    }),
    close: () => Promise.all(workers.map(w => w.terminate())),
  };
}

if (!isMainThread && workerData?.repo) {
  parentPort.on('message', ({ id, cases }) => {
    try {
      parentPort.postMessage({ id, result: compileCases(cases, workerData.repo) });
    } catch (e) {
      parentPort.postMessage({ id, error: String(e.stack ?? e) });
    }
  });
}
