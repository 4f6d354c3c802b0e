// The seeded case generator of scripts/check-differential.mjs: one function
// per rule family, each returning {file, source, tags} for one case (a file of
// its own). Sources keep one declaration or statement per line so that the
// minimizer can delete lines. Tags name the features a case uses that an
// expectation may refer to (tests/fixtures/check/differential-expected.json).

export function rng(seed) {
  let s = seed >>> 0;
  const next = () => {  // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (a, b) => a + Math.floor(next() * (b - a + 1));
  next.pick = xs => xs[Math.floor(next() * xs.length)];
  next.chance = p => next() < p;
  next.subset = (xs, p) => xs.filter(() => next() < p);
  next.shuffle = xs => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; --i) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return next;
}

const HEADER = ['// SPDX-License-Identifier: MIT', 'pragma solidity ^0.8.20;'];
const IMPORT_INIT = 'import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";';

// A NatSpec block holding `tags` ("custom:oz-upgrades-unsafe-allow delegatecall", ...),
// in one of the forms Solidity accepts; `indent` prefixes every line.
export function natspec(rand, tags, indent = '') {
  if (!tags.length) return [];
  const form = rand.int(0, 4);
  const at = t => `@${t}`;
  let lines;
  if (form === 0) lines = tags.map(t => `/// ${at(t)}`);
  else if (form === 1 && tags.length === 1) lines = [`/** ${at(tags[0])} */`];
  else if (form === 2) lines = ['/**', ' * @dev generated', ...tags.map(t => ` * ${at(t)}`), ' */'];
  else if (form === 3) lines = ['/// @dev generated', ...tags.map(t => `/// ${at(t)}`)];
  else {
    // the arguments of a tag continued on the next line (OpenZeppelin reads up to the next tag)
    lines = ['/**'];
    for (const t of tags) {
      const [head, ...args] = t.split(' ');
      if (args.length > 1) lines.push(` * @${head} ${args[0]}`, ` *   ${args.slice(1).join(' ')}`);
      else lines.push(` * @${t}`);
    }
    lines.push(' */');
  }
  return lines.map(l => indent + l);
}

const allow = (kinds, reachable = false) => `custom:oz-upgrades-unsafe-allow${reachable ? '-reachable' : ''} ${kinds.join(' ')}`;

