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
import { emitLib } from '../src/emit/rust';

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

test('a NamedTuple crosses as the tuple of its fields and tuple[T, ...] as a list; neither is a struct', async () => {
  const m = await manifestOf(
    'tuples',
    [
      'from typing import NamedTuple',
      'class Span(NamedTuple):',
      '    start: int',
      '    label: str = "O"',
      'class Doc(NamedTuple):',
      '    spans: list[Span]',
      '    shape: tuple[int, ...]',
      'def spans(doc: Doc, extra: tuple[Span, ...]) -> list[Span]:',
      '    return doc.spans + list(extra)',
    ].join('\n'),
  );
  const f = m.functions.find((x) => x.name === 'spans')!;
  const span = { kind: 'tuple', items: [{ kind: 'int' }, { kind: 'str' }] };
  expect(f.params.map((p) => p.type)).toEqual([
    {
      kind: 'tuple',
      items: [
        { kind: 'list', item: span },
        { kind: 'list', item: { kind: 'int' } },
      ],
    },
    { kind: 'list', item: span },
  ]);
  expect(f.returns).toEqual({ kind: 'list', item: span });
  expect(m.structs).toEqual([]);
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
      `m.json: function 'f': unknown role "summarize" (known: entry, embedding, token_counter, token_ids, token_decoder, embedding_truncating, chat, chat_token_counter, rerank, rerank_token_counter)`,
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

describe("the embedding function's prompts (input_type)", () => {
  const fixture = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'models', 'gemma_tiny');
  /** A copy of the tiny EmbeddingGemma folder (files linked) with its own sentence-transformers settings. */
  function variant(name: string, st: Record<string, unknown>, pooling?: Record<string, unknown>): string {
    const out = path.join(dir, name);
    fs.cpSync(fixture, out, { recursive: true });
    fs.writeFileSync(path.join(out, 'config_sentence_transformers.json'), JSON.stringify(st));
    if (pooling) {
      const p = path.join(out, '1_Pooling', 'config.json');
      fs.writeFileSync(p, JSON.stringify({ ...JSON.parse(fs.readFileSync(p, 'utf8')), ...pooling }));
    }
    return out;
  }
  const PROMPTS = { query: 'task: search result | query: ', document: 'title: none | text: ' };
  const module = (folder: string, body: string[], params = 'texts: list[str]') =>
    [
      'import numpy as np',
      'from sentence_transformers import SentenceTransformer',
      `model = SentenceTransformer(${JSON.stringify(folder)})`,
      `def embed(${params}) -> np.ndarray:`,
      ...body.map((l) => `    ${l}`),
      '',
    ].join('\n');
  const promptsOf = (m: Manifest) => m.functions.find((f) => f.role === 'embedding')!.embedding;

  test("texts passed unchanged to a plain encode: the model's prompts", async () => {
    const m = await manifestOf('prompts_plain', module(fixture, ['return model.encode(texts)']));
    expect(promptsOf(m)).toEqual({ prompts: PROMPTS });
  });

  test('a function that picks a prompt, changes its texts or encodes twice offers none', async () => {
    for (const [name, body] of [
      ['prompts_named', ['return model.encode(texts, prompt_name="query")']],
      ['prompts_query', ['return model.encode_query(texts)']],
      ['prompts_changed', ['texts = [t.lower() for t in texts]', 'return model.encode(texts)']],
      ['prompts_built', ['return model.encode([t.lower() for t in texts])']],
      ['prompts_twice', ['a = model.encode(texts)', 'return model.encode(texts) + a']],
    ] as const) {
      const m = await manifestOf(name, module(fixture, [...body]));
      expect([name, promptsOf(m)]).toEqual([name, { prompts: {} }]);
    }
  });

  test('a default prompt already applied, or a Pooling that leaves prompt tokens out, offers none', async () => {
    const withDefault = variant('gemma_default', { prompts: PROMPTS, default_prompt_name: 'document' });
    expect(promptsOf(await manifestOf('prompts_default', module(withDefault, ['return model.encode(texts)'])))).toEqual(
      { prompts: {} },
    );
    const excluded = variant('gemma_excluded', { prompts: PROMPTS }, { include_prompt: false });
    expect(promptsOf(await manifestOf('prompts_excluded', module(excluded, ['return model.encode(texts)'])))).toEqual({
      prompts: {},
    });
  });

  test('the embedding function has a generated twin that truncates on a side chosen per call', async () => {
    const src = module(fixture, ['return model.encode(texts)'], 'texts: list[str], task: str = "query"');
    const m = await manifestOf('truncating', src);
    const twin = m.functions.find((f) => f.role === 'embedding_truncating')!;
    const embed = m.functions.find((f) => f.role === 'embedding')!;
    expect(twin).toMatchObject({
      name: 'ingot_embed_truncating',
      params: [
        { name: 'texts', type: { kind: 'list', item: { kind: 'str' } } },
        { name: 'side', type: { kind: 'str' } },
      ],
      returns: embed.returns,
      rust: { function: 'ingot_embed_truncating', stream: null },
    });
    // The Rust calls the embedding function with its other parameters at their defaults, inside the call-scoped side.
    const file = path.join(dir, 'truncating.py');
    const fe = await frontend({ file });
    const rust = emitLib(fe.typed!, src);
    expect(rust).toContain('let side = ml::Side::parse(&side).map_err(rt::PyErr::from)?;');
    expect(rust).toContain('ml::with_truncation_side(side, || embed(texts, "query".to_string()))');
    // A module without a tokenizer has nothing to truncate with, so no twin.
    const plain = await manifestOf(
      'no_tokenizer',
      'import numpy as np\ndef embed(texts: list[str]) -> np.ndarray:\n    return np.zeros((len(texts), 4), dtype=np.float32)\n',
    );
    expect(plain.functions.map((f) => f.role)).toEqual(['embedding']);
  });

  test('only the embedding function carries the entry, and the contract checks its shape', async () => {
    const m = await manifestOf('prompts_only', module(fixture, ['return model.encode(texts)']));
    expect(m.functions.filter((f) => f.embedding).map((f) => f.role)).toEqual(['embedding']);
    const raw = JSON.parse(JSON.stringify(m)) as { functions: { role: string; embedding?: unknown }[] };
    raw.functions.find((f) => f.role === 'embedding')!.embedding = { prompts: { query: 5 } };
    expect(() => parseManifest(raw, 'bad/manifest.json')).toThrow(/"embedding" is only on the embedding function/);
  });
});
