// Runs one case on anvil and in Suture's EVM (tests/evmdiff/evmdiff_exec) from the
// same pre-state and compares what the two report.
//
// Anvil: the chain is mined to block K and snapshotted once; every case sets its
// accounts (anvil_setCode/Balance/Nonce/StorageAt), the coinbase and the next
// base fee, sends its signed transaction and mines block K+1 with it, reads the
// receipt, the call trace (return data), the prestate diff (which accounts and
// slots changed) and the block, then reverts to the snapshot. Suture: the same
// accounts in a MemoryBackend, the block environment read from anvil's block
// K+1, BLOCKHASH from blocks K-259..K. Then every account and slot either side
// touched is read back from anvil and compared with Suture's post-state.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { AnvilNode } from './anvil.mjs';
import { CHAIN_ID } from './cases.mjs';
import { qty, signTransaction, unhex } from './tx.mjs';

// EIP-2935's history contract (Prague): its storage is written by the block's system call,
// which Suture's transaction API does not run; the case's pre-state carries it instead.
export const HISTORY = '0x0000f90827f1c53a10cb7a02335b175320002935';
const word32 = v => '0x' + BigInt(v).toString(16).padStart(64, '0');

class Exec {
  constructor(bin) {
    this.child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', d => { this.stderr += d; });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async request(obj) {
    this.child.stdin.write(JSON.stringify(obj) + '\n');
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`evmdiff_exec ended: ${this.stderr.trim()}`);
    return JSON.parse(value);
  }
  stop() { this.child.stdin.end(); }
}

const FORK_NAME = { cancun: 'Cancun', prague: 'Prague', osaka: 'Osaka' };

export class ForkRunner {
  // sutureFork: the fork name Suture runs under (default: the same as anvil's).
  static async start(anvilBin, execBin, fork, sutureFork) {
    // EIP-7825's cap is off in anvil unless asked for.
    const node = await AnvilNode.start(anvilBin, fork, fork === 'osaka' ? ['--enable-tx-gas-limit'] : []);
    // Blocks are mined on request (evm_mine after each transaction): automine's
    // answer can come before its block is sealed.
    await node.call('evm_setAutomine', false);
    await node.call('anvil_mine', qty(300));
    const k = Number(await node.call('eth_blockNumber'));
    const blocks = await node.batch(Array.from({ length: 260 }, (_, i) => ['eth_getBlockByNumber', qty(k - i), false]));
    const hashes = {};
    for (const b of blocks) hashes[Number(b.number)] = b.hash;
    const runner = new ForkRunner(node, new Exec(execBin), fork, k, hashes);
    runner.sutureFork = sutureFork ?? FORK_NAME[fork];
    await runner.exec.request({ op: 'block_hashes', hashes });
    runner.system = {};
    const historyCode = await node.call('eth_getCode', HISTORY, 'latest');
    if (historyCode !== '0x') {
      const slots = await node.batch(Array.from({ length: k }, (_, i) => ['eth_getStorageAt', HISTORY, qty(i), 'latest']));
      const storage = {};
      slots.forEach((v, i) => { if (BigInt(v) !== 0n) storage[qty(i)] = v; });
      storage[qty(k)] = hashes[k];  // written by block K+1's system call
      const [nonce, balance] = await node.batch([['eth_getTransactionCount', HISTORY, 'latest'], ['eth_getBalance', HISTORY, 'latest']]);
      runner.system[HISTORY] = { nonce: Number(nonce), balance, code: historyCode, storage };
    }
    runner.snapshot = await node.call('evm_snapshot');
    return runner;
  }

  constructor(node, exec, fork, k, hashes) {
    Object.assign(this, { node, exec, fork, blockNumber: k + 1, hashes });
  }