// ---------------------------------------------------------------- init ----
// Inheritance trees of Initializable parents with initializers of every
// visibility and modifier; the child's initializer calls some of them.
function genInit(rand, index) {
  const n = rand.int(1, 4);
  const parents = [];
  for (let p = 0; p < n; ++p) {
    const bases = parents.filter(() => rand.chance(0.35)).map(q => q.id);
    const style = rand.pick(['chained', 'chained', 'chained', 'single', 'single', 'empty', 'private', 'validate-as',
                             'public', 'initializer-mod', 'reinit', 'unchained-only']);
    parents.push({ id: p, name: `P${p}`, bases, style, abstract: rand.chance(0.85) });
  }
  const ancestors = id => {
    const out = new Set();
    const walk = q => parents[q].bases.forEach(b => { if (!out.has(b)) { out.add(b); walk(b); } });
    walk(id);
    return [...out];
  };
  // The init functions a derived contract can call, per parent.
  const callable = p => {
    if (p.style === 'private') return [];
    if (p.style === 'validate-as') return [`__${p.name}_setup`];
    if (p.style === 'chained') return [`__${p.name}_init`, `__${p.name}_init_unchained`];
    if (p.style === 'unchained-only') return [`__${p.name}_init_unchained`];
    return [`__${p.name}_init`];
  };
  const callsTo = (ids, p) => {
    const out = [];
    for (const q of rand.shuffle(ids)) {
      const fns = callable(parents[q]);
      if (fns.length && rand.chance(p)) out.push(`${rand.pick(fns)}();`);
    }
    return out;
  };
  const tags = ['init'];
  const src = [...HEADER, IMPORT_INIT, ''];
  for (const p of parents) {
    const is = p.bases.length ? p.bases.map(b => parents[b].name).join(', ') : 'Initializable';
    src.push(`${p.abstract ? 'abstract ' : ''}contract ${p.name} is ${is} {`);
    src.push(`    uint256 internal v${p.id};`);
    const calls = callsTo(ancestors(p.id), 0.6).map(s => `        ${s}`);
    const set = `        v${p.id} = ${p.id + 1};`;
    const fn = (name, vis, mod, body) => [`    function ${name}() ${vis}${mod ? ' ' + mod : ''} {`, ...body, '    }'];
    switch (p.style) {
      case 'chained':
        src.push(...fn(`__${p.name}_init`, 'internal', 'onlyInitializing', [...calls, `        __${p.name}_init_unchained();`]));
        src.push(...fn(`__${p.name}_init_unchained`, 'internal', 'onlyInitializing', [set]));
        break;
      case 'unchained-only':
        src.push(...fn(`__${p.name}_init_unchained`, 'internal', 'onlyInitializing', [set]));
        break;
      case 'single': src.push(...fn(`__${p.name}_init`, 'internal', 'onlyInitializing', [...calls, set])); break;
      case 'empty': src.push(...fn(`__${p.name}_init`, 'internal', 'onlyInitializing', [])); break;
      case 'private': src.push(...fn(`__${p.name}_init`, 'private', 'onlyInitializing', [set])); break;
      case 'public': src.push(...fn(`__${p.name}_init`, 'public', 'onlyInitializing', [...calls, set])); break;
      case 'initializer-mod': src.push(...fn(`__${p.name}_init`, 'internal', 'initializer', [...calls, set])); break;
      case 'reinit': src.push(...fn(`__${p.name}_init`, 'internal', 'reinitializer(2)', [...calls, set])); break;
      case 'validate-as':
        src.push(...natspec(rand, ['custom:oz-upgrades-validate-as-initializer'], '    '));
        src.push(...fn(`__${p.name}_setup`, 'internal', '', [...calls, set]));
        break;
    }
    src.push('}', '');
  }
  // The child: a non-empty subset of the parents, listed most base first.
  let direct = parents.filter(() => rand.chance(0.5)).map(p => p.id);
  if (!direct.length) direct = [n - 1];
  const reach = new Set(direct);
  for (const d of direct) ancestors(d).forEach(a => reach.add(a));
  const style = rand.pick(['initializer', 'initializer', 'initializer', 'none', 'name-external', 'name-public',
                           'validate-as', 'reinit', 'two']);
  const contractAllow = rand.chance(0.12)
    ? [allow(rand.subset(['missing-initializer', 'missing-initializer-call', 'duplicate-initializer-call',
                          'incorrect-initializer-order'], 0.5).concat(['missing-initializer-call']).filter((k, i, a) => a.indexOf(k) === i))]
    : [];
  src.push(...natspec(rand, contractAllow));
  src.push(`contract C is ${direct.map(d => parents[d].name).join(', ')} {`);
  src.push('    uint256 internal own;');
  if (rand.chance(0.5)) {
    src.push(...natspec(rand, [allow(['constructor'])], '    '));
    src.push('    constructor() {', '        _disableInitializers();', '    }');
  }
  const body = () => {
    const calls = callsTo([...reach], 0.75);
    if (calls.length && rand.chance(0.15)) calls.splice(rand.int(0, calls.length), 0, rand.pick(calls));  // a duplicate
    const lines = [];
    for (const c of calls) {
      if (rand.chance(0.08)) lines.push(...natspec(rand, [allow(['duplicate-initializer-call'])], '        '));
      lines.push(`        ${c}`);
    }
    lines.push('        own = 1;');
    return lines;
  };
  const fnAllow = () => (rand.chance(0.12)
    ? natspec(rand, [allow(rand.subset(['missing-initializer-call', 'duplicate-initializer-call', 'incorrect-initializer-order'], 0.5)
                              .concat(['duplicate-initializer-call']).filter((k, i, a) => a.indexOf(k) === i))], '    ')
    : []);
  let helper = null;
  if (rand.chance(0.15)) {
    helper = callsTo([...reach], 0.7);
    tags.push('init-helper');
  }
  const emit = (head, doc = []) => {
    src.push(...fnAllow(), ...doc.map(d => `    ${d}`), `    ${head} {`);
    if (helper) src.push('        _initParents();');
    src.push(...body(), '    }');
  };
  switch (style) {
    case 'initializer': emit('function initialize() public initializer'); break;
    case 'name-external': emit('function initialize() external'); break;
    case 'name-public': emit('function initialize() public'); break;
    case 'validate-as': emit('function setUp() public', ['/// @custom:oz-upgrades-validate-as-initializer']); break;
    case 'reinit': emit('function initializeV2() public reinitializer(2)'); break;
    case 'two':
      emit('function initialize() public initializer');
      emit('function initializeV2() public reinitializer(2)', ['/// @custom:oz-upgrades-validate-as-initializer']);
      break;
    case 'none': break;
  }
  if (helper) src.push('    function _initParents() internal {', ...helper.map(s => `        ${s}`), '    }');
  src.push('}', '');
  return { file: `c/init_${index}.sol`, source: src.join('\n'), tags };
}

