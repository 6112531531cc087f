/**
 * What can be done with a resource (lower/resources.ts): call a tokenizer, call a model and
 * read `.last_hidden_state`, and `SentenceTransformer.encode`. Emission calls the models
 * crate (`ml::`, ingot-models on candle) and wraps tensors as `nd::NdArray`, so the torch
 * and numpy ops (numpy.ts, torch.ts) apply to the results.
 * Reference tests for these ops need model weights, so they live in tests/models.test.ts
 * (parity with transformers and sentence-transformers on committed tiny-model fixtures).
 */
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, T, type ResolveResult, type Spelling } from '../registry';
import type { ConstValue } from '../../ir/consts';
import { type Type, typeToString } from '../../types/types';

/** A tokenizer's output; its detail lists the tensors it holds (the tokenizer's `model_input_names`). */
const BATCH = (flavor: 'numpy' | 'torch', names: readonly string[]): Type => ({
  kind: 'opaque',
  name: 'BatchEncoding',
  rust: 'ml::Batch',
  flavor,
  detail: names.join(', '),
});
const ALL_INPUTS = ['input_ids', 'token_type_ids', 'attention_mask'];

/** The tensors a BatchEncoding type holds (all three when the type does not say). */
function batchNames(t: Type | undefined): string[] {
  return t?.kind === 'opaque' && t.detail !== undefined ? t.detail.split(', ') : ALL_INPUTS;
}

/** The error for a tensor the tokenizer does not return (transformers raises KeyError / AttributeError). */
function missingInput(key: string, names: string[], how: string): { error: string } {
  return {
    error: `this tokenizer returns no \`${key}\` (its model_input_names are ${names.join(', ')}), so ${how} raises in Python; leave it out (\`model(**encoded)\` passes what the tokenizer returns)`,
  };
}
const OUTPUT: Type = T.opaque('ModelOutput', 'nd::NdArray');

function constBool(v: ConstValue | undefined, fallback: boolean): boolean | 'dynamic' {
  if (!v) return fallback;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'str') return v.value !== 'do_not_pad' && v.value !== 'do_not_truncate';
  if (v.kind === 'none') return false;
  return 'dynamic';
}

/** Whether `texts` is a list of str or a single str (then a one-item batch); `idx` is where it was passed. */
function textsArg(t: Type, idx: string): { texts: string; single: boolean } | undefined {
  if (t.kind === 'list' && (t.item.kind === 'str' || t.item.kind === 'unknown')) return { texts: idx, single: false };
  if (t.kind === 'str') return { texts: idx, single: true };
  return undefined;
}

/** `texts` as a Rust `&[String]`: a list borrows, a single str becomes a one-item slice. */
function textsCode(c: OpChoice): string {
  const idx = c.detail!.texts as string;
  return c.detail!.single ? `std::slice::from_ref({&${idx}})` : `{&${idx}}`;
}

