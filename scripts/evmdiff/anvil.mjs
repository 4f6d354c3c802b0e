// A private anvil node for the EVM differential test (scripts/evm-differential.mjs):
// started from node_modules on a free loopback port with the requested hardfork,
// a JSON-RPC client with batches, and a stop that kills the node however the
// process ends.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const running = new Set();
process.on('exit', () => { for (const c of running) c.kill('SIGKILL'); });

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export class RpcError extends Error {
  constructor(method, error) {
    super(`${method}: ${error.message ?? JSON.stringify(error)}`);
    this.rpc = error;
  }
}

export class AnvilNode {
  // bin: node_modules/.bin/anvil; hardfork: cancun | prague | osaka; extra: more flags.
  static async start(bin, hardfork, extra = []) {
    if (!existsSync(bin)) throw new Error(`anvil not found at ${bin} (run npm ci)`);
    for (let attempt = 0; ; ++attempt) {
      const port = await freePort();
      const child = spawn(bin, ['--port', String(port), '--silent', '--hardfork', hardfork, ...extra],
                          { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', d => { stderr += d; });
      running.add(child);
      child.on('exit', () => running.delete(child));
      const node = new AnvilNode(child, `http://127.0.0.1:${port}`);
      const deadline = Date.now() + 20000;
      while (Date.now() < deadline && child.exitCode === null) {
        try {
          await node.call('eth_chainId');
          return node;
        } catch { await new Promise(r => setTimeout(r, 100)); }
      }
      child.kill('SIGKILL');
      if (attempt >= 2) throw new Error(`anvil --hardfork ${hardfork} did not start: ${stderr.trim() || 'no answer'}`);
    }
  }

  constructor(child, url) {
    this.child = child;
    this.url = url;
    this.id = 0;
  }

  async post(body) {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' },
                                        body: JSON.stringify(body) });
    return res.json();
  }

  async call(method, ...params) {
    const r = await this.post({ jsonrpc: '2.0', id: ++this.id, method, params });
    if (r.error) throw new RpcError(method, r.error);
    return r.result;
  }

  // calls: [[method, ...params]]; results in order. Anvil may serve a batch's
  // calls in any order: only independent calls belong in one batch.
  async batch(calls) {
    if (calls.length === 0) return [];
    const base = this.id;
    this.id += calls.length;
    const r = await this.post(calls.map(([method, ...params], i) => ({ jsonrpc: '2.0', id: base + i + 1, method, params })));
    const byId = new Map(r.map(x => [x.id, x]));
    return calls.map(([method], i) => {
      const x = byId.get(base + i + 1);
      if (!x) throw new Error(`${method}: no answer in the batch`);
      if (x.error) throw new RpcError(method, x.error);
      return x.result;
    });
  }

  stop() {
    this.child.kill('SIGKILL');
    running.delete(this.child);
  }
}