// -------------------------------------------------------------- layout ----
// Value types pack into a slot; everything else starts and ends a slot.
const TYPES = [
  ['uint256', 32], ['uint128', 16], ['uint64', 8], ['uint32', 4], ['uint8', 1], ['int128', 16], ['bool', 1],
  ['address', 20], ['bytes32', 32], ['bytes4', 4], ['E', 1], ['U', 16], ['W', 8],
  ['string', 0], ['bytes', 0], ['uint256[]', 0], ['address[]', 0], ['uint256[2]', 0], ['S', 0], ['S[]', 0],
  ['mapping(address => uint256)', 0], ['mapping(uint256 => S)', 0], ['mapping(U => uint256)', 0],
  ['mapping(W => U)', 0], ['mapping(address => mapping(uint256 => bool))', 0],
];
const size = t => (TYPES.find(x => x[0] === t)?.[1] ?? 0);
const slotsOf = t => (t.startsWith('uint256[') && /\[(\d+)\]/.test(t) ? Number(/\[(\d+)\]/.exec(t)[1]) : t === 'S' ? 2 : 1);

// Slots used by a variable list, packing value types as solc does.
function slotCount(vars) {
  let slot = 0, used = 0;  // used: bytes taken in the current slot (0 = fresh)
  for (const v of vars) {
    const s = size(v.type);
    if (s > 0) {
      if (used + s > 32) { ++slot; used = 0; }
      used += s;
    } else {
      if (used) { ++slot; used = 0; }
      slot += slotsOf(v.type);
    }
  }
  return slot + (used ? 1 : 0);
}

