/**
 * What can be done with a sequence classifier (lower/resources.ts kinds `CrossEncoder` and `SequenceClassifier`):
 * sentence-transformers' `CrossEncoder.predict(pairs)` and `.rank(query, documents)`, the activations they take
 * (`torch.nn.Sigmoid()` and friends as `activation_fn`), and transformers' `model(**tokenizer(queries, docs, ...))`
 * with `.logits`. Emission calls ingot-models' `CrossEncoder` and `SequenceClassifier` (`ml::`); tensors come back as
 * `nd::NdArray`, so torch's `sigmoid`/`softmax` and numpy apply to the logits.
 * Reference tests need model weights, so they live in tests/rerank.test.ts (parity with sentence-transformers and
 * transformers on the tiny cross-encoder fixtures).
 */
import type { OpChoice } from '../../ir/choice';
import type { ConstValue } from '../../ir/consts';
import { type Type, typeToString } from '../../types/types';
import { defineOp, T, type ResolveResult } from '../registry';

const ACTIVATION: Type = T.opaque('ScoreActivation', 'ml::ScoreActivation');
const CLASSIFIER_OUTPUT: Type = T.opaque('SequenceClassifierOutput', 'nd::NdArray');

/** The torch modules sentence-transformers accepts as `activation_fn`, by the `ml::ScoreActivation` each is. */
const ACTIVATIONS: Record<string, string> = {
  'torch.nn.Sigmoid': 'Sigmoid',
  'torch.nn.Identity': 'Identity',
  'torch.nn.Tanh': 'Tanh',
  'torch.nn.Softmax': 'Softmax',
};

for (const [id, variant] of Object.entries(ACTIVATIONS)) {
  defineOp({
    id,
    summary: `${id.replace('torch.', '')}(): as a CrossEncoder's \`activation_fn\``,
    resolve: (args, kw, _c, kwc) => {
      if (args.length > (variant === 'Softmax' ? 1 : 0)) return { error: `${id}() takes no positional arguments here` };
      // Softmax over the labels: dim -1 or 1 of the [pairs, labels] scores, which are the same axis.
      if (variant === 'Softmax') {
        const dim = kwc?.get('dim') ?? undefined;
        const ok = dim === undefined ? !kw.has('dim') : dim.kind === 'int' && (dim.value === -1n || dim.value === 1n);
        if (!ok) return { error: '`torch.nn.Softmax` as an activation needs `dim=-1` (the labels)' };
      } else if (kw.size > 0) return { error: `${id}() takes no arguments` };
      return { entry: id, overload: '', result: ACTIVATION, params: [], variant: 'activation', detail: { variant } };
    },
    spell: { activation: (c) => `ml::ScoreActivation::${c.detail!.variant}` },
    tests: [],
    testedBy: 'tests/rerank.test.ts',
  });
}

/** Where the pairs are and what shape: a list of 2-tuples, a list of 2-item lists, or one pair of either kind. */
function pairsArg(t: Type, at: string): { pairs: string; shape: 'tuples' | 'lists'; single: boolean } | undefined {
  const isPairTuple = (x: Type): boolean =>
    x.kind === 'tuple' && x.items.length === 2 && x.items.every((i) => i.kind === 'str');
  const isStrList = (x: Type): boolean => x.kind === 'list' && x.item.kind === 'str';
  if (t.kind === 'list' && isPairTuple(t.item)) return { pairs: at, shape: 'tuples', single: false };
  if (t.kind === 'list' && isStrList(t.item)) return { pairs: at, shape: 'lists', single: false };
  if (isPairTuple(t)) return { pairs: at, shape: 'tuples', single: true };
  if (isStrList(t)) return { pairs: at, shape: 'lists', single: true };
  return undefined;
}

/** The pairs as a Rust `Vec<(String, String)>` (or a borrowed slice of them). */
function pairsCode(c: OpChoice): string {
  const at = c.detail!.pairs as string;
  if (c.detail!.shape === 'tuples') return c.detail!.single ? `&[{${at}}]` : `&{&${at}}`;
  // sentence-transformers pairs the two texts of each inner list; another length fails in its tokenizer.
  const one = `match __p.as_slice() { [__a, __b] => Ok((__a.clone(), __b.clone())), __other => Err(rt::PyErr::value_error(format!("a pair must hold two texts, got {}", __other.len()))) }`;
  return c.detail!.single
    ? `&[{ let __p = {&${at}}; ${one}? }]`
    : `&{&${at}}.iter().map(|__p| ${one}).collect::<rt::PyResult<Vec<(String, String)>>>()?`;
}

/** `activation_fn=`: an activation module, or None (the model's own), as an `Option<ml::ScoreActivation>`. */
function activationArg(kw: ReadonlyMap<string, Type>): string | { error: string } {
  const a = kw.get('activation_fn');
  if (!a || a.kind === 'none') return 'None';
  if (a.kind === 'opaque' && a.name === 'ScoreActivation') return 'Some({kw:activation_fn})';
  return {
    error: `\`activation_fn\` must be torch.nn.Sigmoid(), Identity(), Tanh(), Softmax(dim=-1) or None, not ${typeToString(a)}`,
  };
}