defineOp({
  id: 'Tokenizer.__call__',
  summary:
    'tokenizer(texts[, text_pair], padding=True, truncation=True, max_length=N, return_tensors="pt"|"np"), as transformers pads and truncates (text pairs: longest_first)',
  resolve: (args, kw, _consts, kwc): ResolveResult => {
    const texts = args[1] ?? kw.get('text');
    if (!texts || args.length > 3) return { error: 'expected the texts: a str or a list of str' };
    const arg = textsArg(texts, args[1] ? '1' : 'kw:text');
    if (!arg) return { error: `texts must be str or list[str], not ${typeToString(texts)}` };
    // The second texts of pairs (a cross-encoder's documents), passed like the first.
    const second = args[2] ?? kw.get('text_pair');
    const pair = second ? textsArg(second, args[2] ? '2' : 'kw:text_pair') : undefined;
    if (second && (!pair || pair.single !== arg.single))
      return {
        error: `text_pair must be ${arg.single ? 'a str' : 'a list of str'} like the texts, not ${typeToString(second)}`,
      };
    for (const k of kw.keys()) {
      if (
        ![
          'text',
          'text_pair',
          'padding',
          'truncation',
          'max_length',
          'return_tensors',
          'add_special_tokens',
          'return_attention_mask',
          'return_token_type_ids',
        ].includes(k)
      )
        return { error: `tokenizer() keyword \`${k}\` is not supported` };
    }
    const padding = constBool(kwc?.get('padding'), false);
    const truncation = constBool(kwc?.get('truncation'), false);
    if (padding === 'dynamic' || truncation === 'dynamic')
      return { error: '`padding` and `truncation` must be literals' };
    if (kwc?.get('padding')?.kind === 'str' && (kwc.get('padding') as { value: string }).value === 'max_length')
      return { error: '`padding="max_length"` is not supported; use `padding=True` (pad to the longest)' };
    const rt = kwc?.get('return_tensors');
    if (!rt || rt.kind !== 'str' || (rt.value !== 'pt' && rt.value !== 'np'))
      return { error: 'pass `return_tensors="pt"` (or "np"): Ingot tokenizes into tensors' };
    if (
      kw.has('add_special_tokens') &&
      kwc?.get('add_special_tokens')?.kind === 'bool' &&
      !(kwc.get('add_special_tokens') as { value: boolean }).value
    )
      return { error: '`add_special_tokens=False` is not supported yet' };
    if (kw.has('max_length') && kw.get('max_length')!.kind !== 'int') return { error: '`max_length` must be an int' };
    // The tensors returned: the tokenizer's model_input_names, or as return_token_type_ids / return_attention_mask say.
    const receiver = args[0];
    let names = receiver?.kind === 'resource' && receiver.inputNames ? [...receiver.inputNames] : ALL_INPUTS;
    for (const [k, key] of [
      ['return_token_type_ids', 'token_type_ids'],
      ['return_attention_mask', 'attention_mask'],
    ] as const) {
      const v = kwc?.get(k);
      if (kw.has(k) && v?.kind !== 'bool' && v?.kind !== 'none') return { error: `\`${k}\` must be a literal bool` };
      if (v?.kind !== 'bool') continue;
      if (!v.value) names = names.filter((n) => n !== key);
      else if (!names.includes(key)) {
        if (key === 'token_type_ids')
          return {
            error: '`return_token_type_ids=True` on a tokenizer whose model_input_names lack them is not supported',
          };
        names = ALL_INPUTS.filter((n) => names.includes(n) || n === key);
      }
    }
    return {
      entry: 'Tokenizer.__call__',
      overload: typeToString(texts),
      result: BATCH(rt.value === 'pt' ? 'torch' : 'numpy', names),
      params: args,
      variant: pair ? 'pairs' : 'texts',
      detail: { ...arg, padding, truncation, maxLength: kw.has('max_length'), pair: pair?.texts },
    };
  },
  spell: {
    texts: (c) => {
      const maxLen = c.detail!.maxLength ? 'Some({kw:max_length} as usize)' : 'None';
      return `{0}.encode_batch(${textsCode(c)}, ${c.detail!.padding}, ${c.detail!.truncation}, ${maxLen}).map_err(rt::PyErr::from)?`;
    },
    pairs: (c) => {
      const maxLen = c.detail!.maxLength ? 'Some({kw:max_length} as usize)' : 'None';
      const second = textsCode({ ...c, detail: { ...c.detail, texts: c.detail!.pair } });
      return `{0}.encode_pair_batch(${textsCode(c)}, ${second}, ${c.detail!.padding}, ${c.detail!.truncation}, ${maxLen}).map_err(rt::PyErr::from)?`;
    },
  },
  tests: [],
  testedBy: 'tests/models.test.ts',
});

