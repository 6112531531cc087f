/**
 * Chat generation on a chat-model resource (lower/resources.ts): llama-cpp-python's
 * `Llama.create_chat_completion`, streamed or whole, and transformers' `apply_chat_template`,
 * `generate` and `decode` on an `AutoModelForCausalLM` and its tokenizer. The type rules check the
 * messages and the generation settings and choose a variant; the spelling table at the end writes
 * the call into the chat runtime (`chat::`, ingot-chat's `py` module), which starts from each
 * library's own defaults for every setting the Python does not pass. A choice marked `chat` tells
 * the manifest where the messages and the request fields go (`generates` marks the generation).
 * Reference tests need model weights, so they live in tests/chat.test.ts (greedy runs against
 * recorded llama.cpp outputs).
 */
import type { OpChoice } from '../../ir/choice';
import type { ConstValue } from '../../ir/consts';
import { T, type Type, typeToString } from '../../types/types';
import { defineOp, defineSpellings, type ResolveResult } from '../registry';
import { CHAT_REQUEST_FIELDS, type ChatRequestField } from '@ingot/contract';

/** The settings `create_chat_completion` passes through, by the kind of value each takes. */
export const LLAMA_CPP_SETTINGS: Record<string, 'int' | 'float' | 'stop'> = {
  max_tokens: 'int',
  temperature: 'float',
  top_p: 'float',
  top_k: 'int',
  min_p: 'float',
  seed: 'int',
  stop: 'stop',
  repeat_penalty: 'float',
};

/** Keywords of `create_chat_completion` that are not generation settings. */
const OTHER_KEYWORDS = new Set(['messages', 'stream']);

/** Whether `t` (without None) is a value a setting of this kind takes. */
function settingAccepts(kind: 'int' | 'float' | 'stop', t: Type): boolean {
  if (t.kind === 'none') return true;
  if (t.kind === 'optional') return settingAccepts(kind, t.item);
  switch (kind) {
    case 'int':
      return t.kind === 'int';
    case 'float':
      return t.kind === 'float' || t.kind === 'int';
    case 'stop':
      return (
        t.kind === 'str' ||
        (t.kind === 'list' && t.item.kind === 'str') ||
        (t.kind === 'union' && t.members.every((m) => settingAccepts('stop', m)))
      );
  }
}

/** A message: a dict with str keys, a TypedDict, dataclass or pydantic model, or a dynamic value. */
function isMessage(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'dynamic' || (t.kind === 'dict' && t.key.kind === 'str');
}

function unsupported(
  arg: string,
  hint: string,
  at: number | string,
  op = 'Llama.create_chat_completion',
): ResolveResult {
  return {
    error: `\`${arg}\` is not supported`,
    diagnostic: { code: 'E0240', params: { op, arg, hint }, arg: at },
  };
}

