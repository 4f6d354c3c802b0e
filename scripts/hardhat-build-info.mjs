#!/usr/bin/env node
// Completes a build-info written by scripts/solc-compile.mjs --format hardhat
// the way Hardhat writes one: Hardhat resolves every import itself and passes
// all source files in the compiler input, while solc-compile.mjs passes only
// the named files and serves imports through solc's callback, so imported
// files (e.g. @openzeppelin/...) are in `output.sources` but not in
// `input.sources`. OpenZeppelin's validator reads `input.sources[*].content`
// for every compiled source and fails without them.
//
//   node scripts/hardhat-build-info.mjs --base DIR IN.json OUT_DIR/
// writes OUT_DIR/<basename of IN> with every compiled source's content in the input.
// Imports resolve like solc-compile.mjs: against --base, then node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Adds the content of every source in `output.sources` that `input.sources` lacks.
// Throws naming the source unit when its file cannot be found.
export function withAllSources(buildInfo, base) {
  const sources = { ...buildInfo.input.sources };
  for (const unit of Object.keys(buildInfo.output.sources ?? {})) {
    if (sources[unit]?.content !== undefined) continue;
    const file = [path.resolve(base, unit), path.join(repo, 'node_modules', unit)].find(f => fs.existsSync(f));
    if (!file) throw new Error(`source "${unit}" of the build-info not found under ${base} or node_modules`);
    sources[unit] = { content: fs.readFileSync(file, 'utf8') };
  }
  return { ...buildInfo, input: { ...buildInfo.input, sources } };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--base');
  const base = at >= 0 ? args.splice(at, 2)[1] : process.cwd();
  if (args.length !== 2 || !base) {
    console.error('usage: hardhat-build-info.mjs --base DIR IN.json OUT_DIR');
    process.exit(2);
  }
  const [input, outDir] = args;
  try {
    const doc = withAllSources(JSON.parse(fs.readFileSync(input, 'utf8')), path.resolve(base));
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, path.basename(input)), JSON.stringify(doc));
  } catch (e) {
    console.error(`hardhat-build-info: ${input}: ${e.message}`);
    process.exit(2);
  }
}