for (const key of ['input_ids', 'attention_mask', 'token_type_ids'] as const) {
  defineOp({
    id: `BatchEncoding.${key}`,
    summary: `encoded.${key}: an int64 [batch, length] tensor`,
    resolve: (args) => {
      const b = args[0];
      const flavor = b?.kind === 'opaque' ? (b.flavor ?? 'torch') : 'torch';
      if (!batchNames(b).includes(key)) return missingInput(key, batchNames(b), `\`encoded.${key}\``);
      return {
        entry: `BatchEncoding.${key}`,
        overload: '',
        result: T.ndarray('int64', 2, flavor),
        params: args,
        variant: 'field',
      };
    },
    spell: { field: () => `nd::NdArray::from_tensor({&0}.${key}.clone())?` },
    tests: [],
    testedBy: 'tests/models.test.ts',
  });
}

defineOp({
  id: 'BatchEncoding.__getitem__',
  summary: 'encoded["input_ids"], encoded["attention_mask"], encoded["token_type_ids"]',
  resolve: (args, _kw, consts) => {
    const k = consts?.[1];
    const b = args[0];
    const flavor = b?.kind === 'opaque' ? (b.flavor ?? 'torch') : 'torch';
    if (k?.kind !== 'str' || !ALL_INPUTS.includes(k.value))
      return { error: 'index a BatchEncoding with "input_ids", "attention_mask" or "token_type_ids"' };
    if (!batchNames(b).includes(k.value)) return missingInput(k.value, batchNames(b), `\`encoded["${k.value}"]\``);
    return {
      entry: 'BatchEncoding.__getitem__',
      overload: k.value,
      result: T.ndarray('int64', 2, flavor),
      params: args,
      variant: 'field',
      detail: { field: k.value },
    };
  },
  spell: { field: (c) => `nd::NdArray::from_tensor({&0}.${c.detail!.field}.clone())?` },
  tests: [],
  testedBy: 'tests/models.test.ts',
});

defineOp({
  id: 'AutoModel.__call__',
  summary: 'model(input_ids, attention_mask[, token_type_ids]) or model(**encoded): the model output',
  resolve: (args, kw) => {
    const ids = args[1] ?? kw.get('input_ids');
    const star = kw.get('**');
    if (star) {
      if (star.kind !== 'opaque' || star.name !== 'BatchEncoding')
        return { error: `\`**\` takes a tokenizer's output, not ${typeToString(star)}` };
      return {
        entry: 'AutoModel.__call__',
        overload: '**BatchEncoding',
        result: OUTPUT,
        params: args,
        variant: 'batch',
      };
    }
    if (!ids || ids.kind !== 'ndarray') return { error: 'pass input_ids (a tensor), or **encoded' };
    // Where each tensor was passed: a position, a keyword, or not at all.
    const part = (pos: number, name: string): string | undefined => {
      if (args[pos]) return args[pos]!.kind === 'ndarray' ? String(pos) : undefined;
      if (kw.has(name)) return kw.get(name)!.kind === 'ndarray' ? `kw:${name}` : undefined;
      return '';
    };
    const mask = part(2, 'attention_mask');
    const tt = part(3, 'token_type_ids');
    if (mask === undefined || tt === undefined) return { error: 'attention_mask and token_type_ids must be tensors' };
    return {
      entry: 'AutoModel.__call__',
      overload: 'tensors',
      result: OUTPUT,
      params: args,
      variant: 'tensors',
      detail: { ids: args[1] ? '1' : 'kw:input_ids', mask, tt },
    };
  },
  spell: {
    tensors: (c) => {
      const opt = (at: string): string => (at === '' ? 'None' : `Some({&${at}}.tensor())`);
      const d = c.detail as Record<string, string>;
      return `nd::NdArray::from_tensor({0}.forward({&${d.ids}}.tensor(), ${opt(d.mask!)}, ${opt(d.tt!)}).map_err(rt::PyErr::from)?)?`;
    },
  },
  tests: [],
  testedBy: 'tests/models.test.ts',
});

