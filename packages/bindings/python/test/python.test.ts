// The Python target end to end: generate packages from the Node generator's hand-written fixtures (fma: scalars, lists,
// dicts, optionals, errors, a panic; embed: a fake embedding model), install the wheels into a fresh venv offline,
// and use them the way users do, from a plain `python` process.

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePythonPackage, MATURIN_VERSION } from '../src';
import { compileTinyMinilm, MINILM_VOCAB, minilmIds } from '../../node/test/tinyMinilm';
import { FIXTURES, outDir, Venv } from './venv';

const OUT = outDir('main');

let venv: Venv;
const wheels: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['fma', 'embed']) {
    const r = await generatePythonPackage({ compileDir: path.join(FIXTURES, name), outDir: path.join(OUT, name) });
    wheels[name] = r.wheel;
  }
  venv = new Venv();
  venv.install(wheels.fma!, wheels.embed!);
});

afterAll(() => {
  venv?.remove();
});

/** Runs `code` in the venv's python, from a directory without the package sources; returns the JSON it prints last. */
function py(code: string): unknown {
  return venv.run(code);
}

/** The exception a call raises, as the caller sees it. */
function raised(imports: string, call: string): unknown {
  return py(
    `${imports}\ntry:\n    ${call}\n    out = None\nexcept Exception as e:\n` +
      `    out = {"cls": type(e).__name__, "msg": str(e), "bases": [b.__name__ for b in type(e).__mro__[1:3]]}\nprint(json.dumps(out))`,
  );
}

/** A TypeError raised by the wrapper itself (not by compiled code, so not an IngotError), with its message. */
const typeError = (msg: string) => ({ cls: 'TypeError', msg, bases: ['Exception', 'BaseException'] });

describe('wheel', () => {
  test('is built by maturin with a manylinux tag and installs offline', () => {
    expect(path.basename(wheels.fma!)).toMatch(
      /^fma-0\.1\.0-py3-none-manylinux_2_\d+_(x86_64|aarch64)(\.manylinux\w+)*\.whl$/,
    );
    const info = py(
      'import fma, importlib.metadata as m\nd = m.distribution("fma")\n' +
        'print(json.dumps([d.version, d.read_text("WHEEL"), d.metadata["Summary"]]))',
    ) as [string, string, string];
    expect(info[0]).toBe('0.1.0');
    expect(info[1]).toMatch(new RegExp(`^Generator: maturin \\(${MATURIN_VERSION.replace(/\./g, '\\.')}\\)$`, 'm'));
    expect(info[1]).toMatch(/^Tag: py3-none-manylinux_2_\d+_/m);
    expect(info[2]).toBe('Native bindings for the Python module fma, compiled by Ingot');
  });

  test('a missing maturin is a clear error naming the pinned requirements', async () => {
    const saved = process.env.INGOT_PYTHON;
    process.env.INGOT_PYTHON = 'python-that-does-not-exist';
    try {
      await expect(
        generatePythonPackage({ compileDir: path.join(FIXTURES, 'fma'), outDir: path.join(OUT, 'no-maturin') }),
      ).rejects.toThrow(
        /builds wheels with maturin 1\.\d+\.\d+.*pip install -r tools\/python-packaging\/requirements\.txt/,
      );
    } finally {
      if (saved === undefined) delete process.env.INGOT_PYTHON;
      else process.env.INGOT_PYTHON = saved;
    }
  });
});