const TUNING = ['batch_size', 'show_progress_bar', 'device', 'convert_to_numpy'];

defineOp({
  id: 'CrossEncoder.predict',
  summary: 'model.predict(pairs, activation_fn=, apply_softmax=, convert_to_tensor=): a score per pair',
  resolve: (args, kw, _c, kwc): ResolveResult => {
    const pairs = args[1] ?? kw.get('inputs') ?? kw.get('sentences');
    if (!pairs || args.length > 2) return { error: 'expected the pairs: a list of (query, document) pairs' };
    const at = args[1] ? '1' : kw.has('inputs') ? 'kw:inputs' : 'kw:sentences';
    const arg = pairsArg(pairs, at);
    if (!arg) return { error: `pairs must be list[tuple[str, str]] or list[list[str]], not ${typeToString(pairs)}` };
    const known = ['inputs', 'sentences', 'activation_fn', 'apply_softmax', 'convert_to_tensor', ...TUNING];
    for (const k of kw.keys()) if (!known.includes(k)) return { error: `predict() keyword \`${k}\` is not supported` };
    const act = activationArg(kw);
    if (typeof act !== 'string') return act;
    if (kw.has('apply_softmax') && kw.get('apply_softmax')!.kind !== 'bool')
      return { error: '`apply_softmax` must be a bool' };
    const tensor = kwc?.get('convert_to_tensor');
    if (kw.has('convert_to_tensor') && tensor?.kind !== 'bool')
      return { error: '`convert_to_tensor` must be a literal' };
    const receiver = args[0];
    const labels = receiver?.kind === 'resource' ? (receiver.numLabels ?? 1) : 1;
    // One label gives a score per pair (a scalar for a single pair), more labels a row per pair.
    const rank = (labels === 1 ? 1 : 2) - (arg.single ? 1 : 0);
    const result =
      rank === 0 ? T.float : T.ndarray('float32', rank, tensor?.kind === 'bool' && tensor.value ? 'torch' : 'numpy');
    return {
      entry: 'CrossEncoder.predict',
      overload: typeToString(pairs),
      result,
      params: args,
      variant: 'predict',
      detail: { ...arg, activation: act, softmax: kw.has('apply_softmax'), scalar: rank === 0 },
    };
  },
  spell: {
    predict: (c) => {
      const d = c.detail!;
      const call = `{0}.predict(${pairsCode(c)}, ${d.activation as string}, ${d.softmax ? '{kw:apply_softmax}' : 'false'}).map_err(rt::PyErr::from)?`;
      if (d.scalar) return `(${call}.to_vec1::<f32>().map_err(ml::Error::from)?[0] as f64)`;
      return `nd::NdArray::from_tensor(${call}${d.single ? '.squeeze(0).map_err(ml::Error::from)?' : ''})?`;
    },
  },
  tests: [],
  testedBy: 'tests/rerank.test.ts',
});

function constBool(v: ConstValue | undefined): boolean | undefined {
  return v?.kind === 'bool' ? v.value : undefined;
}

defineOp({
  id: 'CrossEncoder.rank',
  summary:
    'model.rank(query, documents, top_k=, return_documents=): [{"corpus_id", "score", "text"?}], best first, as sentence-transformers returns them',
  resolve: (args, kw, _c, kwc): ResolveResult => {
    const query = args[1] ?? kw.get('query');
    const docs = args[2] ?? kw.get('documents');
    if (!query || !docs || args.length > 3) return { error: 'expected `rank(query, documents)`' };
    if (query.kind !== 'str') return { error: `the query must be a str, not ${typeToString(query)}` };
    if (docs.kind !== 'list' || (docs.item.kind !== 'str' && docs.item.kind !== 'unknown'))
      return { error: `the documents must be a list[str], not ${typeToString(docs)}` };
    const known = ['query', 'documents', 'top_k', 'return_documents', 'activation_fn', ...TUNING];
    for (const k of kw.keys()) if (!known.includes(k)) return { error: `rank() keyword \`${k}\` is not supported` };
    const act = activationArg(kw);
    if (typeof act !== 'string') return act;
    const topK = kw.get('top_k');
    if (topK && topK.kind !== 'int' && topK.kind !== 'none' && !(topK.kind === 'optional' && topK.item.kind === 'int'))
      return { error: `\`top_k\` must be an int or None, not ${typeToString(topK)}` };
    const withDocs = kw.has('return_documents') ? constBool(kwc?.get('return_documents')) : false;
    if (withDocs === undefined) return { error: '`return_documents` must be a literal True or False' };
    const value = T.union(withDocs ? [T.int, T.float, T.str] : [T.int, T.float])!;
    return {
      entry: 'CrossEncoder.rank',
      overload: '',
      result: T.list(T.dict(T.str, value)),
      params: args,
      variant: 'rank',
      detail: {
        query: args[1] ? '1' : 'kw:query',
        documents: args[2] ? '2' : 'kw:documents',
        topK: !topK || topK.kind === 'none' ? 'none' : topK.kind === 'int' ? 'int' : 'optional',
        activation: act,
        withDocs,
      },
    };
  },
  spell: {
    rank: (c) => {
      const d = c.detail!;
      const u = d.withDocs ? 'rt::union::U3' : 'rt::union::U2';
      const topK = d.topK === 'none' ? 'None' : d.topK === 'int' ? 'Some({kw:top_k})' : '{kw:top_k}';
      const text = d.withDocs ? ` __d.insert("text".to_string(), ${u}::V2(__docs[__r.corpus_id].clone()));` : '';
      return (
        `{ let __docs = {&${d.documents as string}}; {0}.rank({&${d.query as string}}, __docs, ${topK}, ${d.activation as string}).map_err(rt::PyErr::from)?` +
        `.into_iter().map(|__r| { let mut __d = rt::Dict::new(); __d.insert("corpus_id".to_string(), ${u}::V0(__r.corpus_id as i64));` +
        ` __d.insert("score".to_string(), ${u}::V1(__r.score as f64));${text} __d }).collect::<Vec<_>>() }`
      );
    },
  },
  tests: [],
  testedBy: 'tests/rerank.test.ts',
});