defineOp({
  id: 'ModelOutput.last_hidden_state',
  summary: 'output.last_hidden_state: float32 [batch, length, hidden]',
  resolve: (args) => ({
    entry: 'ModelOutput.last_hidden_state',
    overload: '',
    result: T.ndarray('float32', 3, 'torch'),
    params: args,
    variant: 'hidden_state',
  }),
  tests: [],
  testedBy: 'tests/models.test.ts',
});

defineOp({
  id: 'ModelOutput.__getitem__',
  summary: 'output[0], the last hidden state',
  resolve: (args, _kw, consts) => {
    const k = consts?.[1];
    if (k?.kind !== 'int' || k.value !== 0n) return { error: 'only output[0] (the last hidden state) is available' };
    return {
      entry: 'ModelOutput.__getitem__',
      overload: '0',
      result: T.ndarray('float32', 3, 'torch'),
      params: args,
      variant: 'hidden_state',
    };
  },
  tests: [],
  testedBy: 'tests/models.test.ts',
});

// `model.device` (Qwen3-Embedding's card passes it to `batch_dict.to(...)`): compiled models hand their
// outputs back on the CPU, so the device is a value that only travels to `device=` and `.to(...)`.
for (const kind of ['AutoModel', 'SequenceClassifier', 'SentenceTransformer', 'CrossEncoder']) {
  defineOp({
    id: `${kind}.device`,
    summary: `${kind === 'AutoModel' ? 'model' : kind}.device: the device tensors come back on`,
    resolve: (args) =>
      args.length === 1
        ? {
            entry: `${kind}.device`,
            overload: '',
            result: T.opaque('torch.device', 'nd::TorchDevice'),
            params: args,
            variant: 'device',
          }
        : { error: '`device` is an attribute' },
    spell: { device: () => 'nd::TorchDevice' },
    tests: [],
    testedBy: 'tests/cards.test.ts',
  });
}

defineOp({
  id: 'BatchEncoding.to',
  summary: 'encoded.to(device): the same encoding (the tensors are already where compiled models read them)',
  resolve: (args) => {
    const d = args[1];
    if (args.length !== 2 || (!(d?.kind === 'opaque' && d.name === 'torch.device') && d?.kind !== 'str'))
      return { error: 'pass a device: `encoded.to(model.device)` or `encoded.to("cpu")`' };
    return { entry: 'BatchEncoding.to', overload: '', result: args[0]!, params: args, variant: 'same' };
  },
  spell: { same: () => '{0}' },
  tests: [],
  testedBy: 'tests/cards.test.ts',
});

function stEncode(id: string, promptName: string | undefined) {
  return (
    args: Type[],
    kw: ReadonlyMap<string, Type>,
    _c?: readonly (ConstValue | undefined)[],
    kwc?: ReadonlyMap<string, ConstValue>,
  ): ResolveResult => {
    const texts = args[1] ?? kw.get('sentences');
    if (!texts || args.length > 2) return { error: 'expected the sentences: a str or a list of str' };
    const arg = textsArg(texts, args[1] ? '1' : 'kw:sentences');
    if (!arg) return { error: `sentences must be str or list[str], not ${typeToString(texts)}` };
    const known = [
      'sentences',
      'normalize_embeddings',
      'truncate_dim',
      'convert_to_numpy',
      'convert_to_tensor',
      'batch_size',
      'show_progress_bar',
      'prompt_name',
      'prompt',
      'precision',
      'device',
    ];
    for (const k of kw.keys()) if (!known.includes(k)) return { error: `encode() keyword \`${k}\` is not supported` };
    if (kw.has('normalize_embeddings') && kw.get('normalize_embeddings')!.kind !== 'bool')
      return { error: '`normalize_embeddings` must be a bool' };
    const td = kw.get('truncate_dim');
    // The truncation: the keyword's int, None, or the model's own `truncate_dim` when not passed.
    const trunc = td ? (td.kind === 'int' ? 'kw' : td.kind === 'none' ? 'none' : undefined) : 'model';
    if (!trunc) return { error: '`truncate_dim` must be an int or None' };
    const precision = kwc?.get('precision');
    if (precision && !(precision.kind === 'str' && precision.value === 'float32'))
      return { error: 'only `precision="float32"` is supported' };
    // The prompt: none, a named prompt of the model's configuration, or the `prompt` keyword's text.
    let prompt: Record<string, string | boolean> = { prompt: 'none' };
    const pn = kwc?.get('prompt_name') ?? (promptName ? ({ kind: 'str', value: promptName } as ConstValue) : undefined);
    if (kw.has('prompt_name') && !kwc?.has('prompt_name')) return { error: '`prompt_name` must be a literal' };
    if (pn?.kind === 'str') prompt = { prompt: 'named', promptName: pn.value };
    if (kw.has('prompt')) prompt = { prompt: kw.get('prompt')!.kind === 'str' ? 'text' : 'none' };
    const tensor = kwc?.get('convert_to_tensor');
    const flavor = tensor?.kind === 'bool' && tensor.value ? 'torch' : 'numpy';
    return {
      entry: id,
      overload: typeToString(texts),
      result: T.ndarray('float32', arg.single ? 1 : 2, flavor),
      params: args,
      variant: 'sentences',
      detail: { ...arg, ...prompt, normalize: kw.has('normalize_embeddings'), truncate: trunc },
    };
  };
}

