// OpenZeppelin's validator on a build-info, along the code path of its CLI
// `npx @openzeppelin/upgrades-core validate <build-info dir>`: every contract
// of the build validated, the upgradeable ones reported (a contract with
// `@custom:oz-upgrades-from REF` compared with REF). As in
// scripts/compare-openzeppelin.mjs, the findings OpenZeppelin demotes to
// warnings (`incorrect-initializer-order`) are recorded before it drops them.
import { createRequire } from 'node:module';
import path from 'node:path';

export function loadOpenZeppelin(repo) {
  const req = createRequire(path.join(repo, 'package.json'));
  let core;
  try {
    core = req('@openzeppelin/upgrades-core');
  } catch {
    console.error('check-differential: @openzeppelin/upgrades-core is not installed (run scripts/setup.sh)');
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
  };
  const warned = [];
  const process_ = mods.overrides.processExceptions;
  mods.overrides.processExceptions = (name, errors, opts) => {
    const unsafeAllow = opts.unsafeAllow ?? [];
    for (const e of errors)
      if (mods.run.convertToWarnings.includes(e.kind) && !unsafeAllow.includes(e.kind)) warned.push([name, e.kind]);
    return process_(name, errors, opts);
  };
  mods.warned = warned;
  return mods;
}

// One contract's report as {unsafe, codes, reference}.
function reportOf(oz, r) {
  const codes = r.standaloneReport.errors.map(e => e.kind);
  for (const op of r.storageLayoutReport?.ops ?? []) codes.push(op.kind);
  return { unsafe: !r.ok, codes: [...new Set(codes)].sort(), reference: r.reference };
}

function validateFiles(oz, buildInfo, sourceFilter) {
  const contracts = Object.fromEntries(Object.entries(buildInfo.output.contracts).filter(([s]) => sourceFilter(s)));
  const files = [{ input: buildInfo.input, output: { ...buildInfo.output, contracts }, solcVersion: buildInfo.solcVersion,
                   dirShortName: 'build-info' }];
  const quiet = [console.error, console.log, console.warn];
  console.error = console.log = console.warn = () => {};
  try {
    oz.warned.length = 0;
    // Contracts of the sources left out have no validation data: report only the kept ones.
    const found = oz.validations.validateBuildInfoContracts(files)
      .filter(c => sourceFilter(c.fullyQualifiedName.slice(0, c.fullyQualifiedName.lastIndexOf(':'))));
    const reports = oz.reports.getContractReports({ '': found }, oz.safety.withCliDefaults({}));
    const out = {};
    for (const rep of reports) {
      const r = reportOf(oz, rep);
      const warned = oz.warned.filter(([name]) => name === rep.contract).map(([, kind]) => kind);
      r.codes = [...new Set([...r.codes, ...warned])].sort();
      out[rep.contract] = r;
    }
    return out;
  } finally {
    [console.error, console.log, console.warn] = quiet;
  }
}

// {file: {contract: {unsafe, codes, reference}}} for the cases' files. The
// validator refuses a whole build when one file in it is malformed; then each
// case is validated alone and a refused case is marked `oz-failed`.
export function ozValidate(oz, buildInfo, cases) {
  const byFile = {};
  const files = new Set(cases.map(c => c.file));
  const put = results => {
    for (const [name, r] of Object.entries(results)) {
      const file = name.slice(0, name.lastIndexOf(':'));
      if (files.has(file)) (byFile[file] ??= {})[name] = r;
    }
  };
  if (!buildInfo) return byFile;
  try {
    put(validateFiles(oz, buildInfo, s => files.has(s) || !s.startsWith('c/')));
  } catch {
    for (const c of cases) {
      try {
        put(validateFiles(oz, buildInfo, s => s === c.file || !s.startsWith('c/')));
      } catch (e) {
        byFile[c.file] = { [`${c.file}:*`]: { unsafe: true, codes: ['oz-failed'], error: String(e.message).split('\n')[0] } };
      }
    }
  }
  return byFile;
}