defineOp({
  id: 'SequenceClassifier.__call__',
  summary: 'model(**encoded) or model(input_ids, attention_mask[, token_type_ids]): the output with `.logits`',
  resolve: (args, kw) => {
    const star = kw.get('**');
    if (star) {
      if (star.kind !== 'opaque' || star.name !== 'BatchEncoding')
        return { error: `\`**\` takes a tokenizer's output, not ${typeToString(star)}` };
      return {
        entry: 'SequenceClassifier.__call__',
        overload: '**BatchEncoding',
        result: CLASSIFIER_OUTPUT,
        params: args,
        variant: 'batch',
      };
    }
    const ids = args[1] ?? kw.get('input_ids');
    if (!ids || ids.kind !== 'ndarray') return { error: 'pass input_ids (a tensor), or **encoded' };
    const part = (pos: number, name: string): string | undefined => {
      if (args[pos]) return args[pos]!.kind === 'ndarray' ? String(pos) : undefined;
      if (kw.has(name)) return kw.get(name)!.kind === 'ndarray' ? `kw:${name}` : undefined;
      return '';
    };
    const mask = part(2, 'attention_mask');
    const tt = part(3, 'token_type_ids');
    if (mask === undefined || tt === undefined) return { error: 'attention_mask and token_type_ids must be tensors' };
    return {
      entry: 'SequenceClassifier.__call__',
      overload: 'tensors',
      result: CLASSIFIER_OUTPUT,
      params: args,
      variant: 'tensors',
      detail: { ids: args[1] ? '1' : 'kw:input_ids', mask, tt },
    };
  },
  spell: {
    batch: () => 'nd::NdArray::from_tensor({0}.forward_batch({&kw:**}).map_err(rt::PyErr::from)?)?',
    tensors: (c) => {
      const opt = (at: string): string => (at === '' ? 'None' : `Some({&${at}}.tensor())`);
      const d = c.detail as Record<string, string>;
      return `nd::NdArray::from_tensor({0}.forward({&${d.ids}}.tensor(), ${opt(d.mask!)}, ${opt(d.tt!)}).map_err(rt::PyErr::from)?)?`;
    },
  },
  tests: [],
  testedBy: 'tests/rerank.test.ts',
});

defineOp({
  id: 'SequenceClassifierOutput.logits',
  summary: 'output.logits: float32 [batch, num_labels]',
  resolve: (args) => ({
    entry: 'SequenceClassifierOutput.logits',
    overload: '',
    result: T.ndarray('float32', 2, 'torch'),
    params: args,
    variant: 'logits',
  }),
  spell: { logits: () => '{0}' },
  tests: [],
  testedBy: 'tests/rerank.test.ts',
});

defineOp({
  id: 'SequenceClassifierOutput.__getitem__',
  summary: 'output[0], the logits',
  resolve: (args, _kw, consts) => {
    const k = consts?.[1];
    if (k?.kind !== 'int' || k.value !== 0n) return { error: 'only output[0] (the logits) is available' };
    return {
      entry: 'SequenceClassifierOutput.__getitem__',
      overload: '0',
      result: T.ndarray('float32', 2, 'torch'),
      params: args,
      variant: 'logits',
    };
  },
  spell: { logits: () => '{0}' },
  tests: [],
  testedBy: 'tests/rerank.test.ts',
});