defineOp({
  id: 'Llama.create_chat_completion',
  summary:
    'model.create_chat_completion(messages, stream=, max_tokens=, temperature=, top_p=, top_k=, min_p=, seed=, stop=, repeat_penalty=) (llama-cpp-python)',
  resolve: (args, kw, _consts, kwc?: ReadonlyMap<string, ConstValue>): ResolveResult => {
    if (args.length > 2)
      return unsupported(
        'a second positional argument',
        'pass the generation settings by keyword, as `max_tokens=...`',
        2,
      );
    const messages = args[1] ?? kw.get('messages');
    if (!messages) return { error: 'pass the conversation: `messages=[{"role": ..., "content": ...}, ...]`' };
    if (!(messages.kind === 'dynamic' || (messages.kind === 'list' && isMessage(messages.item))))
      return {
        error: `messages must be a list of dicts (or TypedDicts, dataclasses, pydantic models), not ${typeToString(messages)}`,
      };
    const settings: string[] = [];
    for (const [k, t] of kw) {
      if (OTHER_KEYWORDS.has(k)) continue;
      const kind = LLAMA_CPP_SETTINGS[k];
      if (!kind)
        return unsupported(
          k === '**' ? '**' : `${k}=`,
          `the supported settings are ${Object.keys(LLAMA_CPP_SETTINGS).join(', ')} and stream`,
          k,
        );
      if (!settingAccepts(kind, t))
        return {
          error: `\`${k}\` must be ${kind === 'stop' ? 'a str, a list of str or None' : kind === 'int' ? 'an int or None' : 'a float or None'}, not ${typeToString(t)}`,
        };
      settings.push(k);
    }
    let stream = false;
    if (kw.has('stream')) {
      const v = kwc?.get('stream');
      if (v?.kind !== 'bool')
        return unsupported(
          'stream=',
          'write `stream=True` or `stream=False` as a literal: it decides the result type',
          'stream',
        );
      stream = v.value;
    }
    return {
      entry: 'Llama.create_chat_completion',
      overload: stream ? 'stream' : 'completion',
      // Chunks and the completion are llama-cpp-python's dicts; the function's annotation gives them their type.
      result: stream ? T.fallibleIter(T.dynamic, 'chat_chunks') : T.dynamic,
      params: args,
      variant: stream ? 'stream' : 'create',
      // `chat` marks a generation whose data flow the manifest reads: which argument takes the messages, and which
      // arguments are chat request fields (llama-cpp-python names them as the OpenAI request does).
      detail: {
        chat: true,
        generates: true,
        messages: args[1] ? '1' : 'kw:messages',
        settings,
        requestFields: settings
          .filter((k) => CHAT_REQUEST_FIELDS.includes(k as ChatRequestField))
          .map((k) => `kw:${k}=${k}`),
      },
    };
  },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

/** Whether `t` is a tokenizer that renders chat templates (one of a module with a transformers chat model). */
function chatTokenizer(t: Type | undefined): boolean {
  return t?.kind === 'resource' && t.resource === 'Tokenizer' && t.chat === true;
}

const APPLY = 'tokenizer.apply_chat_template';

const NOT_CHAT_TOKENIZER =
  'a tokenizer renders its chat template in a module that generates with `AutoModelForCausalLM.from_pretrained(...)` from the same folder';

/** A literal bool keyword, its default when absent, or undefined when it is not a literal. */
function literalBool(
  kw: ReadonlyMap<string, Type>,
  kwc: ReadonlyMap<string, ConstValue> | undefined,
  k: string,
  dflt: boolean,
) {
  if (!kw.has(k)) return dflt;
  const v = kwc?.get(k);
  return v?.kind === 'bool' ? v.value : undefined;
}

defineOp({
  id: 'Tokenizer.apply_chat_template',
  summary:
    'tokenizer.apply_chat_template(messages, add_generation_prompt=, tokenize=, return_tensors="pt") (transformers; a chat module\'s tokenizer)',
  resolve: (args, kw, _consts, kwc?: ReadonlyMap<string, ConstValue>): ResolveResult => {
    if (!chatTokenizer(args[0])) return { error: NOT_CHAT_TOKENIZER };
    const messages = args[1] ?? kw.get('conversation');
    if (!messages || args.length > 2) return { error: 'pass the conversation: a list of `{"role", "content"}` dicts' };
    if (!(messages.kind === 'dynamic' || (messages.kind === 'list' && isMessage(messages.item))))
      return { error: `the conversation must be a list of dicts, not ${typeToString(messages)}` };
    for (const k of kw.keys())
      if (!['conversation', 'add_generation_prompt', 'tokenize', 'return_tensors'].includes(k))
        return unsupported(`${k}=`, 'supported: add_generation_prompt, tokenize and return_tensors', k, APPLY);
    const agp = literalBool(kw, kwc, 'add_generation_prompt', false);
    const tokenize = literalBool(kw, kwc, 'tokenize', true);
    if (agp === undefined || tokenize === undefined)
      return { error: '`add_generation_prompt` and `tokenize` must be literal True or False' };
    const rt = kwc?.get('return_tensors');
    if (kw.has('return_tensors') && !(rt?.kind === 'none' || (rt?.kind === 'str' && rt.value === 'pt')))
      return unsupported(
        'return_tensors=',
        'pass return_tensors="pt" (a tensor) or leave it out (a list of ids)',
        'return_tensors',
        APPLY,
      );
    const tensor = rt?.kind === 'str';
    return {
      entry: 'Tokenizer.apply_chat_template',
      overload: !tokenize ? 'text' : tensor ? 'pt' : 'ids',
      result: !tokenize ? T.str : tensor ? T.ndarray('int64', 2, 'torch') : T.list(T.int),
      params: args,
      variant: !tokenize ? 'text' : tensor ? 'pt' : 'ids',
      detail: { chat: true, messages: args[1] ? '1' : 'kw:conversation', agp },
    };
  },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

/**
 * transformers' `generate` settings the runtime takes, by the kind of value each takes; `field` names the chat request
 * field a parameter passed there answers; `sampling` marks a setting only sampling reads.
 */
const GENERATE_SETTINGS: Record<
  string,
  { kind: 'int' | 'float' | 'bool' | 'ids'; field?: ChatRequestField; sampling: boolean }
> = {
  max_new_tokens: { kind: 'int', field: 'max_tokens', sampling: false },
  max_length: { kind: 'int', sampling: false },
  do_sample: { kind: 'bool', sampling: false },
  temperature: { kind: 'float', field: 'temperature', sampling: true },
  top_p: { kind: 'float', field: 'top_p', sampling: true },
  top_k: { kind: 'int', field: 'top_k', sampling: true },
  min_p: { kind: 'float', sampling: true },
  repetition_penalty: { kind: 'float', field: 'repeat_penalty', sampling: false },
  eos_token_id: { kind: 'ids', sampling: false },
  pad_token_id: { kind: 'int', sampling: false },
};

/** Whether `t` is a value a `generate` setting of this kind takes (None keeps the model's own). */
function generateAccepts(kind: 'int' | 'float' | 'bool' | 'ids', t: Type): boolean {
  if (t.kind === 'none') return true;
  if (t.kind === 'optional') return generateAccepts(kind, t.item);
  if (kind === 'bool') return t.kind === 'bool';
  if (kind === 'ids') return t.kind === 'int' || (t.kind === 'list' && t.item.kind === 'int');
  return settingAccepts(kind, t);
}

defineOp({
  id: 'CausalLM.generate',
  summary:
    "model.generate(input_ids, max_new_tokens=, max_length=, do_sample=, temperature=, top_p=, top_k=, min_p=, repetition_penalty=, eos_token_id=) (transformers, one sequence; unset settings come from the folder's generation_config.json)",
  resolve: (args, kw, _consts, kwc?: ReadonlyMap<string, ConstValue>): ResolveResult => {
    const ids = args[1] ?? kw.get('input_ids');
    if (!ids || args.length > 2) return { error: 'pass the prompt ids: `model.generate(input_ids, max_new_tokens=N)`' };
    if (
      ids.kind !== 'ndarray' ||
      (ids.dtype !== undefined && ids.dtype !== 'int64') ||
      (ids.rank !== undefined && ids.rank !== 2)
    )
      return { error: `input_ids must be an int64 tensor of shape [1, n], not ${typeToString(ids)}` };
    const settings: string[] = [];
    for (const [k, t] of kw) {
      if (k === 'input_ids') continue;
      // The mask of one unpadded sequence is all ones; passing one still tells the runtime no mask is inferred.
      if (k === 'attention_mask') {
        if (!(t.kind === 'ndarray' || t.kind === 'none'))
          return { error: `attention_mask must be a tensor, not ${typeToString(t)}` };
        settings.push(k);
        continue;
      }
      const s = GENERATE_SETTINGS[k];
      if (!s)
        return unsupported(`${k}=`, `supported: ${Object.keys(GENERATE_SETTINGS).join(', ')}`, k, 'model.generate');
      if (!generateAccepts(s.kind, t)) {
        const want = { int: 'an int', float: 'a float', bool: 'a bool', ids: 'an int or a list of int' }[s.kind];
        return { error: `\`${k}\` must be ${want} or None, not ${typeToString(t)}` };
      }
      settings.push(k);
    }
    // Whether the call samples: its literal do_sample=, else the folder's generation_config.json (read at compile
    // time, as the runtime reads it at load); undefined when a run-time value decides.
    const model = args[0];
    const folderSamples = model?.kind === 'resource' && model.samples === true;
    const literal = kwc?.get('do_sample');
    const doSample = !kw.has('do_sample')
      ? folderSamples
      : literal?.kind === 'bool'
        ? literal.value
        : literal?.kind === 'none'
          ? folderSamples
          : undefined;
    // Sampling settings change nothing in greedy decoding, so only a call that may sample takes them from a request.
    const live = settings.filter(
      (k) => GENERATE_SETTINGS[k]?.field !== undefined && (doSample !== false || !GENERATE_SETTINGS[k]!.sampling),
    );
    return {
      entry: 'CausalLM.generate',
      overload: doSample === undefined ? 'runtime' : doSample ? 'sample' : 'greedy',
      result: T.ndarray('int64', 2, 'torch'),
      params: args,
      variant: 'generate',
      detail: {
        chat: true,
        generates: true,
        ids: args[1] ? '1' : 'kw:input_ids',
        settings,
        ...(doSample !== undefined ? { doSample } : {}),
        requestFields: live.map((k) => `kw:${k}=${GENERATE_SETTINGS[k]!.field!}`),
      },
    };
  },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

defineOp({
  id: 'Tokenizer.decode',
  summary: "tokenizer.decode(ids, skip_special_tokens=) (transformers; a chat module's tokenizer)",
  resolve: (args, kw, _consts, kwc?: ReadonlyMap<string, ConstValue>): ResolveResult => {
    if (!chatTokenizer(args[0])) return { error: NOT_CHAT_TOKENIZER };
    const ids = args[1] ?? kw.get('token_ids');
    if (!ids || args.length > 2) return { error: 'pass the token ids' };
    const tensor =
      ids.kind === 'ndarray' &&
      (ids.dtype === 'int64' || ids.dtype === undefined) &&
      (ids.rank === 1 || ids.rank === undefined);
    const list = ids.kind === 'list' && ids.item.kind === 'int';
    if (!tensor && !list)
      return { error: `decode takes a 1-d int64 tensor or a list of int, not ${typeToString(ids)}` };
    for (const k of kw.keys())
      if (!['token_ids', 'skip_special_tokens'].includes(k))
        return unsupported(`${k}=`, 'supported: skip_special_tokens', k, 'tokenizer.decode');
    const skip = literalBool(kw, kwc, 'skip_special_tokens', false);
    if (skip === undefined) return { error: '`skip_special_tokens` must be a literal True or False' };
    return {
      entry: 'Tokenizer.decode',
      overload: tensor ? 'tensor' : 'list',
      result: T.str,
      params: args,
      variant: tensor ? 'tensor' : 'list',
      detail: { ids: args[1] ? '1' : 'kw:token_ids', skip },
    };
  },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

/** transformers' model output and KV cache, as the chat runtime holds them. */
const CAUSAL_LM_OUTPUT: Type = T.opaque('CausalLMOutput', 'chat::py::CausalLmOutput', 'torch');
const KV_CACHE: Type = T.opaque('KVCache', 'chat::py::KvCache');

defineOp({
  id: 'CausalLM.__call__',
  summary:
    'model(input_ids=..., past_key_values=past, use_cache=True): the logits of every position and the KV cache (transformers, one sequence)',
  resolve: (args, kw, _consts, kwc?: ReadonlyMap<string, ConstValue>): ResolveResult => {
    const ids = args[1] ?? kw.get('input_ids');
    if (!ids || args.length > 2) return { error: 'pass input_ids: `model(input_ids=ids, past_key_values=past)`' };
    if (
      ids.kind !== 'ndarray' ||
      (ids.dtype !== undefined && ids.dtype !== 'int64') ||
      (ids.rank !== undefined && ids.rank !== 2)
    )
      return { error: `input_ids must be an int64 tensor of shape [1, n], not ${typeToString(ids)}` };
    for (const [k, t] of kw) {
      if (k === 'input_ids') continue;
      // The mask of one unpadded sequence is all ones, and the output is always the dataclass: both change nothing.
      if (k === 'attention_mask' || k === 'return_dict') continue;
      if (k === 'use_cache') {
        const v = kwc?.get(k);
        if (!(v?.kind === 'bool' && v.value))
          return unsupported(
            'use_cache=',
            'the compiled model always keeps its KV cache: pass use_cache=True or leave it out',
            k,
            'model(...)',
          );
        continue;
      }
      if (k === 'past_key_values') {
        const inner = t.kind === 'optional' ? t.item : t;
        if (!(inner.kind === 'none' || (inner.kind === 'opaque' && inner.name === 'KVCache')))
          return { error: `past_key_values must be None or a model output's past_key_values, not ${typeToString(t)}` };
        continue;
      }
      return unsupported(`${k}=`, 'supported: input_ids, past_key_values, use_cache, attention_mask', k, 'model(...)');
    }
    return {
      entry: 'CausalLM.__call__',
      overload: 'tensors',
      result: CAUSAL_LM_OUTPUT,
      params: args,
      variant: 'forward',
      // A hand-written decoding loop generates through this call.
      detail: { chat: true, generates: true, ids: args[1] ? '1' : 'kw:input_ids' },
    };
  },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

defineOp({
  id: 'CausalLMOutput.logits',
  summary: 'out.logits: float32 [1, n, vocab], every input position',
  resolve: (args) => ({
    entry: 'CausalLMOutput.logits',
    overload: '',
    result: T.ndarray('float32', 3, 'torch'),
    params: args,
    variant: 'logits',
  }),
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

defineOp({
  id: 'CausalLMOutput.past_key_values',
  summary: 'out.past_key_values: the KV cache, shared and extended in place by the next call that takes it',
  resolve: (args) => ({
    entry: 'CausalLMOutput.past_key_values',
    overload: '',
    result: KV_CACHE,
    params: args,
    variant: 'cache',
  }),
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

defineOp({
  id: 'Tokenizer.eos_token_id',
  summary: "tokenizer.eos_token_id (a chat module's tokenizer)",
  resolve: (args) =>
    chatTokenizer(args[0])
      ? { entry: 'Tokenizer.eos_token_id', overload: '', result: T.int, params: args, variant: 'eos' }
      : { error: NOT_CHAT_TOKENIZER },
  tests: [],
  testedBy: 'tests/chat.test.ts',
});

/** The call into the chat runtime: the model, the messages and the settings the Python passes. */
function spellCall(fn: 'stream' | 'create') {
  return (c: OpChoice): string => {
    const settings = (c.detail!.settings as string[]).map((k) => `.${k}({kw:${k}})`).join('');
    return `chat::py::${fn}({0}, {${c.detail!.messages as string}}, chat::py::LlamaCppArgs::new()${settings})?`;
  };
}

/**
 * transformers' `generate`: the prompt tensor's ids in, prompt and new ids out as a `[1, n]` tensor. The settings start
 * from the model folder's generation config; a sampling run seeds itself from torch's default generator, so
 * `torch.manual_seed(s)` before the call fixes its draws.
 */
function spellGenerate(c: OpChoice): string {
  const d = c.detail!;
  const settings = (d.settings as string[]).map((k) => `.${k}({kw:${k}})`).join('');
  const ids = `{&${d.ids as string}}`;
  const args = `chat::py::GenerateArgs::for_model({0})${settings}.seed_from(|| nd::Generator::default_generator().next_u64())`;
  return `{ let __ids = ${ids}; let __out = chat::py::generate({0}, &__ids.to_i64_vec()?, &__ids.shape(), ${args})?; let __n = __out.len(); nd::NdArray::from_i64(__out, &[1, __n])? }`;
}

// The Rust of each variant the rules above choose.
defineSpellings({
  'Llama.create_chat_completion': { stream: spellCall('stream'), create: spellCall('create') },
  'Tokenizer.apply_chat_template': {
    text: (c) => `{0}.render({${c.detail!.messages as string}}, ${String(c.detail!.agp)})?`,
    ids: (c) => `{0}.apply_chat_template({${c.detail!.messages as string}}, ${String(c.detail!.agp)})?`,
    pt: (c) =>
      `{ let __ids = {0}.apply_chat_template({${c.detail!.messages as string}}, ${String(c.detail!.agp)})?; let __n = __ids.len(); nd::NdArray::from_i64(__ids, &[1, __n])? }`,
  },
  'CausalLM.generate': { generate: spellGenerate },
  'CausalLM.__call__': {
    forward: (c) =>
      `{ let __ids = {&${c.detail!.ids as string}}; chat::py::forward({0}, &__ids.to_i64_vec()?, &__ids.shape(), {kw:past_key_values})? }`,
  },
  'CausalLMOutput.logits': { logits: () => 'nd::NdArray::from_f32({&0}.logits.clone(), &{&0}.logits_shape)?' },
  'CausalLMOutput.past_key_values': { cache: () => '{&0}.past_key_values.clone()' },
  'Tokenizer.eos_token_id': { eos: () => '{0}.eos_token_id()?' },
  'Tokenizer.decode': {
    tensor: (c) => `{0}.decode({&${c.detail!.ids as string}}.to_i64_vec()?, ${String(c.detail!.skip)})?`,
    list: (c) => `{0}.decode({${c.detail!.ids as string}}, ${String(c.detail!.skip)})?`,
  },
});