function genLayout(rand, index) {
  const tags = ['layout'];
  let counter = 0;
  const fresh = () => ({ name: `x${counter++}`, type: rand.pick(TYPES)[0], doc: [] });
  const v1 = [];
  for (let i = rand.int(1, 6); i > 0; --i) v1.push(fresh());
  const gap = rand.chance(0.45);
  if (gap) {
    const g = { name: rand.pick(['__gap', '__gap', '__gap', '__gap_slots']), type: `uint256[${rand.int(1, 50)}]`, doc: [], gap: true };
    v1.splice(rand.chance(0.8) ? v1.length : rand.int(0, v1.length), 0, g);
    if (rand.chance(0.15)) v1.push({ name: '__gap2', type: `uint256[${rand.int(1, 10)}]`, doc: [], gap: true });
  }
  const nsVars = k => {
    const vs = Array.from({ length: k }, fresh).filter(v => !v.type.startsWith('S'));
    return vs.length ? vs : null;
  };
  const ns1 = rand.chance(0.2) ? nsVars(rand.int(1, 3)) : null;
  let struct1 = ['uint128 a;', 'uint64 b;', 'address c;'];
  let enum1 = ['A', 'B', 'C'];
  let struct2 = [...struct1], enum2 = [...enum1];
  const v2 = v1.map(v => ({ ...v, doc: [] }));
  let ns2 = ns1 && ns1.map(v => ({ ...v }));
  const mutations = [];
  for (let m = rand.int(1, 2); m > 0; --m) {
    const op = rand.pick(['append', 'append', 'insert', 'delete', 'retype', 'retype-annotated', 'rename', 'rename',
                          'swap', 'gap-consume', 'gap-consume', 'gap-consume', 'gap-rename', 'pack-insert', 'pack-insert',
                          'struct', 'enum', 'namespace', 'udvt']);
    mutations.push(op);
    const at = () => rand.int(0, Math.max(0, v2.length - 1));
    const gapAt = v2.findIndex(v => v.gap);
    switch (op) {
      case 'append': v2.push(fresh()); break;
      case 'insert': v2.splice(rand.int(0, v2.length), 0, fresh()); break;
      case 'delete': if (v2.length > 1) v2.splice(at(), 1); break;
      case 'retype': { const v = v2[at()]; if (v && !v.gap) v.type = rand.pick(TYPES)[0]; break; }
      case 'retype-annotated': {
        const v = v2[at()];
        if (v && !v.gap) {
          v.doc.push(`custom:oz-retyped-from ${v.type}`);
          v.type = rand.pick(TYPES.filter(t => t[1] === size(v.type)))[0];
        }
        break;
      }
      case 'rename': {
        const v = v2[at()];
        if (v && !v.gap) {
          if (rand.chance(0.5)) v.doc.push(`custom:oz-renamed-from ${v.name}`);
          v.name = `${v.name}_renamed`;
        }
        break;
      }
      case 'swap': if (v2.length > 1) { const i = at(), j = at(); [v2[i], v2[j]] = [v2[j], v2[i]]; } break;
      case 'gap-consume': {
        if (gapAt < 0) { v2.push(fresh()); break; }
        const before = v2.slice(0, gapAt);
        const added = Array.from({ length: rand.int(1, 3) }, () =>
          ({ ...fresh(), type: rand.pick(['uint256', 'uint128', 'uint64', 'bool', 'address', 'uint8', 'S', 'uint256[2]', 'W']) }));
        const used = slotCount([...before, ...added]) - slotCount(before);
        const n = Number(/\[(\d+)\]/.exec(v2[gapAt].type)[1]);
        const shrink = used + rand.pick([0, 0, 0, 0, -1, 1]);
        v2.splice(gapAt, 0, ...added);
        v2[gapAt + added.length] = { ...v2[gapAt + added.length], type: `uint256[${Math.max(1, n - shrink)}]` };
        if (n - shrink < 1) v2.splice(gapAt + added.length, 1);  // the gap used up: removed
        tags.push('gap');
        break;
      }
      case 'gap-rename': if (gapAt >= 0) v2[gapAt] = { ...v2[gapAt], name: rand.pick(['__gap_x', 'gap', '__gap2b']) }; break;
      case 'pack-insert': {
        // a small variable into the unused bytes after a value type whose slot ends there
        for (let i = 0; i < v2.length; ++i) {
          const s = size(v2[i].type);
          const next = v2[i + 1];
          if (s > 0 && s <= 24 && (!next || size(next.type) === 0 || size(next.type) + s > 32)) {
            v2.splice(i + 1, 0, { ...fresh(), type: rand.pick(TYPES.filter(t => t[1] > 0 && t[1] + s <= 32))[0] });
            break;
          }
        }
        break;
      }
      case 'struct':
        struct2 = rand.pick([[...struct2, 'uint256 d;'], ['uint128 a;', 'uint64 b;', 'uint256 d;', 'address c;'],
                             ['uint128 a;', 'uint64 b;'], ['uint256 a;', 'uint64 b;', 'address c;'],
                             ['uint128 a;', 'uint64 renamed;', 'address c;'], ['uint128 a;', 'uint64 b;', 'uint32 d;', 'address c;']]);
        if (!v2.some(v => v.type.includes('S'))) v2.push({ ...fresh(), type: rand.pick(['S', 'mapping(uint256 => S)', 'S[]']) });
        break;
      case 'enum':
        enum2 = rand.pick([[...enum2, 'D'], ['A', 'B'], ['A', 'X', 'C']]);
        if (!v2.some(v => v.type === 'E')) v2.push({ ...fresh(), type: 'E' });
        break;
      case 'namespace':
        if (!ns2) { ns2 = nsVars(1); break; }
        switch (rand.int(0, 3)) {
          case 0: ns2.push(fresh()); break;
          case 1: ns2.splice(rand.int(0, ns2.length), 0, fresh()); break;
          case 2: ns2 = null; break;
          default: if (ns2.length) ns2[0].type = rand.pick(TYPES.slice(0, 13))[0];
        }
        if (ns2) ns2 = ns2.filter(v => !v.type.startsWith('S'));
        if (ns2 && !ns2.length) ns2 = null;
        break;
      case 'udvt': {
        const v = v2.find(x => ['U', 'uint128', 'W', 'uint64'].includes(x.type));
        if (v) v.type = { U: 'uint128', uint128: 'U', W: 'uint64', uint64: 'W' }[v.type];
        else v2.push({ ...fresh(), type: 'U' });
        break;
      }
    }
  }
  tags.push(...mutations.map(m => `layout-${m}`));
  // OpenZeppelin's CLI reads a namespace's member types from the contract's own
  // storage layout (it compiles no namespaced variant): a user-defined type used
  // in the namespace and in only one version's main layout compares as changed.
  if ([...(ns1 ?? []), ...(ns2 ?? [])].some(v => /\b[UWE]\b/.test(v.type))) tags.push('namespace-user-type');
  const name = `c/layout_${index}.sol`;
  const contract = (cname, doc, vars, struct, en, ns) => {
    const out = [...doc, `contract ${cname} {`];
    out.push('    struct S {', ...struct.map(m => `        ${m}`), '    }');
    out.push(`    enum E { ${en.join(', ')} }`);
    out.push('    type W is uint64;');
    if (ns) {
      out.push(`    /// @custom:storage-location erc7201:differential.layout${index}`, '    struct Main {',
               ...ns.map(v => `        ${v.type} ${v.name};`), '    }');
    }
    for (const v of vars) {
      out.push(...natspec(rand, v.doc, '    '));
      out.push(`    ${v.type} ${v.gap ? 'private' : 'internal'} ${v.name};`);
    }
    out.push('}', '');
    return out;
  };
  const src = [...HEADER, 'type U is uint128;', '',
               ...contract('V1', ['/// @custom:oz-upgrades'], v1, struct1, enum1, ns1),
               ...contract('V2', [`/// @custom:oz-upgrades-from ${name}:V1`], v2, struct2, enum2, ns2)];
  return { file: name, source: src.join('\n'), tags };
}

