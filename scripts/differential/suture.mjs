// `suture --json check` on a generated build: whole-build mode (one process per
// batch) and pair mode (one process per pair). Executed checks are left out
// (--no-execute): they are Suture's own findings, which the comparison skips.
import { spawn } from 'node:child_process';

function run(bin, args) {
  return new Promise(resolve => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', d => (out += d));
    child.stderr.setEncoding('utf8').on('data', d => (err += d));
    child.on('error', e => resolve({ status: -1, out, err: e.message }));
    child.on('close', status => resolve({ status, out, err }));
  });
}

// A report's findings as {codes: [...], errors: [...]} (unsuppressed ones; errors = error severity).
export function findingsOf(report) {
  const live = report.findings.filter(f => !f.suppressed);
  const uniq = xs => [...new Set(xs)].sort();
  return { codes: uniq(live.map(f => f.code)), errors: uniq(live.filter(f => f.severity === 'error').map(f => f.code)) };
}

// {reports: {"source:Name": {codes, errors}}, error?}
export async function sutureWholeBuild(bin, buildInfo) {
  const r = await run(bin, ['--json', 'check', '--new', buildInfo, '--no-execute']);
  if (r.status !== 0 && r.status !== 1)
    return { reports: {}, error: `suture exited ${r.status}: ${(r.err || r.out).trim().split('\n')[0]}` };
  const reports = {};
  for (const c of JSON.parse(r.out).contracts) reports[c.new] = { ...findingsOf(c), reference: c.old || undefined };
  return { reports };
}

export async function suturePair(bin, buildInfo, oldName, newName) {
  const r = await run(bin, ['--json', 'check', '--old', buildInfo, '--old-contract', oldName, '--new', buildInfo,
                            '--new-contract', newName, '--no-execute']);
  if (r.status !== 0 && r.status !== 1)
    return { codes: [], errors: [], missing: `suture exited ${r.status}: ${(r.err || r.out).trim().split('\n')[0]}` };
  return findingsOf(JSON.parse(r.out));
}
