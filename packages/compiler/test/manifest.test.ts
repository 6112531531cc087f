/**
 * The manifest the compiler writes, read back through the contract's shape check: which function holds each role
 * (decided once, here, from the inferred types) and the Rust path of each function, as the emitted crate spells it.
 * No cargo runs: the manifest is built from the typed module.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseManifest, type Manifest } from '@ingot/contract';
import '../src/registry';
import { frontend } from '../src/pipeline';
import { buildManifest } from '../src/emit/manifest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-manifest-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Compiles `source` as `<name>.py` (entry `entry`, or the default entries) to its manifest, shape-checked. */
async function manifestOf(name: string, source: string, entry?: string): Promise<Manifest> {
  const file = path.join(dir, `${name}.py`);
  fs.writeFileSync(file, source);
  const fe = await frontend({ file, entry });
  if (!fe.typed) throw new Error(fe.diagnostics.map((d) => d.message).join('\n'));
  // Through JSON, as a reader gets it.
  return parseManifest(JSON.parse(JSON.stringify(buildManifest(fe.typed, `${name}.py`))), `${name}/manifest.json`);
}

const roles = (m: Manifest) => Object.fromEntries(m.functions.map((f) => [f.name, f.role]));

test('the first embedding-shaped entry is the embedding function; a 1-D result or a required second parameter is not', async () => {
  const m = await manifestOf(
    'roles',
    [
      'import numpy as np',
      'def lengths(texts: list[str]) -> np.ndarray:',
      '    return np.array([float(len(t)) for t in texts], dtype=np.float32)',
      'def needs_two(texts: list[str], k: int) -> np.ndarray:',
      '    return np.array([[float(k)] for t in texts], dtype=np.float32)',
      'def embed(texts: list[str], scale: float = 1.0) -> np.ndarray:',
      '    return np.array([[float(len(t)) * scale, 1.0] for t in texts], dtype=np.float32)',
      'def embed_again(texts: list[str]) -> np.ndarray:',
      '    return np.array([[float(len(t))] for t in texts], dtype=np.float32)',
      '',
    ].join('\n'),
  );
  expect(roles(m)).toEqual({ lengths: 'entry', needs_two: 'entry', embed: 'embedding', embed_again: 'entry' });
});

test('a module without a tokenizer has no token counter or decoder', async () => {
  const m = await manifestOf('plain', 'def f(x: int) -> int:\n    return x\n');
  expect(m.functions.map((f) => [f.name, f.role])).toEqual([['f', 'entry']]);
});

test('Rust paths follow the emitter: keywords renamed or raw, the reserved prefix guarded, generators with a stream', async () => {
  const source = fs.readFileSync(
    path.join(__dirname, '../../bindings/node/test/fixtures/keywords/keywords.py'),
    'utf8',
  );
  const m = await manifestOf('keywords', source);
  expect(m.functions.map((f) => [f.name, f.rust])).toEqual([
    ['crate', { function: 'crate_', stream: null }],
    ['self', { function: 'self_', stream: null }],
    ['type', { function: 'r#type', stream: null }],
    ['super', { function: 'super_', stream: '__stream_super' }],
  ]);
  const dunder = await manifestOf('dunder', 'def __x(a: float) -> float:\n    return a\n', '__x');
  expect(dunder.functions[0]!.rust).toEqual({ function: 'py__x', stream: null });
});

describe('the shape check', () => {
  const fn = {
    name: 'f',
    signature: 'f() -> int',
    params: [],
    returns: { kind: 'int' },
    stream: false,
    c_symbol: null,
  };
  const manifest = (...functions: object[]) => ({ abi_version: 1, name: 'm', functions, resources: [] });
  const entry = { ...fn, role: 'entry', rust: { function: 'f', stream: null } };

  test.each<[string, object[], string]>([
    ['a function without a role', [fn], `m.json: function 'f' has no "role" (recompile with a current ingot)`],
    [
      'an unknown role',
      [{ ...entry, role: 'summarize' }],
      `m.json: function 'f': unknown role "summarize" (known: entry, embedding, token_counter, token_decoder, chat, chat_token_counter, rerank, rerank_token_counter)`,
    ],
    [
      'two embedding functions',
      [
        { ...entry, role: 'embedding' },
        { ...entry, name: 'g', role: 'embedding' },
      ],
      `m.json: function 'g': role 'embedding' is already held by 'f'`,
    ],
    ['a function without Rust paths', [{ ...fn, role: 'entry' }], `m.json: function 'f' has no "rust" paths`],
    [
      'a generator without a stream path',
      [{ ...entry, returns: { kind: 'stream', item: { kind: 'int' } } }],
      `m.json: function 'f': "rust.stream" must be given exactly when the function is a generator`,
    ],
  ])('rejects %s', (_, functions, message) => {
    expect(() => parseManifest(manifest(...functions), 'm.json')).toThrow(message);
  });

  test('older manifests without crate, structs and enums read with the module name and empty lists', () => {
    expect(parseManifest(manifest(entry), 'm.json')).toMatchObject({
      crate: { package: 'm', lib: 'm' },
      structs: [],
      enums: [],
    });
  });
});