// -------------------------------------------------------------- unsafe ----
// delegatecall / selfdestruct placed in the contract, a parent, a grandparent,
// a constructor, a modifier or a library, with allow annotations around it.
function genUnsafe(rand, index) {
  const tags = ['unsafe'];
  const kind = rand.pick(['delegatecall', 'selfdestruct']);
  const asm = rand.chance(0.08);
  if (asm) tags.push('assembly-op');
  const op = asm
    ? (kind === 'delegatecall' ? ['assembly {', '    let r := delegatecall(gas(), target, 0, 0, 0, 0)', '}']
                               : ['assembly {', '    selfdestruct(target)', '}'])
    : (kind === 'delegatecall' ? ['(bool ok, ) = target.delegatecall("");', 'require(ok);']
                               : ['selfdestruct(payable(target));']);
  const place = rand.pick(['child-external', 'child-internal-used', 'child-internal-unused', 'child-private-used',
                           'child-modifier-used', 'child-modifier-unused', 'child-constructor', 'child-fallback',
                           'parent-public', 'parent-internal-used', 'parent-internal-unused', 'parent-constructor',
                           'parent-modifier-used', 'grand-public', 'grand-internal-used', 'lib-internal', 'lib-public',
                           'lib-using']);
  tags.push(`unsafe-${place}`);
  // Where annotations go: each site gets a random allow / allow-reachable (or nothing).
  const kinds = () => rand.pick([[kind], [kind], [kind], ['delegatecall', 'selfdestruct'],
                                 [kind === 'delegatecall' ? 'selfdestruct' : 'delegatecall']]);
  const doc = (p, extra = []) => {
    const t = [...extra];
    if (rand.chance(p)) t.push(allow(kinds(), rand.chance(0.5)));
    return t;
  };
  const ind = (lines, n) => lines.map(l => ' '.repeat(n) + l);
  const body = ind(op, 8);
  const src = [...HEADER, IMPORT_INIT, ''];
  const inLib = place.startsWith('lib');
  const inGrand = place.startsWith('grand');
  const inParent = place.startsWith('parent') || inGrand;
  if (inLib) {
    src.push(...natspec(rand, doc(0.2)), 'library L {');
    src.push(...natspec(rand, doc(0.25), '    '),
             `    function run(address target) ${place === 'lib-public' ? 'public' : 'internal'} {`, ...body, '    }', '}', '');
  }
  if (inGrand) {
    src.push(...natspec(rand, doc(0.2)), 'abstract contract G {');
    if (place === 'grand-public') src.push(...natspec(rand, doc(0.25), '    '), '    function grandRun(address target) public {', ...body, '    }');
    else src.push(...natspec(rand, doc(0.25), '    '), '    function _grandRun(address target) internal {', ...body, '    }');
    src.push('}', '');
  }
  const parentAbstract = rand.chance(0.7);
  src.push(...natspec(rand, doc(0.2)), `${parentAbstract ? 'abstract ' : ''}contract P is ${inGrand ? 'G, ' : ''}Initializable {`);
  src.push('    uint256 internal pv;');
  if (place === 'parent-public') src.push(...natspec(rand, doc(0.25), '    '), '    function parentRun(address target) public {', ...body, '    }');
  if (place === 'parent-internal-used' || place === 'parent-internal-unused')
    src.push(...natspec(rand, doc(0.25), '    '), '    function _parentRun(address target) internal {', ...body, '    }');
  if (place === 'parent-constructor') {
    src.push(...natspec(rand, doc(0.3, rand.chance(0.6) ? [allow(['constructor'])] : []), '    '),
             '    constructor() {', '        address target = msg.sender;', ...body, '    }');
  }
  if (place === 'parent-modifier-used')
    src.push(...natspec(rand, doc(0.25), '    '), '    modifier unsafeMod(address target) {', ...body, '        _;', '    }');
  src.push('}', '');

  const childDoc = doc(0.25, ['custom:oz-upgrades']);
  src.push(...natspec(rand, childDoc), 'contract C is P {');
  if (place === 'lib-using') src.push('    using L for address;');
  const callerDoc = () => natspec(rand, doc(0.3), '    ');
  const callers = {
    'child-internal-used': '_run(target);', 'child-private-used': '_runPrivate(target);', 'parent-internal-used': '_parentRun(target);',
    'grand-internal-used': '_grandRun(target);', 'lib-internal': 'L.run(target);', 'lib-public': 'L.run(target);',
    'lib-using': 'target.run();', 'grand-public': 'grandRun(target);', 'parent-public': 'parentRun(target);',
  };
  if (place === 'child-external') src.push(...callerDoc(), '    function go(address target) external {', ...body, '    }');
  if (place === 'child-fallback') src.push(...callerDoc(), '    fallback() external {', '        address target = msg.sender;', ...body, '    }');
  if (place === 'child-internal-used' || place === 'child-internal-unused')
    src.push(...natspec(rand, doc(0.25), '    '), '    function _run(address target) internal {', ...body, '    }');
  if (place === 'child-private-used') src.push(...natspec(rand, doc(0.25), '    '), '    function _runPrivate(address target) private {', ...body, '    }');
  if (place === 'child-modifier-used' || place === 'child-modifier-unused')
    src.push(...natspec(rand, doc(0.25), '    '), '    modifier unsafeMod(address target) {', ...body, '        _;', '    }');
  if (place === 'child-modifier-used' || place === 'parent-modifier-used')
    src.push(...callerDoc(), '    function go(address target) external unsafeMod(target) {', '    }');
  if (place === 'child-constructor')
    src.push(...natspec(rand, doc(0.3, rand.chance(0.6) ? [allow(['constructor'])] : []), '    '),
             '    constructor() {', '        address target = msg.sender;', ...body, '    }');
  if (callers[place] && (rand.chance(0.8) || place === 'child-internal-used'))
    src.push(...callerDoc(), '    function go(address target) external {', `        ${callers[place]}`, '    }');
  src.push('    function set(uint256 x) external {', '        pv = x;', '    }');
  src.push('}', '');
  return { file: `c/unsafe_${index}.sol`, source: src.join('\n'), tags };
}

