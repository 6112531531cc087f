// The embeddings surface described once: its route, its SDK call, each request field with the rule that checks it,
// the response, and the error each broken rule maps to. The rules run in `runtime.ts` (shared by the server and the
// Node client); the Python, Kotlin and Swift clients implement them in their own language, and the conformance cases
// (`cases/openai/embeddings.json`) hold all of them to the same answers.
//
// Where the official API's behaviour was checked (its reference and the `openai` SDK sources): `input` "cannot be an
// empty string, and any array must be 2048 dimensions or less" (the API answers 400 `invalid_request_error`); the
// request schema has `additionalProperties: false` (an unknown field is a 400 naming it); `dimensions` has
// `minimum: 1`; `encoding_format` is the enum float | base64; base64 is little-endian float32, which the SDKs decode
// (`np.frombuffer(..., dtype="float32")`), and the SDKs ask for base64 when the caller does not choose.

import type { Surface } from './surface';

export const EMBEDDINGS = {
  name: 'embeddings' as const,
  method: 'POST',
  path: '/v1/embeddings',
  sdkCall: ['embeddings', 'create'],
  params: [
    {
      name: 'model',
      required: true,
      rule: 'a string naming a served model; an unknown name is a 404 `model_not_found` (checked after every other rule that needs no model)',
    },
    {
      name: 'input',
      required: true,
      rule:
        'a string, an array of strings, an array of token ids (one input) or an array of arrays of token ids; ' +
        "never empty, no empty string, no empty array of ids, at most 2048 inputs; ids are integers the model's " +
        "tokenizer has (its ValueError on an unknown id is a 400 on `input`). Token ids are decoded with the model's " +
        'own tokenizer and the text embedded (Ingot: the API embeds ids directly); a model without a tokenizer ' +
        'answers 400 with code `unsupported_input`. Ingot server option: `--max-input-chars` per text.',
    },
    {
      name: 'encoding_format',
      required: false,
      rule:
        '"float" (default) or "base64" (the little-endian float32 bytes of each vector), as the API defines them; ' +
        'Ingot extension: "int8", "uint8", "binary", "ubinary", sentence-transformers\' `quantize_embeddings` ' +
        'applied after `dimensions`. int8/uint8 give one integer per component, bucketed over the fixed range ' +
        '[-1, 1] (`QUANTIZATION_RANGE`: the same text always gets the same codes, whatever shares its request); ' +
        'binary/ubinary give the sign bits (x > 0) packed 8 to an integer, first component in the high bit, so the ' +
        'vector has ceil(width / 8) integers (binary: the byte minus 128, int8; ubinary: the byte, uint8)',
    },
    {
      name: 'dimensions',
      required: false,
      rule:
        "an integer from 1 to the model's width: Matryoshka truncation, the first `dimensions` components " +
        'renormalised to unit length; the full width returns the vector unchanged',
    },
    { name: 'user', required: false, rule: 'a string; accepted and not used' },
    {
      name: 'input_type',
      required: false,
      rule:
        "Ingot extension: a string naming one of the model's prompts (the manifest's `embedding.prompts`, from " +
        'config_sentence_transformers.json: typically "query" and "document"); its text is put before every input, as ' +
        "sentence-transformers' `encode(prompt_name=...)` does, after token ids are decoded. A name the model does not " +
        'have is a 400 on `input_type` with code `invalid_input_type` (checked once the model is found); `usage` counts ' +
        'the prompt too (token ids: as given)',
    },
    {
      name: 'truncate',
      required: false,
      rule:
        "Ingot extension (TEI's name): a boolean, default true (the model's tokenizer cuts an input at the model's " +
        "limit, as sentence-transformers does). false: an input longer than the limit, in the model's own untruncated " +
        'tokens (prompt and special tokens included; token ids as given), is a 400 on `input` with code ' +
        '`context_length_exceeded` that states its token count and the limit; a model that cannot count tokens ' +
        'answers 400 on `truncate` with code `unsupported_input`',
    },
    {
      name: 'truncation_direction',
      required: false,
      rule:
        'Ingot extension (TEI\'s name): which end of an over-long input the tokenizer cuts, "left" (keep its last ' +
        'tokens) or "right" (keep its first), in any case: Ingot writes transformers\' `truncation_side` spelling, ' +
        '"left" / "right", and accepts TEI\'s "Left" / "Right". Default: the model\'s own `truncation_side` ' +
        '(tokenizer_config.json; right when unset). It applies to the text after the `input_type` prompt, so a left ' +
        'cut of a long input can cut the prompt too, as sentence-transformers with `truncation_side="left"` does. ' +
        'A model that cannot choose the side per call (no tokenizer) answers 400 on `truncation_direction` with code ' +
        '`unsupported_input`',
    },
  ],
  response:
    '{"object": "list", "data": [{"object": "embedding", "index": i, "embedding": number[] | base64 | integer[]}], ' +
    '"model", ' +
    '"usage": {"prompt_tokens", "total_tokens"}}; usage counts token ids as given, text with the model\'s ' +
    'tokenizer (0 without one). Ingot extension on the server: `_ingot: {"route": "local" | "remote"}` and the ' +
    '`x-ingot-route` header.',
  errors: [
    {
      when: 'a field breaks its rule, or an unknown field',
      status: 400,
      type: 'invalid_request_error',
      param: 'the field',
    },
    {
      when: 'the model is not served',
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
    {
      when: 'input_type names a prompt the model does not have',
      status: 400,
      type: 'invalid_request_error',
      param: 'input_type',
      code: 'invalid_input_type',
    },
    {
      when: 'truncate is false and an input is longer than the model takes',
      status: 400,
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    },
    {
      when: 'token ids for a model without a tokenizer',
      status: 400,
      type: 'invalid_request_error',
      param: 'input',
      code: 'unsupported_input',
    },
    { when: 'the model failed to load (server)', status: 500, type: 'server_error', code: 'model_load_failed' },
    { when: 'the model raised (server)', status: 500, type: 'server_error', code: 'model_error' },
  ],
  casesFile: 'embeddings.json',
} satisfies Surface;