/** The Rust of `encode` and its prompt variants, from what the rule chose. */
const spellEncode: Spelling = {
  sentences: (c) => {
    const d = c.detail!;
    const name = d.promptName as string;
    const prompt =
      d.prompt === 'named'
        ? `Some({0}.prompt(${JSON.stringify(name)}).ok_or_else(|| rt::PyErr::value_error(${JSON.stringify(`Prompt name '${name}' not found in the configured prompts`)}))?)`
        : d.prompt === 'text'
          ? 'Some({&kw:prompt}.as_str())'
          : 'None';
    const norm = d.normalize ? '{kw:normalize_embeddings}' : 'false';
    const recv = c.params[0];
    const modelDim =
      recv?.kind === 'resource' && recv.truncateDim !== undefined ? `Some(${recv.truncateDim}usize)` : 'None';
    const trunc = d.truncate === 'kw' ? 'Some({kw:truncate_dim} as usize)' : d.truncate === 'none' ? 'None' : modelDim;
    const squeeze = d.single ? '.squeeze(0).map_err(ml::Error::from)?' : '';
    return `nd::NdArray::from_tensor({0}.encode_with_prompt(${textsCode(c)}, ${prompt}, ${norm}, ${trunc}).map_err(rt::PyErr::from)?${squeeze})?`;
  },
};

defineOp({
  id: 'SentenceTransformer.encode',
  summary: 'model.encode(sentences, normalize_embeddings=, truncate_dim=, prompt_name=)',
  resolve: stEncode('SentenceTransformer.encode', undefined),
  spell: spellEncode,
  tests: [],
  testedBy: 'tests/models.test.ts',
});
defineOp({
  id: 'SentenceTransformer.encode_query',
  summary: 'model.encode_query(sentences, ...): encode with the "query" prompt',
  resolve: stEncode('SentenceTransformer.encode_query', 'query'),
  spell: spellEncode,
  tests: [],
  testedBy: 'tests/models.test.ts',
});
defineOp({
  id: 'SentenceTransformer.encode_document',
  summary: 'model.encode_document(sentences, ...): encode with the "document" prompt',
  resolve: stEncode('SentenceTransformer.encode_document', 'document'),
  spell: spellEncode,
  tests: [],
  testedBy: 'tests/models.test.ts',
});

// The Rust of each variant the rules above choose.
defineSpellings({
  'AutoModel.__call__': {
    batch: () => 'nd::NdArray::from_tensor({0}.forward_batch({&kw:**}).map_err(rt::PyErr::from)?)?',
  },
  'ModelOutput.last_hidden_state': { hidden_state: () => '{0}' },
  'ModelOutput.__getitem__': { hidden_state: () => '{0}' },
});