// --------------------------------------------------------------- state ----
// Constructors, immutables, initial values, internal function storage and
// linked external libraries, in the contract and in a parent.
function genState(rand, index) {
  const tags = ['state'];
  const src = [...HEADER, IMPORT_INIT, ''];
  const ctor = (who) => {
    const style = rand.pick(['none', 'none', 'empty', 'write', 'require', 'disable', 'payable-empty', 'modifier', 'immutable']);
    tags.push(`ctor-${who}-${style}`);
    const out = [];
    const d = rand.chance(0.4) ? natspec(rand, [allow(rand.pick([['constructor'], ['constructor', 'state-variable-immutable']]))], '    ') : [];
    switch (style) {
      case 'none': break;
      case 'empty': out.push(...d, '    constructor() {', '    }'); break;
      case 'payable-empty': out.push(...d, '    constructor() payable {', '    }'); break;
      case 'write': out.push(...d, `    constructor() {`, `        ${who}Value = 7;`, '    }'); break;
      case 'require': out.push(...d, '    constructor() {', '        require(block.chainid != 0);', '    }'); break;
      case 'disable': out.push(...d, '    constructor() {', '        _disableInitializers();', '    }'); break;
      case 'modifier': out.push(`    modifier ${who}M() {`, '        _;', '    }', ...d, `    constructor() ${who}M {`, '    }'); break;
      case 'immutable':
        out.push(...natspec(rand, rand.chance(0.5) ? [allow(['state-variable-immutable'])] : [], '    '),
                 `    uint256 internal immutable ${who}Imm;`, ...d, '    constructor() {', `        ${who}Imm = 3;`, '    }');
        break;
    }
    return out;
  };
  const vars = (who) => {
    const out = [`    uint256 internal ${who}Value;`];
    if (rand.chance(0.3)) {
      tags.push(`assign-${who}`);
      out.push(...natspec(rand, rand.chance(0.4) ? [allow(['state-variable-assignment'])] : [], '    '), `    uint256 public ${who}Init = 5;`);
    }
    if (rand.chance(0.2)) {
      tags.push(`immutable-inline-${who}`);
      out.push(...natspec(rand, rand.chance(0.4) ? [allow(['state-variable-immutable'])] : [], '    '), `    uint256 public immutable ${who}Fixed = 9;`);
    }
    if (rand.chance(0.15)) out.push(`    uint256 public constant ${who.toUpperCase()}_K = 3;`);
    if (rand.chance(0.25)) {
      const form = rand.pick(['var', 'struct', 'mapping', 'array', 'external']);
      tags.push(`fnstorage-${form}`);
      const d = rand.chance(0.3) ? natspec(rand, [allow(['internal-function-storage'])], '    ') : [];
      if (form === 'var') out.push(...d, `    function(uint256) internal pure returns (uint256) ${who}Fn;`);
      if (form === 'struct') out.push(`    struct ${who}Hook {`, '        function(uint256) internal pure returns (uint256) f;', '    }', ...d, `    ${who}Hook internal ${who}H;`);
      if (form === 'mapping') out.push(...d, `    mapping(uint256 => function(uint256) internal pure returns (uint256)) internal ${who}Fm;`);
      if (form === 'array') out.push(...d, `    function(uint256) internal pure returns (uint256)[] internal ${who}Fa;`);
      if (form === 'external') out.push(...d, `    function(uint256) external pure returns (uint256) ${who}Fe;`);
    }
    return out;
  };
  const linked = rand.chance(0.25);
  if (linked) {
    tags.push('linked-library');
    src.push('library LL {', '    function inc(uint256 a) public pure returns (uint256) {', '        return a + 1;', '    }', '}', '');
  }
  const withParent = rand.chance(0.6);
  if (withParent) {
    const abs = rand.chance(0.6);
    src.push(`${abs ? 'abstract ' : ''}contract P is Initializable {`, ...vars('p'), ...ctor('p'), '}', '');
  }
  const libAllow = linked && rand.chance(0.4) ? [allow(['external-library-linking'])] : [];
  src.push(...natspec(rand, ['custom:oz-upgrades', ...libAllow]), `contract C is ${withParent ? 'P' : 'Initializable'} {`);
  src.push(...vars('c'), ...ctor('c'));
  src.push('    function initialize() public initializer {', linked ? '        cValue = LL.inc(cValue);' : '        cValue = 1;', '    }');
  src.push('}', '');
  return { file: `c/state_${index}.sol`, source: src.join('\n'), tags };
}