  async runAnvil(c) {
    const setup = [['anvil_setCoinbase', c.coinbase], ['anvil_setNextBlockBaseFeePerGas', c.baseFee]];
    for (const [addr, acc] of Object.entries(c.accounts)) {
      setup.push(['anvil_setCode', addr, acc.code], ['anvil_setBalance', addr, acc.balance],
                 ['anvil_setNonce', addr, qty(acc.nonce)]);
      for (const [k, v] of Object.entries(acc.storage)) setup.push(['anvil_setStorageAt', addr, word32(k), word32(v)]);
    }
    await this.node.batch(setup);
    let hash;
    try {
      hash = await this.node.call('eth_sendRawTransaction', signTransaction(unhex(c.senderKey), c.tx));
    } catch (e) {
      if (!e.rpc) throw e;
      return { rejected: e.rpc.message };
    }
    await this.node.call('evm_mine');
    const receipt = await this.node.call('eth_getTransactionReceipt', hash);
    if (!receipt) return { rejected: 'accepted into the pool but not included in the next block' };
    const [diff, trace, block] = await this.node.batch([
      ['debug_traceTransaction', hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }],
      ['debug_traceTransaction', hash, { tracer: 'callTracer' }],
      ['eth_getBlockByNumber', receipt.blockNumber, false]]);
    return { receipt, diff, trace, block };
  }

  async revert() {
    // A transaction left in the pool (a future nonce, a fee below the base fee) must not land in a later case's block.
    await this.node.call('anvil_dropAllTransactions');
    await this.node.call('evm_revert', this.snapshot);
    this.snapshot = await this.node.call('evm_snapshot');
  }

  // Both runs and their differences: { differences: [string], anvil, suture }.
  async run(c) {
    try {
      return await this.runBoth(c);
    } finally {
      await this.revert();
    }
  }

  async runBoth(c) {
    const a = await this.runAnvil(c);
    const watch = {};
    const add = (addr, slots = []) => { (watch[addr.toLowerCase()] ??= new Set()); for (const s of slots) watch[addr.toLowerCase()].add(s); };
    for (const part of [a.diff?.pre ?? {}, a.diff?.post ?? {}])
      for (const [addr, acc] of Object.entries(part)) add(addr, Object.keys(acc.storage ?? {}));
    const block = a.block;
    const env = block ? {
      coinbase: block.miner, number: block.number, timestamp: block.timestamp, gas_limit: block.gasLimit,
      prev_randao: block.mixHash, base_fee: block.baseFeePerGas, excess_blob_gas: block.excessBlobGas ?? '0x0',
      chain_id: qty(CHAIN_ID),
    } : {
      coinbase: c.coinbase, number: qty(this.blockNumber), timestamp: qty(Math.floor(Date.now() / 1000)),
      gas_limit: qty(30000000), prev_randao: '0x0', base_fee: c.baseFee, excess_blob_gas: '0x0', chain_id: qty(CHAIN_ID),
    };
    const pre = { ...this.system, ...c.accounts };
    const s = await this.exec.request({
      op: 'run', fork: this.sutureFork, env, pre, tx: execTx(c),
      watch: Object.fromEntries(Object.entries(watch).map(([k, v]) => [k, [...v]])),
    });
    const differences = [];
    if (a.rejected !== undefined || !s.valid) {
      if (a.rejected === undefined) differences.push(`validity: anvil executed the transaction, suture rejected it (${s.error})`);
      else if (s.valid) differences.push(`validity: anvil rejected the transaction (${a.rejected}), suture executed it (${s.status})`);
      return { differences, anvil: a, suture: s };
    }
    const r = a.receipt;
    const ok = r.status === '0x1';
    if (ok !== (s.status === 'success')) differences.push(`status: anvil ${ok ? 'success' : `failure (${a.trace.error ?? '?'})`}, suture ${s.status}`);
    if (Number(r.gasUsed) !== s.gas_used) differences.push(`gas used: anvil ${Number(r.gasUsed)}, suture ${s.gas_used}`);
    if (c.tx.to && ['success', 'revert'].includes(s.status) && (a.trace.output ?? '0x') !== s.output)
      differences.push(`return data: anvil ${a.trace.output ?? '0x'}, suture ${s.output}`);
    const logKey = logs => JSON.stringify(logs.map(l => [l.address.toLowerCase(), l.topics, l.data]));
    const alogs = r.logs.map(l => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data }));
    if (logKey(alogs) !== logKey(s.logs))
      differences.push(`logs: anvil ${JSON.stringify(alogs)}, suture ${JSON.stringify(s.logs)}`);
    await this.compareState(s.post, differences);
    return { differences, anvil: a, suture: s };
  }

  async compareState(post, differences) {
    const calls = [];
    const want = [];
    for (const [addr, acc] of Object.entries(post)) {
      calls.push(['eth_getBalance', addr, 'latest'], ['eth_getTransactionCount', addr, 'latest'], ['eth_getCode', addr, 'latest']);
      want.push([addr, 'balance', BigInt(acc.balance)], [addr, 'nonce', BigInt(acc.nonce)], [addr, 'code', acc.code]);
      for (const [k, v] of Object.entries(acc.storage)) {
        calls.push(['eth_getStorageAt', addr, k, 'latest']);
        want.push([addr, `storage[${k}]`, BigInt(v)]);
      }
    }
    const got = await this.node.batch(calls);
    got.forEach((g, i) => {
      const [addr, what, v] = want[i];
      const anvil = typeof v === 'bigint' ? BigInt(g) : g;
      if (anvil !== v) differences.push(`${addr} ${what}: anvil ${typeof v === 'bigint' ? '0x' + anvil.toString(16) : anvil}, suture ${typeof v === 'bigint' ? '0x' + v.toString(16) : v}`);
    });
  }

  stop() {
    this.exec.stop();
    this.node.stop();
  }
}

// The transaction as evmdiff_exec reads it (the sender recovered, fees as numbers).
function execTx(c) {
  const t = c.tx;
  return {
    type: qty(t.type), sender: c.sender, to: t.to, nonce: qty(t.nonce), value: t.value, data: t.data, gas: qty(t.gas),
    gas_price: t.gasPrice ?? '0x0', max_fee: t.maxFee ?? '0x0', max_priority_fee: t.maxPriorityFee ?? '0x0',
    access_list: t.accessList.map(e => ({ address: e.address, keys: e.keys })),
    ...(t.authorizationList ? { authorization_list: t.authorizationList.map(a => Object.fromEntries(
      Object.entries(a).map(([k, v]) => [k, typeof v === 'bigint' ? qty(v) : v]))) } : {}),
  };
}
