// Writes cases/openai/rerank.json: the rerank conformance cases. The error cases that need no model are written out
// below. The answer cases are derived from the rerank fixture itself: each document's score comes from calling the
// compiled rerank function directly, and usage from its pair token counter, through the fixture's generated Node
// package (the typed API, not the client that the cases check); the ordering, `top_n` and `return_documents` are
// applied here, independently of the runtime. The fixture is a deterministic cross-encoder. Run it after changing a
// request below or the fixture: `npm run build` first, then
//   node packages/contract/scripts/rerank-cases.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const FIXTURE = 'packages/bindings/node/test/fixtures/rerank';

const manifest = JSON.parse(readFileSync(path.join(root, FIXTURE, 'manifest.json'), 'utf8'));
const MODEL = manifest.name;
const rerankFn = manifest.functions.find((f) => f.role === 'rerank');
if (!rerankFn) throw new Error(`${FIXTURE}/manifest.json has no function with the role "rerank"`);

const bad = (param, code = null) => ({ status: 400, type: 'invalid_request_error', param, code });
const notFound = { status: 404, type: 'invalid_request_error', param: 'model', code: 'model_not_found' };
const QUERY = 'Which planet is known as the Red Planet?';
const DOCS = [
  'Mars is often called the Red Planet because of its reddish appearance.',
  'Venus is the hottest planet in the solar system.',
  'The Red Planet',
  'Jupiter is the largest planet.',
];

// `typed: false` marks a request that a statically typed client API (Kotlin, Swift) cannot express: a JSON value of
// the wrong type, an unknown or missing field.
const errorCases = [
  ['error-documents-empty', 'documents must hold at least one document', { documents: [] }, bad('documents')],
  ['error-documents-missing', 'documents is required', { documents: undefined }, bad('documents'), false],
  ['error-documents-not-array', 'documents is an array', { documents: 'Mars' }, bad('documents'), false],
  ['error-document-not-string', 'each document is a string', { documents: ['Mars', 5] }, bad('documents'), false],
  [
    'error-document-object',
    'a document is a string, not an object',
    { documents: [{ text: 'Mars' }] },
    bad('documents'),
    false,
  ],
  [
    'error-documents-too-many',
    'at most 1000 documents',
    { documents: { $repeat: 'Mars', times: 1001 } },
    bad('documents'),
  ],
  ['error-query-empty', 'query is not empty', { query: '' }, bad('query')],
  ['error-query-missing', 'query is required', { query: undefined }, bad('query'), false],
  ['error-query-not-string', 'query is a string', { query: 5 }, bad('query'), false],
  ['error-top-n-zero', 'top_n is at least 1', { top_n: 0 }, bad('top_n')],
  ['error-top-n-negative', 'top_n is at least 1', { top_n: -2 }, bad('top_n')],
  ['error-top-n-not-integer', 'top_n is an integer', { top_n: 1.5 }, bad('top_n'), false],
  [
    'error-return-documents-not-bool',
    'return_documents is a boolean',
    { return_documents: 'yes' },
    bad('return_documents'),
    false,
  ],
  ['error-unknown-field', 'an unknown field is named', { rank_fields: ['text'] }, bad('rank_fields'), false],
  ['error-model-missing', 'model is required', { model: undefined }, bad('model'), false],
  ['error-model-unknown', 'an unknown model is a 404', { model: 'no-such-model' }, notFound],
].map(([id, about, request, expected, typed]) => [
  id,
  about,
  { query: QUERY, documents: DOCS, ...request },
  expected,
  typed,
]);

/** The expected answer, from the function's own scores and pair counts, ordered and cut here. */
function expected(scores, counts, request) {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const n = request.top_n ?? order.length;
  return {
    id: { $match: '^rerank-' },
    object: 'list',
    model: MODEL,
    results: order.slice(0, n).map((index) => ({
      index,
      relevance_score: scores[index],
      ...(request.return_documents ? { document: { text: request.documents[index] } } : {}),
    })),
    usage: { total_tokens: counts.reduce((a, b) => a + b, 0) },
  };
}

async function responseCases() {
  const { generateNodePackage } = require('@ingot/bindings-node');
  const { lowerNodeBinding } = require('@ingot/bindings-node/dist/pass');
  const out = path.join(os.tmpdir(), `ingot-rerank-cases-${createHash('sha1').update(root).digest('hex').slice(0, 8)}`);
  await generateNodePackage({ compileDir: path.join(root, FIXTURE), outDir: out });
  const pkg = require(out);
  const c = lowerNodeBinding(manifest, {}).rerankClient;
  const call = async (query, documents) => {
    const args = c.paramNames.map((n) =>
      n === c.rerank.query ? query : n === c.rerank.documents ? documents : undefined,
    );
    const r = await pkg[c.callJsName](...args);
    return Array.from(r.data ?? r);
  };
  const requests = [
    ['answer', 'every document, best first; usage counts each (query, document) pair', {}],
    ['answer-top-n', 'top_n keeps the best n', { top_n: 2 }],
    ['answer-top-n-large', 'top_n beyond the documents gives them all', { top_n: 50 }],
    ['answer-return-documents', 'return_documents adds each document as {text}', { return_documents: true, top_n: 3 }],
    ['answer-return-documents-false', 'return_documents false leaves the text out', { return_documents: false }],
    ['answer-null-fields', 'a null optional field is not given', { top_n: null, return_documents: null }],
    ['answer-one-document', 'one document', { documents: ['Mars'] }],
    ['answer-empty-document', 'an empty string is a document like any other', { documents: ['', 'Mars', ''] }],
    ['answer-unicode', 'UTF-8 text', { query: 'héllo ✓ 火星', documents: ['火星は赤い', 'naïve café 😀'] }],
  ];
  const cases = [];
  for (const [id, about, extra] of requests) {
    const request = { query: QUERY, documents: DOCS, ...extra };
    const scores = await call(request.query, request.documents);
    const counts = c.counter ? await pkg[c.counter.asyncJsName](request.query, request.documents) : [];
    cases.push([id, about, request, expected(scores, counts, request), true, true]);
  }
  return cases;
}

const cases = [...(await responseCases()), ...errorCases];
const file = {
  surface: 'rerank',
  about:
    'Conformance cases for POST /v1/rerank and client.rerank.create (the Cohere / Jina shape; OpenAI has no rerank ' +
    'API), run by the server and by every client. Generated by packages/contract/scripts/rerank-cases.mjs; edit the ' +
    'script, not this file.',
  fixture: {
    compile_dir: FIXTURE,
    model: MODEL,
    about:
      "A compiled CrossEncoder.predict over a tiny random-weight BERT cross-encoder (one label, sentence-transformers' " +
      'default Sigmoid), with the compiler’s pair token counter.',
  },
  tolerance: 0.000001,
  cases: cases.map(([id, about, request, exp, typed = true, fixtureDependent = false]) => {
    const body = { model: MODEL, ...request };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const c = { id, about, request: body };
    if (!typed) c.typed = false;
    if (fixtureDependent) c.fixture_dependent = true;
    if ('status' in exp) c.error = exp;
    else c.response = exp;
    return c;
  }),
};
writeFileSync(path.join(here, '..', 'cases', 'openai', 'rerank.json'), JSON.stringify(file, null, 2) + '\n');
console.log(`wrote ${file.cases.length} rerank cases`);