// ----------------------------------------------------------------- old ----
// Code for solc 0.5-0.7 (compiled by solc 0.7.6): `constructor() public`,
// constructor modifiers, a parent's constructor with arguments given in the
// inheritance list or the child's constructor header, and the hand-written
// Initializable of OpenZeppelin 3.x that code of that age inherits. Old
// compilers have no `@custom:` NatSpec, so no annotations here.
const HEADER_07 = ['// SPDX-License-Identifier: MIT', 'pragma solidity >=0.6.0 <0.8.0;'];
const INITIALIZABLE_07 = [
  'abstract contract Initializable {',
  '    bool private _initialized;',
  '    bool private _initializing;',
  '    modifier initializer() {',
  '        require(_initializing || !_initialized, "initialized");',
  '        bool top = !_initializing;',
  '        if (top) {',
  '            _initializing = true;',
  '            _initialized = true;',
  '        }',
  '        _;',
  '        if (top) {',
  '            _initializing = false;',
  '        }',
  '    }',
  '}',
  '',
];

function genOld(rand, index) {
  const tags = ['old'];
  const src = [...HEADER_07, ...INITIALIZABLE_07];
  // A constructor for `who`; `arg` when the parent takes a constructor argument.
  const ctor = (who, vis, arg) => {
    const style = arg ? rand.pick(['write-arg', 'empty-arg']) :
      rand.pick(['none', 'none', 'empty', 'write', 'require', 'modifier', 'immutable', 'payable']);
    tags.push(`ctor-${who}-${style}`);
    const v = vis ? ` ${vis}` : '';
    switch (style) {
      case 'none': return [];
      case 'empty': return [`    constructor()${v} {`, '    }'];
      case 'payable': return [`    constructor()${v} payable {`, '    }'];
      case 'write': return [`    constructor()${v} {`, `        ${who}Value = 7;`, '    }'];
      case 'require': return [`    constructor()${v} {`, '        require(block.number != 0);', '    }'];
      case 'modifier': return [`    modifier ${who}M() {`, '        _;', '    }', `    constructor()${v} ${who}M {`, '    }'];
      case 'immutable': return [`    uint256 internal immutable ${who}Imm;`, `    constructor()${v} {`, `        ${who}Imm = 3;`, '    }'];
      case 'write-arg': return [`    constructor(uint256 a)${v} {`, `        ${who}Value = a;`, '    }'];
      case 'empty-arg': return [`    constructor(uint256 a)${v} {`, '        a;', '    }'];
    }
    return [];
  };
  const vars = (who) => {
    const out = [`    uint256 internal ${who}Value;`];
    if (rand.chance(0.25)) {
      tags.push(`assign-${who}`);
      out.push(`    uint256 public ${who}Init = 5;`);
    }
    if (rand.chance(0.15)) {
      tags.push(`immutable-inline-${who}`);
      out.push(`    uint256 public immutable ${who}Fixed = 9;`);
    }
    if (rand.chance(0.15)) out.push(`    uint256 public constant ${who.toUpperCase()}_K = 3;`);
    if (rand.chance(0.12)) {
      tags.push(`selfdestruct-${who}`);
      out.push(`    function ${who}Kill() public {`, '        selfdestruct(msg.sender);', '    }');
    }
    if (rand.chance(0.12)) {
      tags.push(`delegatecall-${who}`);
      out.push(`    function ${who}Call(address t) public {`, '        (bool ok, ) = t.delegatecall("");', '        require(ok);', '    }');
    }
    return out;
  };
  const withParent = rand.chance(0.6);
  const parentArg = withParent && rand.chance(0.3);
  let parentRef = 'Initializable';
  if (withParent) {
    const abs = rand.chance(0.5);
    // 0.6/0.7: an abstract contract's constructor is conventionally `internal`.
    const vis = abs ? rand.pick(['internal', '']) : rand.pick(['public', '']);
    src.push(`${abs ? 'abstract ' : ''}contract P is Initializable {`, ...vars('p'), ...ctor('p', vis, parentArg));
    src.push('    function __P_init() internal initializer {', '        pValue = 2;', '    }', '}', '');
    parentRef = 'P';
  }
  // The parent's argument: in the inheritance list or in the child's constructor header.
  const argInList = parentArg && rand.chance(0.5);
  src.push(`contract C is ${parentRef}${argInList ? '(4)' : ''} {`, ...vars('c'));
  if (parentArg && !argInList) {
    tags.push('ctor-c-parent-arg');
    src.push(`    constructor() ${rand.pick(['public ', ''])}P(4) {`, '    }');
  } else {
    src.push(...ctor('c', rand.pick(['public', '']), false));
  }
  const init = withParent && rand.chance(0.8) ? ['        __P_init();'] : [];
  if (withParent && !init.length) tags.push('parent-init-missing');
  src.push('    function initialize() public initializer {', ...init, '        cValue = 1;', '    }', '}', '');
  return { file: `c/old_${index}.sol`, source: src.join('\n'), tags, solc: 'solc-07' };
}

// OpenZeppelin finds a contract's validation by its bytecode without metadata:
// two contracts of a batch with the same code would share one result. Each
// contract gets a function returning a number of its own.
function distinct(gen) {
  return (rand, index) => {
    const c = gen(rand, index);
    let k = 0;
    const family = c.file.slice(2, c.file.indexOf('_'));
    const base = (Object.keys(families).indexOf(family) + 1) * 1e7 + index * 100;
    c.source = c.source.replace(/^((?:abstract )?contract (\w+)[^\n]*\{)$/mg, (line, _, name) =>
      `${line}\n    function id${name}() external pure returns (uint256) {\n        return ${base + k++};\n    }`);
    // A constructor that never returns (selfdestruct) leaves no runtime code:
    // make such creation code distinct too (only constructors with code, whose verdict a check does not change).
    c.source = c.source.replace(/^(\s*constructor\(\)[^\n{]*\{)\n(?!\s*\})/mg,
                                (_, head) => `${head}\n        require(block.number != ${base + k++});\n`);
    return c;
  };
}

export const families = { init: distinct(genInit), layout: distinct(genLayout), unsafe: distinct(genUnsafe),
                          state: distinct(genState), old: distinct(genOld) };
