// Writes cases/openai/embeddings.json: the embeddings conformance cases, with each expected response computed from the
// fixture model's definition (packages/bindings/node/test/fixtures/embed/crate/src/lib.rs: a histogram of the prompt's
// UTF-8 bytes over 8 bins, unit length in f64, rounded to f32; its tokenizer's tokens are the text's UTF-8 bytes, of
// which it keeps the first MAX_TOKENS).
// Run it after changing a request below; every client runner then checks its answers against the file.
// Usage: node packages/contract/scripts/embeddings-cases.mjs
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PREFIX = 'title: none | text: ';
const MODEL = 'embed';
const MAX_TOKENS = 64;

/** The tokens the fixture's tokenizer keeps of a text: its first MAX_TOKENS UTF-8 bytes, or its last on the left side. */
function kept(text, side = 'right') {
  const b = Buffer.from(text, 'utf8');
  return side === 'left' ? b.subarray(Math.max(0, b.length - MAX_TOKENS)) : b.subarray(0, MAX_TOKENS);
}

function row(text, side = 'right') {
  const r = new Array(8).fill(0);
  Buffer.concat([Buffer.from(PREFIX, 'utf8'), kept(text, side)]).forEach((b, i) => (r[(b + i) % 8] += 1));
  const norm = Math.sqrt(r.reduce((a, x) => a + x * x, 0));
  return r.map((x) => Math.fround(x / norm));
}
function cut(r, dims) {
  if (dims >= r.length) return r;
  const head = r.slice(0, dims);
  const norm = Math.sqrt(head.reduce((a, x) => a + x * x, 0));
  return head.map((x) => Math.fround(x / norm));
}
function b64(r) {
  const b = Buffer.alloc(r.length * 4);
  r.forEach((x, i) => b.writeFloatLE(x, i * 4));
  return b.toString('base64');
}
// The extension formats, as sentence-transformers' quantize_embeddings computes them in float32 with the fixed
// ranges [-1, 1] (the runtime's QUANTIZATION_RANGE); packages/contract/test/quantize.test.ts checks these rules
// against sentence-transformers itself.
function quantize(r, format) {
  if (format === 'int8' || format === 'uint8') {
    const step = Math.fround(2 / 255);
    return r.map(
      (x) =>
        Math.min(255, Math.max(0, Math.floor(Math.fround(Math.fround(x + 1) / step)))) - (format === 'int8' ? 128 : 0),
    );
  }
  const out = new Array(Math.ceil(r.length / 8)).fill(0);
  r.forEach((x, i) => {
    if (x > 0) out[i >> 3] |= 0x80 >> (i & 7);
  });
  return format === 'binary' ? out.map((b) => b - 128) : out;
}
const bytes = (t) => [...Buffer.from(t, 'utf8')];
/** An input longer than the fixture takes (90 bytes). */
const LONG = 'Mars is the fourth planet from the Sun; its red colour comes from iron oxide on its surface.';
const tokens = (t) => kept(t).length;

/** The success response for texts (and the token count `usage` reports). */
function ok(texts, { dimensions = null, format = 'float', usage = null, side = 'right' } = {}) {
  const data = texts.map((t, index) => {
    const r = dimensions === null ? row(t, side) : cut(row(t, side), dimensions);
    const embedding = format === 'base64' ? b64(r) : format === 'float' ? r : quantize(r, format);
    return { object: 'embedding', index, embedding };
  });
  const n = usage ?? texts.reduce((a, t) => a + tokens(t), 0);
  return { object: 'list', data, model: MODEL, usage: { prompt_tokens: n, total_tokens: n } };
}
const bad = (param, extra = {}) => ({ status: 400, type: 'invalid_request_error', param, code: null, ...extra });
const notFound = { status: 404, type: 'invalid_request_error', param: 'model', code: 'model_not_found' };

