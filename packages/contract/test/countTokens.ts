// The clients' `countTokens` / `count_tokens` over the embed fixture, as data every typed runner (Kotlin, Swift) turns
// into calls: each request and the answer the fixture's tokenizer gives (its tokens are a text's UTF-8 bytes, never
// truncated here, and it takes 64 per input), or the error. Not a surface of its own: the server's route is /tokenize.

import type { openai } from '@ingot/contract';

/** The compiled module the checks are written against (the embeddings cases' fixture). */
export const COUNT_TOKENS_FIXTURE = 'packages/bindings/node/test/fixtures/embed';

export interface CountTokensCheck {
  id: string;
  model: string;
  /** A string, or an array of strings. */
  input: string | string[];
  expected: openai.Outcome;
}

const LIMIT = 64;
const LONG = 'Mars is the fourth planet from the Sun; its red colour comes from iron oxide on its surface.';
const counted = (model: string, texts: string[]): openai.Outcome => {
  const counts = texts.map((t) => Buffer.byteLength(t, 'utf8'));
  return { response: { model, counts, total: counts.reduce((a, n) => a + n, 0), max_model_len: LIMIT } };
};

export const COUNT_TOKENS_CHECKS: CountTokensCheck[] = [
  { id: 'count-one', model: 'embed', input: 'Mars', expected: counted('embed', ['Mars']) },
  {
    id: 'count-list-untruncated',
    model: 'embed',
    input: ['héllo ✓', LONG],
    expected: counted('embed', ['héllo ✓', LONG]),
  },
  {
    id: 'count-empty-string',
    model: 'embed',
    input: ['Mars', ''],
    expected: { error: { status: 400, type: 'invalid_request_error', param: 'input', code: null } },
  },
  {
    id: 'count-unknown-model',
    model: 'gpt-4',
    input: 'Mars',
    expected: { error: { status: 404, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
  },
];