describe('typed functions', () => {
  test('scalars cross natively: fma(3, -1, 2) == -1.0', () => {
    expect(py('from fma import fma\nprint(json.dumps([fma(3, -1, 2), fma(1.5, 2.0, 0.25)]))')).toEqual([-1, 3.25]);
  });

  test('defaults, lists, optionals and dicts keep their Python shapes', () => {
    expect(
      py(
        'from fma import prefix, scale, greet, count_words, check_even\n' +
          'print(json.dumps([prefix(["a"]), prefix(["a"], task="search result"), scale([1, 2.5]), greet("x"), greet("x", "?"), count_words("a b a"), check_even(2)]))',
      ),
    ).toEqual([
      ['title: none | text: a'],
      ['task: search result | query: a'],
      [2, 5],
      'Hello, x!',
      'Hello, x?',
      { a: 2, b: 1 },
      null,
    ]);
  });

  test('a Python exception arrives as that exception class, with the "Kind: msg" message', () => {
    expect(raised('from fma import require_positive', 'require_positive(-1)')).toEqual({
      cls: 'ValueError',
      msg: 'ValueError: x must be positive, got -1.0',
      bases: ['IngotError', 'ValueError'],
    });
    expect(raised('from fma import prefix', 'prefix(["a"], "nope")')).toEqual({
      cls: 'KeyError',
      msg: "KeyError: 'nope'",
      bases: ['IngotError', 'KeyError'],
    });
  });

  test('a Rust panic is a RuntimeError and the process survives', () => {
    expect(raised('from fma import boom', 'boom(1)')).toEqual({
      cls: 'RuntimeError',
      msg: 'RuntimeError: panic in native code: boom 1',
      bases: ['IngotError', 'RuntimeError'],
    });
  });

  test('a wrong argument type is a TypeError naming the function and the parameter, before native code runs', () => {
    expect(raised('from fma import fma', 'fma("a", 1, 2)')).toEqual(
      typeError("fma(): argument 'x' must be a float, got str"),
    );
    expect(raised('from fma import boom', 'boom(1.5)')).toEqual(
      typeError("boom(): argument 'n' must be an int, got float"),
    );
    expect(raised('from fma import greet', 'greet("x", 3)')).toEqual(
      typeError("greet(): argument 'punct' must be a str, got int"),
    );
    expect(raised('from fma import prefix', 'prefix(["a", 2])')).toEqual(
      typeError("prefix(): argument 'texts[1]' must be a str, got int"),
    );
    expect(raised('from fma import boom', 'boom(2**63)')).toMatchObject({ cls: 'OverflowError' });
  });

  test('a str where a list of str is declared is a TypeError, not a list of its characters', () => {
    expect(raised('from fma import prefix', 'prefix("ab")')).toEqual(
      typeError("prefix(): argument 'texts' must be a list, got str"),
    );
    expect(raised('from embed import embed', 'embed("ab")')).toEqual(
      typeError("embed(): argument 'texts' must be a list, got str"),
    );
    // Ints and tuples still pass where Python takes them: an int for a float, a tuple for a list.
    expect(py('from fma import fma, prefix\nprint(json.dumps([fma(1, 2, 3), prefix(("a",))]))')).toEqual([
      5,
      ['title: none | text: a'],
    ]);
  });
});

