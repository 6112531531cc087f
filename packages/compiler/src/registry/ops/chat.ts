/**
 * Chat generation on a chat-model resource (lower/resources.ts): llama-cpp-python's
 * `Llama.create_chat_completion`, streamed or whole. The type rule checks the messages and the
 * generation settings and chooses a variant; the spelling table at the end writes the call into
 * the chat runtime (`chat::`, ingot-chat's `py` module), which starts from llama-cpp-python's own
 * defaults for every setting the Python does not pass.
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

function unsupported(arg: string, hint: string, at: number | string): ResolveResult {
  return {
    error: `\`${arg}\` is not supported`,
    diagnostic: { code: 'E0240', params: { op: 'Llama.create_chat_completion', arg, hint }, arg: at },
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

/** The call into the chat runtime: the model, the messages and the settings the Python passes. */
function spellCall(fn: 'stream' | 'create') {
  return (c: OpChoice): string => {
    const settings = (c.detail!.settings as string[]).map((k) => `.${k}({kw:${k}})`).join('');
    return `chat::py::${fn}({0}, {${c.detail!.messages as string}}, chat::py::LlamaCppArgs::new()${settings})?`;
  };
}

// The Rust of each variant the rule above chooses.
defineSpellings({
  'Llama.create_chat_completion': { stream: spellCall('stream'), create: spellCall('create') },
});
