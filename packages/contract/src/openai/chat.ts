// The chat-completions surface described once: its route, its SDK call, each request field with the rule that checks
// it, the response and stream shapes, and the error each broken rule maps to. The rules run in `runtime.ts` (shared by
// the server and the Node client); the other clients implement them in their own language, and the conformance cases
// (`cases/openai/chat.json`) hold all of them to the same answers.
//
// How a request reaches the compiled function is the manifest's `chat` entry (`ManifestChat`): the conversation goes
// to its `messages` parameter and each generation setting to the parameter the compiler found it flows to. A setting
// the function does not take is a 400 `unsupported_parameter` naming it: the Python fixes that setting, and no surface
// overrides what the Python says.
//
// Where the official API's behaviour was checked (openai-openapi and the `openai` SDK sources): `messages` is required
// with at least one item; `n` is 1..128 (Ingot serves one choice); `stop` is a string or up to 4 strings;
// `max_tokens` is deprecated in favour of `max_completion_tokens`; `stream_options` is only allowed with `stream`;
// `include_usage` adds a last chunk whose `choices` is empty and whose `usage` is set, every other chunk carrying
// `usage: null`; an over-long prompt is a 400 with code `context_length_exceeded` on `messages`; a stream is
// server-sent events (`data: {chunk}` lines) ending with `data: [DONE]`.

import type { Surface } from './surface';

export const CHAT = {
  name: 'chat' as const,
  method: 'POST',
  path: '/v1/chat/completions',
  sdkCall: ['chat', 'completions', 'create'],
  params: [
    {
      name: 'model',
      required: true,
      rule: 'a string naming a served model; an unknown name is a 404 `model_not_found` (checked after every rule that needs no model)',
    },
    {
      name: 'messages',
      required: true,
      rule:
        'a non-empty array of objects `{role, content, name?}`: role one of system, developer, user, assistant, ' +
        'tool; content a string (valid Unicode: no lone surrogate); `name` a string; a `tool` message may carry ' +
        '`tool_call_id`. Passed to the function as `{role, content}` objects. A prompt the model cannot fit (its ' +
        'tokens, plus an explicit `max_tokens`, over the context length) is a 400 `context_length_exceeded`.',
    },
    {
      name: 'stream',
      required: false,
      rule: 'a boolean; true answers with `chat.completion.chunk` objects as server-sent events ending with [DONE]',
    },
    {
      name: 'stream_options',
      required: false,
      rule: '`{include_usage?: boolean}`, only with `stream: true`; include_usage adds the usage chunk',
    },
    {
      name: 'max_completion_tokens',
      required: false,
      rule: 'an integer >= 1; the same setting as max_tokens, which it wins over when both are given',
    },
    { name: 'max_tokens', required: false, rule: 'an integer >= 1 (deprecated by the API for max_completion_tokens)' },
    { name: 'temperature', required: false, rule: 'a number from 0 to 2' },
    { name: 'top_p', required: false, rule: 'a number from 0 to 1' },
    { name: 'seed', required: false, rule: 'an integer; the same seed gives the same text' },
    {
      name: 'stop',
      required: false,
      rule: 'a string or an array of 1 to 4 strings, none empty; the function gets a list either way',
    },
    { name: 'frequency_penalty', required: false, rule: 'a number from -2 to 2' },
    { name: 'presence_penalty', required: false, rule: 'a number from -2 to 2' },
    { name: 'n', required: false, rule: 'only 1 (Ingot generates one choice)' },
    { name: 'user', required: false, rule: 'a string; accepted and not used' },
    { name: 'top_k', required: false, rule: 'Ingot extension (llama.cpp): an integer >= 1' },
    { name: 'repeat_penalty', required: false, rule: 'Ingot extension (llama.cpp): a number > 0' },
  ],
  response:
    '`ChatCompletion`: {"id": "chatcmpl-...", "object": "chat.completion", "created", "model", "choices": [{"index": ' +
    '0, "message": {"role": "assistant", "content", "refusal": null}, "logprobs": null, "finish_reason": "stop" | ' +
    '"length"}], "usage": {"prompt_tokens", "completion_tokens", "total_tokens"}}. With `stream`, ' +
    '`ChatCompletionChunk`s with one id and created: a first chunk with `delta: {role: "assistant", content: ""}`, ' +
    'one per piece of text with `delta: {content}`, a last with `delta: {}` and the finish reason, then with ' +
    "include_usage the usage chunk (`choices: []`). Usage comes from the module's `chat_token_counter` (0 without " +
    'one). Ingot extension on the server: `_ingot: {"route"}` on JSON bodies and the `x-ingot-route` header.',
  errors: [
    {
      when: 'a field breaks its rule, or an unknown field',
      status: 400,
      type: 'invalid_request_error',
      param: 'the field',
    },
    {
      when: 'an OpenAI field Ingot does not implement (tools, logprobs, response_format, ...), or a generation setting the compiled function does not take',
      status: 400,
      type: 'invalid_request_error',
      param: 'the field',
      code: 'unsupported_parameter',
    },
    {
      when: "the prompt does not fit the model's context",
      status: 400,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    },
    {
      when: 'the model is not served',
      status: 404,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
    { when: 'the model failed to load (server)', status: 500, type: 'server_error', code: 'model_load_failed' },
    {
      when: 'the model raised (before the first chunk: the status; in a stream: an `error` event)',
      status: 500,
      type: 'server_error',
      code: 'model_error',
    },
  ],
  casesFile: 'chat.json',
} satisfies Surface;