describe('OpenAI-style client', () => {
  test('embeddings.create answers with the SDK response shape', () => {
    const out = py(
      'from embed import Client\n' +
        'r = Client(api_key="unused").embeddings.create(model="embed", input=["Which planet is red?", "Mars"])\n' +
        'print(json.dumps({"object": r.object, "model": r.model, "n": len(r.data), "index": [d.index for d in r.data],' +
        ' "dim": len(r.data[0].embedding), "kind": r.data[0].object, "norm": sum(x * x for x in r.data[0].embedding),' +
        ' "usage": [r.usage.prompt_tokens, r.usage.total_tokens], "dump": sorted(r.model_dump())}))',
    );
    // The fixture's fake tokenizer counts UTF-8 bytes: 20 + 4.
    expect(out).toMatchObject({
      object: 'list',
      model: 'embed',
      n: 2,
      index: [0, 1],
      dim: 8,
      kind: 'embedding',
      usage: [24, 24],
    });
    expect((out as { norm: number }).norm).toBeCloseTo(1, 5);
    expect((out as { dump: string[] }).dump).toEqual(['data', 'model', 'object', 'usage']);
  });

  test('the client matches the typed function, and dimensions truncates and renormalises', () => {
    const out = py(
      'import math\nfrom embed import Client, embed\n' +
        'm = embed(["Mars"]).tolist()[0]\n' +
        'full = Client().embeddings.create(model="embed", input="Mars").data[0].embedding\n' +
        'cut = Client().embeddings.create(model="embed", input="Mars", dimensions=3).data[0].embedding\n' +
        'n = math.sqrt(sum(x * x for x in full[:3]))\n' +
        'print(json.dumps({"same": max(abs(a - b) for a, b in zip(m, full)), "len": len(cut), "err": max(abs(c - f / n) for c, f in zip(cut, full[:3]))}))',
    );
    expect(out).toMatchObject({ len: 3 });
    expect((out as { same: number }).same).toBeLessThan(1e-6);
    expect((out as { err: number }).err).toBeLessThan(1e-6);
  });

  test('base64 is little-endian float32', () => {
    const out = py(
      'import base64, struct\nfrom embed import Client\n' +
        'c = Client()\nb = c.embeddings.create(model="embed", input="Mars", encoding_format="base64").data[0].embedding\n' +
        'f = c.embeddings.create(model="embed", input="Mars").data[0].embedding\n' +
        'raw = base64.b64decode(b)\nvals = struct.unpack("<%df" % (len(raw) // 4), raw)\n' +
        'print(json.dumps({"isStr": isinstance(b, str), "diff": max(abs(a - b) for a, b in zip(vals, f))}))',
    );
    expect(out).toEqual({ isStr: true, diff: 0 });
  });

  test('an unknown model raises NotFoundError with status_code 404', () => {
    const out = py(
      'from embed import Client, NotFoundError, APIStatusError\n' +
        'try:\n    Client().embeddings.create(model="gpt-4", input="x")\n    out = None\n' +
        'except NotFoundError as e:\n    out = {"status": e.status_code, "code": e.code, "param": e.param, "type": e.type, "api": isinstance(e, APIStatusError), "msg": str(e)}\n' +
        'print(json.dumps(out))',
    );
    expect(out).toMatchObject({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      type: 'invalid_request_error',
      api: true,
    });
    expect((out as { msg: string }).msg).toMatch(/^Error code: 404 - .*gpt-4/);
  });

  test('a model error raised in Rust reaches the caller of the typed function', () => {
    expect(raised('from embed import embed', 'embed(["a"], task="nope")')).toMatchObject({
      cls: 'KeyError',
      msg: "KeyError: 'nope'",
    });
  });

  test("token ids are decoded by the module's ingot_token_decode, then embedded; usage counts the ids", () => {
    // The fixture's fake tokenizer: a text's tokens are its UTF-8 bytes.
    const out = py(
      'from embed import Client, ingot_token_decode\n' +
        'c = Client()\n' +
        'ids = [list("Mars".encode()), list("héllo".encode())]\n' +
        'r = c.embeddings.create(model="embed", input=ids)\n' +
        't = c.embeddings.create(model="embed", input=["Mars", "héllo"])\n' +
        'f = c.embeddings.create(model="embed", input=tuple(ids[0]))\n' +
        'print(json.dumps({"decoded": ingot_token_decode(ids), "same": [d.embedding for d in r.data] == [d.embedding for d in t.data],' +
        ' "flat": f.data[0].embedding == t.data[0].embedding, "usage": [r.usage.prompt_tokens, r.usage.total_tokens, f.usage.prompt_tokens, t.usage.prompt_tokens]}))',
    );
    expect(out).toEqual({ decoded: ['Mars', 'héllo'], same: true, flat: true, usage: [10, 10, 4, 10] });
  });

  test('a bad token id, and mixed, empty or non-integer token input, are BadRequestError on input', () => {
    const out = py(
      'from embed import Client, BadRequestError\n' +
        'c = Client()\n' +
        'out = []\n' +
        'for inp in [[[77, 300]], [-1], [[1, 2], 3], [], [[1], []], [1, 2.0], [[1, True]], ["a", [1]], [[1, 2**64]], 5]:\n' +
        '    try:\n' +
        '        c.embeddings.create(model="embed", input=inp)\n' +
        '        out.append(None)\n' +
        '    except BadRequestError as e:\n' +
        '        out.append([e.status_code, e.param, e.code, e.body["message"]])\n' +
        'print(json.dumps(out))',
    ) as [number, string, string | null, string][];
    for (const e of out) expect(e.slice(0, 3)).toEqual([400, 'input', null]);
    expect(out.map((e) => e[3])).toEqual([
      "token id 300 is not in the tokenizer's vocabulary of 256 tokens",
      "token id -1 is not in the tokenizer's vocabulary of 256 tokens",
      "'input' must be a string, a list of strings, a list of token ids (integers) or a list of lists of token ids; the list mixes them or holds something else",
      "'input' must not be empty",
      "'input[1]' is an empty list of token ids",
      "'input[1]' must be an integer token id, got 2.0",
      "'input[0][1]' must be an integer token id, got True",
      "'input' must be a string, a list of strings, a list of token ids (integers) or a list of lists of token ids; the list mixes them or holds something else",
      "'input[0][1]' is not a token id: 18446744073709551616 is out of range",
      "'input' must be a string, a list of strings, a list of token ids (integers) or a list of lists of token ids, got int",
    ]);
  });

  test('token-id input to a model without a tokenizer is a BadRequestError with code unsupported_input', () => {
    // The client template itself, over a model table whose embedding function has no decoder.
    const templates = path.join(__dirname, '..', '..', '..', '..', 'bindings-templates', 'python');
    const r = spawnSync(
      'python3',
      [
        '-c',
        `import json, sys
sys.path.insert(0, ${JSON.stringify(templates)})
from _ingot_client import make_client_class, BadRequestError
` +
          'Client = make_client_class({"m": lambda texts: ((len(texts), 1), b"\\x00\\x00\\x80\\x3f" * len(texts))})\n' +
          'ok = Client().embeddings.create(model="m", input="x")\n' +
          'try:\n    Client().embeddings.create(model="m", input=[[1, 2]])\n    err = None\n' +
          'except BadRequestError as e:\n    err = [e.status_code, e.param, e.code, e.body["message"]]\n' +
          'print(json.dumps({"ok": [ok.data[0].embedding, ok.usage.prompt_tokens], "err": err}))',
      ],
      { cwd: os.tmpdir(), encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`python3 exited ${r.status}: ${r.stderr}`);
    expect(JSON.parse(r.stdout.trim())).toEqual({
      ok: [[1], 0],
      err: [
        400,
        'input',
        'unsupported_input',
        'the model `m` has no tokenizer to decode token ids with; send the text instead',
      ],
    });
  });
});

describe("token-id input with a real tokenizer (all-MiniLM-L6-v2's, over tiny weights)", () => {
  const samples = minilmIds();

  beforeAll(async () => {
    const compileDir = compileTinyMinilm(path.join(OUT, 'compiled-minilm'));
    const r = await generatePythonPackage({ compileDir, outDir: path.join(OUT, 'minilm') });
    venv.install(r.wheel);
  });

  test('token ids embed exactly as the text they came from, and usage counts the ids', () => {
    const out = py(
      'from minilm import Client, ingot_token_decode\n' +
        `samples = json.loads(${JSON.stringify(JSON.stringify(samples))})
` +
        'c = Client()\n' +
        'ids = c.embeddings.create(model="minilm", input=[s["ids"] for s in samples])\n' +
        'text = c.embeddings.create(model="minilm", input=[s["text"] for s in samples])\n' +
        'diff = max(abs(a - b) for x, y in zip(ids.data, text.data) for a, b in zip(x.embedding, y.embedding))\n' +
        'print(json.dumps({"diff": diff, "n": len(ids.data), "usage": [ids.usage.prompt_tokens, text.usage.prompt_tokens],' +
        ' "decoded": ingot_token_decode([[101, 7592, 1010, 2088, 999, 102]])}))',
    ) as { diff: number; n: number; usage: number[]; decoded: string[] };
    const n = samples.reduce((a, s) => a + s.ids.length, 0);
    expect(out.n).toBe(samples.length);
    expect(out.diff).toBeLessThanOrEqual(1e-6);
    expect(out.usage).toEqual([n, n]);
    expect(out.decoded).toEqual(['hello, world!']);
  });

  test('a token id outside the vocabulary is a BadRequestError naming the id and the vocabulary size', () => {
    expect(
      raised(
        'from minilm import Client',
        `Client().embeddings.create(model="minilm", input=[[101, ${MINILM_VOCAB}, 102]])`,
      ),
    ).toEqual({
      cls: 'BadRequestError',
      msg: `Error code: 400 - {'error': {'message': "token id ${MINILM_VOCAB} is not in the tokenizer's vocabulary of ${MINILM_VOCAB} tokens", 'type': 'invalid_request_error', 'param': 'input', 'code': None}}`,
      bases: ['APIStatusError', 'APIError'],
    });
    expect(raised('from minilm import ingot_token_decode', 'ingot_token_decode([[-3]])')).toEqual({
      cls: 'ValueError',
      msg: `ValueError: token id -3 is not in the tokenizer's vocabulary of ${MINILM_VOCAB} tokens`,
      bases: ['IngotError', 'ValueError'],
    });
  });
});
