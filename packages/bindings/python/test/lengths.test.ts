// Length control in the generated Python client, on examples/minilm/minilm.py compiled with the tiny BERT fixture
// (all-MiniLM-L6-v2's tokenizer, model_max_length 512, but the model has 64 positions, so its limit is 64): `count_tokens` gives each text's untruncated tokens and the
// model's limit, and `truncate=False` makes an over-long input the same BadRequestError the server answers.

import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { compileTinyMinilm } from '../../node/test/tinyMinilm';
import { outDir, Venv } from './venv';

const OUT = outDir('lengths');
/** "Which planet is known as the Red Planet?" with all-MiniLM-L6-v2's tokenizer: 11 tokens with [CLS] and [SEP]. */
const PLANET = 'Which planet is known as the Red Planet?';
/** 600 words of one token each, plus [CLS] and [SEP]: 602 tokens. */
const LONG = Array.from({ length: 600 }, () => 'red').join(' ');

let venv: Venv;

beforeAll(async () => {
  const compileDir = compileTinyMinilm(path.join(OUT, 'compiled-minilm'));
  const r = await generatePythonPackage({ compileDir, outDir: path.join(OUT, 'minilm') });
  venv = new Venv();
  venv.install(r.wheel);
});

afterAll(() => {
  venv?.remove();
});

const prelude = `import json\nfrom minilm import Client, BadRequestError\nPLANET = ${JSON.stringify(PLANET)}\nLONG = ${JSON.stringify(LONG)}`;

test('count_tokens: untruncated counts and the limit', () => {
  expect(
    venv.run(
      'r = Client().count_tokens(model="minilm", input=[PLANET, LONG])\nprint(json.dumps(r.model_dump()))',
      prelude,
    ),
  ).toEqual({ model: 'minilm', counts: [11, 602], total: 613, max_model_len: 64 });
});

test('truncate=False: an over-long input is a BadRequestError stating its tokens and the limit', () => {
  const out = venv.run(
    'c = Client()\n' +
      'try:\n    c.embeddings.create(model="minilm", input=[PLANET, LONG], truncate=False)\n    err = None\n' +
      'except BadRequestError as e:\n    err = [e.status_code, e.body]\n' +
      'ok = c.embeddings.create(model="minilm", input=PLANET, truncate=False)\n' +
      'print(json.dumps({"err": err, "ok": ok.usage.prompt_tokens}))',
    prelude,
  );
  expect(out).toEqual({
    err: [
      400,
      {
        message:
          "'input[1]' is 602 tokens, more than the 64 tokens the model `minilm` takes per input; shorten it, or leave " +
          "'truncate' on to embed its first tokens",
        type: 'invalid_request_error',
        param: 'input',
        code: 'context_length_exceeded',
      },
    ],
    ok: 11,
  });
});