// `typed: false` marks a request that a statically typed client API (Kotlin, Swift) cannot express: a JSON value of
// the wrong type, an unknown or missing field. Every other case runs in every client.
const cases = [
  ['text-single', 'one string is one embedding; usage counts its tokens', { input: 'Mars' }, ok(['Mars'])],
  [
    'text-list',
    'a list of strings, in order',
    { input: ['Which planet is red?', 'Mars'] },
    ok(['Which planet is red?', 'Mars']),
  ],
  ['text-unicode', "text is UTF-8; tokens are the tokenizer's", { input: ['héllo ✓'] }, ok(['héllo ✓'])],
  [
    'tokens-flat',
    "an array of token ids is one input, decoded by the model's tokenizer; usage counts the ids",
    { input: bytes('Mars') },
    ok(['Mars']),
  ],
  [
    'tokens-nested',
    'an array of arrays of token ids is one input each',
    { input: [bytes('Mars'), bytes('Hi')] },
    ok(['Mars', 'Hi']),
  ],
  [
    'base64',
    'base64 is the little-endian f32 bytes',
    { input: 'Mars', encoding_format: 'base64' },
    ok(['Mars'], { format: 'base64' }),
  ],
  ['format-float', 'encoding_format float is the default', { input: ['Mars'], encoding_format: 'float' }, ok(['Mars'])],
  [
    'format-null',
    'a null optional field is not given',
    { input: 'Mars', encoding_format: null, dimensions: null, user: null },
    ok(['Mars']),
    false,
  ],
  [
    'dimensions-cut',
    'dimensions keeps the first components, renormalised',
    { input: ['Mars', 'Hi'], dimensions: 3 },
    ok(['Mars', 'Hi'], { dimensions: 3 }),
  ],
  [
    'dimensions-cut-base64',
    'dimensions and base64 together',
    { input: 'Mars', dimensions: 3, encoding_format: 'base64' },
    ok(['Mars'], { dimensions: 3, format: 'base64' }),
  ],
  [
    'dimensions-full',
    'dimensions equal to the width leaves the vector unchanged',
    { input: 'Mars', dimensions: 8 },
    ok(['Mars']),
  ],
  [
    'dimensions-one',
    'dimensions 1 is a unit vector of one component',
    { input: 'Mars', dimensions: 1 },
    ok(['Mars'], { dimensions: 1 }),
  ],
  ...['int8', 'uint8', 'binary', 'ubinary'].map((format) => [
    `format-${format}`,
    `encoding_format ${format} (extension): sentence-transformers' quantisation`,
    { input: ['Mars', 'Which planet is red?'], encoding_format: format },
    ok(['Mars', 'Which planet is red?'], { format }),
  ]),
  [
    'format-ubinary-dimensions',
    'ubinary after dimensions: ceil(dimensions / 8) bytes, zero-padded',
    { input: 'Which planet is red?', dimensions: 5, encoding_format: 'ubinary' },
    ok(['Which planet is red?'], { dimensions: 5, format: 'ubinary' }),
  ],
  [
    'format-int8-dimensions',
    'int8 after dimensions quantises the renormalised vector',
    { input: 'Mars', dimensions: 3, encoding_format: 'int8' },
    ok(['Mars'], { dimensions: 3, format: 'int8' }),
  ],
  // input_type (extension): the fixture's manifest lists the prompts {query: "query: ", passage: "passage: "}.
  [
    'input-type-query',
    "input_type puts the model's prompt of that name before each input; usage counts the prompt's tokens too",
    { input: ['Mars', 'Hi'], input_type: 'query' },
    ok(['query: Mars', 'query: Hi']),
  ],
  [
    'input-type-tokens',
    'token ids are decoded, then the prompt put before the text; usage counts the ids given',
    { input: [bytes('Mars')], input_type: 'passage' },
    ok(['passage: Mars'], { usage: 4 }),
  ],
  [
    'input-type-with-format',
    'input_type with dimensions and an extension format',
    { input: 'Mars', input_type: 'query', dimensions: 5, encoding_format: 'uint8' },
    ok(['query: Mars'], { dimensions: 5, format: 'uint8' }),
  ],
  ['input-type-null', 'a null input_type is not given', { input: 'Mars', input_type: null }, ok(['Mars']), false],
  [
    'error-input-type-unknown',
    'a prompt name the model does not have',
    { input: 'Mars', input_type: 'document' },
    { ...bad('input_type'), code: 'invalid_input_type' },
  ],
  ['error-input-type-not-string', 'input_type is a string', { input: 'Mars', input_type: 5 }, bad('input_type'), false],
  // truncate (extension, TEI's name): the fixture's tokenizer keeps 64 tokens (bytes) per input.
  [
    'truncate-default',
    'by default an input longer than the model takes is cut by its tokenizer; usage counts the tokens it kept',
    { input: ['Mars', LONG] },
    ok(['Mars', LONG]),
  ],
  ['truncate-true', 'truncate true is the default', { input: LONG, truncate: true }, ok([LONG])],
  [
    'truncate-false-fits',
    'truncate false embeds inputs that fit, up to exactly the limit, unchanged',
    { input: ['Mars', LONG.slice(0, MAX_TOKENS)], truncate: false },
    ok(['Mars', LONG.slice(0, MAX_TOKENS)]),
  ],
  [
    'error-truncate-false-too-long',
    'truncate false: an input longer than the model takes is a 400 stating its tokens and the limit',
    { input: ['Mars', LONG], truncate: false },
    { ...bad('input'), code: 'context_length_exceeded' },
  ],
  [
    'error-truncate-false-one-over',
    'one token over the limit is over it',
    { input: LONG.slice(0, MAX_TOKENS + 1), truncate: false },
    { ...bad('input'), code: 'context_length_exceeded' },
  ],
  [
    'error-truncate-false-prompt',
    "the input_type prompt counts: a text that fits alone can be too long with the model's prompt before it",
    { input: LONG.slice(0, MAX_TOKENS - 2), input_type: 'query', truncate: false },
    { ...bad('input'), code: 'context_length_exceeded' },
  ],
  [
    'error-truncate-false-tokens',
    'token-id input is measured as given',
    { input: [bytes(LONG)], truncate: false },
    { ...bad('input'), code: 'context_length_exceeded' },
  ],
  ['error-truncate-not-boolean', 'truncate is a boolean', { input: 'Mars', truncate: 'no' }, bad('truncate'), false],
  // truncation_direction (extension, TEI's name): which end of an over-long input the tokenizer cuts.
  [
    'truncation-left',
    'left keeps the last tokens of an over-long input; an input that fits is unchanged; usage counts the tokens kept',
    { input: [LONG, 'Mars'], truncation_direction: 'left' },
    ok([LONG, 'Mars'], { side: 'left' }),
  ],
  [
    'truncation-right',
    "right keeps the first tokens, the fixture's own side",
    { input: LONG, truncation_direction: 'right' },
    ok([LONG]),
  ],
  [
    'truncation-tei-spelling',
    "TEI's spelling Left is accepted (any case)",
    { input: LONG, truncation_direction: 'Left' },
    ok([LONG], { side: 'left' }),
  ],
  [
    'truncation-left-prompt',
    'the side applies to the prompted text, as sentence-transformers cuts it',
    { input: LONG, input_type: 'query', truncation_direction: 'left', dimensions: 5, encoding_format: 'base64' },
    ok(['query: ' + LONG], { side: 'left', dimensions: 5, format: 'base64' }),
  ],
  [
    'truncation-left-tokens',
    'token-id input is decoded, then cut on the side asked for',
    { input: [bytes(LONG)], truncation_direction: 'left' },
    ok([LONG], { side: 'left', usage: Buffer.byteLength(LONG, 'utf8') }),
  ],
  [
    'error-truncation-left-truncate-false',
    'with truncate false nothing is cut, whatever the side: an over-long input is still a 400',
    { input: LONG, truncate: false, truncation_direction: 'left' },
    { ...bad('input'), code: 'context_length_exceeded' },
  ],
  [
    'error-truncation-direction-unknown',
    'truncation_direction is left or right',
    { input: 'Mars', truncation_direction: 'middle' },
    bad('truncation_direction'),
  ],
  [
    'error-truncation-direction-not-string',
    'truncation_direction is a string',
    { input: 'Mars', truncation_direction: 1 },
    bad('truncation_direction'),
    false,
  ],
  ['user', 'user is accepted and does not change the answer', { input: 'Mars', user: 'user-1' }, ok(['Mars'])],
  // Errors, in the order the API checks them.
  ['error-empty-string', 'the API documents that input cannot be an empty string', { input: '' }, bad('input')],
  ['error-empty-string-in-list', 'no item of a list may be an empty string', { input: ['Mars', ''] }, bad('input')],
  ['error-empty-list', 'an empty list has nothing to embed', { input: [] }, bad('input')],
  [
    'error-empty-token-row',
    'an empty array of token ids is an empty input',
    { input: [bytes('Mars'), []] },
    bad('input'),
  ],
  ['error-too-many-inputs', 'more than 2048 inputs', { input: { $repeat: 'a', times: 2049 } }, bad('input')],
  [
    'error-token-out-of-vocabulary',
    "a token id the tokenizer does not have (its ValueError) is the request's fault",
    { input: [[77, 300]] },
    bad('input'),
  ],
  ['error-token-negative', 'a negative token id', { input: [-1] }, bad('input')],
  ['error-token-not-integer', 'token ids are integers', { input: [77, 2.5] }, bad('input'), false],
  ['error-input-mixed', 'strings and token ids do not mix', { input: ['Mars', 77] }, bad('input'), false],
  ['error-input-number', 'a bare number is not an input', { input: 5 }, bad('input'), false],
  ['error-input-null', 'input is required', { input: null }, bad('input'), false],
  ['error-input-missing', 'input is required', {}, bad('input'), false],
  ['error-model-missing', 'model is required', { model: undefined, input: 'Mars' }, bad('model'), false],
  ['error-model-not-string', 'model is a string', { model: 5, input: 'Mars' }, bad('model'), false],
  ['error-unknown-model', 'a model the server or client does not hold', { model: 'gpt-4', input: 'Mars' }, notFound],
  [
    'error-unknown-model-bad-input',
    'the request is checked before the model is looked up',
    { model: 'gpt-4', input: '' },
    bad('input'),
  ],
  [
    'error-format-unknown',
    'encoding_format is float or base64',
    { input: 'Mars', encoding_format: 'float16' },
    bad('encoding_format'),
  ],
  ['error-dimensions-zero', 'dimensions is at least 1', { input: 'Mars', dimensions: 0 }, bad('dimensions')],
  ['error-dimensions-negative', 'dimensions is at least 1', { input: 'Mars', dimensions: -4 }, bad('dimensions')],
  [
    'error-dimensions-too-big',
    "dimensions is at most the model's width",
    { input: 'Mars', dimensions: 9 },
    bad('dimensions'),
  ],
  [
    'error-dimensions-not-integer',
    'dimensions is an integer',
    { input: 'Mars', dimensions: 2.5 },
    bad('dimensions'),
    false,
  ],
  ['error-dimensions-string', 'dimensions is an integer', { input: 'Mars', dimensions: '3' }, bad('dimensions'), false],
  [
    'error-dimensions-bool',
    'a boolean is not an integer',
    { input: 'Mars', dimensions: true },
    bad('dimensions'),
    false,
  ],
  ['error-user-not-string', 'user is a string', { input: 'Mars', user: 5 }, bad('user'), false],
  [
    'error-unknown-parameter',
    'a field the API does not define',
    { input: 'Mars', temperature: 0.5 },
    bad('temperature'),
    false,
  ],
];

const out = {
  surface: 'embeddings',
  about:
    'Conformance cases for POST /v1/embeddings and client.embeddings.create, run by the server and by every client. ' +
    'Generated by packages/contract/scripts/embeddings-cases.mjs; edit the script, not this file.',
  fixture: {
    compile_dir: 'packages/bindings/node/test/fixtures/embed',
    model: MODEL,
    about:
      'A compiled module whose embedding function is a byte histogram over 8 bins and whose tokenizer tokens are UTF-8 bytes (256 ids).',
  },
  tolerance: 1e-6,
  cases: cases.map(([id, about, request, expected, typed = true]) => {
    const body = { model: MODEL, ...request };
    if ('model' in request && request.model === undefined) delete body.model;
    const c = { id, about, request: body };
    if (!typed) c.typed = false;
    if ('status' in expected) c.error = expected;
    else c.response = expected;
    return c;
  }),
};
writeFileSync(path.join(here, '..', 'cases', 'openai', 'embeddings.json'), JSON.stringify(out, null, 2) + '\n');
