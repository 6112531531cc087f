/**
 * `sklearn.metrics` as evaluation code calls it: the classification scores on label lists or arrays
 * (`accuracy_score`, `precision_score`, `recall_score`, `f1_score`, `fbeta_score` with `average=`
 * binary/micro/macro/weighted/None, `labels=`, `pos_label=`, `zero_division=`; `precision_recall_fscore_support`;
 * `confusion_matrix` with `labels=` and `normalize=`), the binary ranking scores (`roc_auc_score`,
 * `average_precision_score`) and the regression errors (`mean_squared_error`, `root_mean_squared_error`,
 * `mean_absolute_error`, `mean_absolute_percentage_error`, `r2_score`). ingot-tensor computes them
 * (`native-rust/tensor/src/sklearn.rs`) with scikit-learn's label handling, zero-division values and errors.
 */
import { T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, defineSpellings, type OpTest } from '../registry';
import { type At, asArray, bindArgs, type Bound, isArr, nd, ok, own } from './numpy';
import { err } from './torch';

const IMPORTS = ['from sklearn import metrics'];
const test = (t: Omit<OpTest, 'imports'>): OpTest => ({ ...t, imports: IMPORTS });
const NP = 'np.ndarray';

/** A classification target: a list of ints, bools, floats or strs, or a 1-D array. */
function targetArg(b: Bound | undefined, name: string): { at: At } | { error: string } {
  if (!b) return { error: `${name} is required` };
  const t = b.t;
  if (isArr(t)) {
    if (t.rank !== undefined && t.rank !== 1) return { error: `${name} must be a 1-D array of labels` };
    return { at: b.at };
  }
  if (t.kind === 'list' && ['int', 'bool', 'float', 'str'].includes(t.item.kind)) return { at: b.at };
  return { error: `${name} must be a list of int, bool, float or str labels (or a 1-D array), not ${typeToString(t)}` };
}

/** A label (`pos_label=`): an int, bool or str, as Rust building an `nd::Label`. */
function labelCode(b: Bound | undefined, dflt = 'nd::Label::I(1)'): string | { error: string } {
  if (!b) return dflt;
  if (b.t.kind === 'int') return `nd::Label::I(${own(b.at)})`;
  if (b.t.kind === 'bool') return `nd::Label::I(${own(b.at)} as i64)`;
  if (b.t.kind === 'str') return `nd::Label::S(${own(b.at)}.to_string())`;
  return { error: `pos_label must be an int or a str, not ${typeToString(b.t)}` };
}

/** `labels=`: None, or a list of labels, as Rust `Option<&Vec<nd::Label>>`. */
function labelsCode(b: Bound | undefined): string | { error: string } {
  if (!b || b.t.kind === 'none') return 'None';
  const t = targetArg(b, 'labels');
  if (err(t)) return t;
  return `Some(&nd::sk_labels({&${t.at}})?)`;
}

/** `zero_division=`: "warn" (0 with a warning), 0, 1 or np.nan, as a Rust f64. */
function zeroDivisionCode(b: Bound | undefined): string | { error: string } {
  if (!b) return '0.0';
  if (b.t.kind === 'str') {
    if (b.c?.kind === 'str' && b.c.value === 'warn') return '0.0';
    return { error: 'zero_division must be "warn", 0, 1 or np.nan' };
  }
  if (b.t.kind === 'int') return `(${own(b.at)} as f64)`;
  if (b.t.kind === 'float') return own(b.at);
  return { error: `zero_division must be "warn", 0, 1 or np.nan, not ${typeToString(b.t)}` };
}

const AVERAGES = ['binary', 'micro', 'macro', 'weighted'];

/** `average=`: a literal (checked here), None, or a str decided at run time. */
function averageArg(b: Bound | undefined, dflt: string | null): { code: string; none: boolean } | { error: string } {
  if (!b) return dflt === null ? { code: '"none"', none: true } : { code: JSON.stringify(dflt), none: false };
  if (b.t.kind === 'none') return { code: '"none"', none: true };
  if (b.t.kind !== 'str') return { error: `average must be a str or None, not ${typeToString(b.t)}` };
  if (b.c?.kind === 'str') {
    if (b.c.value === 'samples')
      return { error: 'average="samples" needs multilabel targets, which are not supported' };
    if (!AVERAGES.includes(b.c.value))
      return {
        error: `The 'average' parameter must be a str among {'weighted', 'macro', 'micro', 'binary', 'samples'} or None. Got '${b.c.value}' instead.`,
      };
    return { code: JSON.stringify(b.c.value), none: false };
  }
  return { code: `&${own(b.at)}`, none: false };
}

/** sample_weight= is declined; None passes. */
function noWeights(b: Map<string, Bound>, id: string): { error: string } | undefined {
  const w = b.get('sample_weight');
  if (w && w.t.kind !== 'none') return { error: `${id}'s sample_weight= is not supported` };
  return undefined;
}

const ARR_F64 = T.ndarray('float64', 1);

defineOp({
  id: 'sklearn.metrics.accuracy_score',
  summary:
    'accuracy_score(y_true, y_pred, normalize=True): the fraction of equal labels (normalize=False: the count, a float)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'accuracy_score',
      ['y_true', 'y_pred', 'normalize', 'sample_weight'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'accuracy_score');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const p = targetArg(b.get('y_pred'), 'y_pred');
    if (err(p)) return p;
    const nm = b.get('normalize');
    if (nm && nm.t.kind !== 'bool') return { error: 'normalize must be a bool' };
    return ok('sklearn.metrics.accuracy_score', T.float, args, 'acc', { t: t.at, p: p.at, normalize: nm?.at });
  },
  tests: [
    test({
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'metrics.accuracy_score(a, b), metrics.accuracy_score(a, b, normalize=False)',
      samples: [
        [
          [1, 2, 3, 4],
          [1, 2, 4, 4],
        ],
        [[], []],
        [[1, 2], [1]],
      ],
    }),
    test({
      params: { a: 'list[str]', b: 'list[str]' },
      expr: 'metrics.accuracy_score(a, b)',
      samples: [
        [
          ['x', 'y'],
          ['x', 'x'],
        ],
      ],
    }),
    test({
      params: { a: NP, b: 'list[float]' },
      expr: 'metrics.accuracy_score(a, b)',
      samples: [
        [nd('int64', [3], [1, 0, 1]), [1.0, 0.0, 0.0]],
        [nd('int64', [2], [1, 0]), [1.5, 0.0]],
      ],
    }),
  ],
});

const PRF_PARAMS = ['y_true', 'y_pred', 'labels', 'pos_label', 'average', 'sample_weight', 'zero_division'];

/** Binds what precision/recall/F-beta and `precision_recall_fscore_support` share. */
function bindPrf(
  id: string,
  names: string[],
  call: [Type[], ReadonlyMap<string, Type>, unknown, unknown],
  dfltAverage: string | null,
) {
  const [args, kw, consts, kwConsts] = call;
  const b = bindArgs(id, names, args, kw, consts as never, kwConsts as never);
  if (err(b)) return b;
  const bad = noWeights(b, id);
  if (bad) return bad;
  const t = targetArg(b.get('y_true'), 'y_true');
  if (err(t)) return t;
  const p = targetArg(b.get('y_pred'), 'y_pred');
  if (err(p)) return p;
  const labels = labelsCode(b.get('labels'));
  if (err(labels)) return labels;
  const pos = labelCode(b.get('pos_label'));
  if (err(pos)) return pos;
  const avg = averageArg(b.get('average'), dfltAverage);
  if (err(avg)) return avg;
  const zd = zeroDivisionCode(b.get('zero_division'));
  if (err(zd)) return zd;
  const beta = b.get('beta');
  if (beta && beta.t.kind !== 'int' && beta.t.kind !== 'float') return { error: 'beta must be a number' };
  const betaCode = !beta ? '1.0' : beta.t.kind === 'int' ? `(${own(beta.at)} as f64)` : own(beta.at);
  return { args, avg, detail: { func: id, t: t.at, p: p.at, labels, pos, avg: avg.code, zd, beta: betaCode } };
}

const prfCall = (c: OpChoice): string => {
  const d = c.detail as Record<string, string>;
  return `nd::sk_prf("${d.func}", {&${d.t}}, {&${d.p}}, ${d.beta}, ${d.labels}, ${d.pos}, ${d.avg}, ${d.zd})?`;
};

const PRF_SAMPLES = [
  [
    [1, 0, 1, 1, 0, 1],
    [1, 0, 0, 1, 1, 1],
  ],
  [
    [0, 1, 2, 2, 1, 0],
    [0, 2, 2, 2, 1, 1],
  ],
  [
    [0, 0],
    [0, 0],
  ],
  [
    [2, 2],
    [2, 3],
  ],
  [
    [0, 1],
    [0, 0],
  ],
  [[1, 0, 1], [1]],
];

for (const [name, field] of [
  ['precision_score', 'precision'],
  ['recall_score', 'recall'],
  ['f1_score', 'fscore'],
  ['fbeta_score', 'fscore'],
] as const) {
  const id = `sklearn.metrics.${name}`;
  const names = name === 'fbeta_score' ? ['y_true', 'y_pred', 'beta', ...PRF_PARAMS.slice(2)] : PRF_PARAMS;
  const extra = name === 'fbeta_score' ? ', beta=0.5' : '';
  defineOp({
    id,
    summary: `${name}(y_true, y_pred${name === 'fbeta_score' ? ', beta' : ''}, labels=None, pos_label=1, average='binary', zero_division='warn'): a float, or per label with average=None`,
    resolve: (...call) => {
      if (name === 'fbeta_score' && !call[1].has('beta') && call[0].length < 3)
        return { error: "fbeta_score() missing 1 required keyword-only argument: 'beta'" };
      const r = bindPrf(name, names, call as never, 'binary');
      if (err(r)) return r;
      return ok(id, r.avg.none ? ARR_F64 : T.float, call[0], r.avg.none ? 'array' : 'float', { ...r.detail, field });
    },
    tests: [
      test({
        params: { a: 'list[int]', b: 'list[int]' },
        expr: `metrics.${name}(a, b${extra}), metrics.${name}(a, b, average="micro"${extra}), metrics.${name}(a, b, average="macro"${extra}), metrics.${name}(a, b, average="weighted"${extra}), metrics.${name}(a, b, average=None${extra}).tolist()`,
        samples: PRF_SAMPLES,
      }),
      test({
        params: { a: 'list[int]', b: 'list[int]' },
        expr: `metrics.${name}(a, b, average="macro", zero_division=1${extra}), metrics.${name}(a, b, average=None, labels=[0, 1, 5], zero_division=0${extra}).tolist(), metrics.${name}(a, b, average="macro", labels=[0, 1]${extra})`,
        samples: PRF_SAMPLES.slice(1, 5),
      }),
      test({
        params: { a: 'list[str]', b: 'list[str]', avg: 'str' },
        expr: `metrics.${name}(a, b, average=avg${extra}), metrics.${name}(a, b, pos_label="b", average="binary"${extra})`,
        samples: [
          [['a', 'b', 'b'], ['a', 'a', 'b'], 'binary'],
          [['a', 'b', 'c'], ['a', 'c', 'c'], 'macro'],
          [['a', 'b'], ['a', 'b'], 'nope'],
        ],
      }),
      test({
        params: { a: NP, b: 'list[bool]' },
        expr: `metrics.${name}(a, b${extra})`,
        samples: [
          [nd('int64', [3], [1, 0, 1]), [true, false, false]],
          [nd('float64', [2], [1.0, 0.5]), [true, false]],
        ],
      }),
      test({
        params: { a: 'list[str]', b: 'list[int]' },
        expr: `metrics.${name}(a, b${extra})`,
        samples: [[['a'], [1]]],
      }),
    ],
  });
}

defineOp({
  id: 'sklearn.metrics.precision_recall_fscore_support',
  summary:
    'precision_recall_fscore_support(y_true, y_pred, beta=1.0, labels=None, pos_label=1, average=None, zero_division="warn"): arrays per label (support int64), or floats and None with an average',
  resolve: (...call) => {
    const names = [
      'y_true',
      'y_pred',
      'beta',
      'labels',
      'pos_label',
      'average',
      'warn_for',
      'sample_weight',
      'zero_division',
    ];
    if (call[1].has('warn_for')) return { error: 'warn_for= is not supported' };
    const r = bindPrf('precision_recall_fscore_support', names, call as never, null);
    if (err(r)) return r;
    const result = r.avg.none
      ? T.tuple([ARR_F64, ARR_F64, ARR_F64, T.ndarray('int64', 1)])
      : T.tuple([T.float, T.float, T.float, T.none]);
    return ok(
      'sklearn.metrics.precision_recall_fscore_support',
      result,
      call[0],
      r.avg.none ? 'array' : 'float',
      r.detail,
    );
  },
  tests: [
    test({
      params: { a: 'list[int]', b: 'list[int]' },
      body: 'p, r, f, s = metrics.precision_recall_fscore_support(a, b, zero_division=0)\nreturn p.tolist(), r.tolist(), f.tolist(), s.tolist(), metrics.precision_recall_fscore_support(a, b, average="macro"), metrics.precision_recall_fscore_support(a, b, beta=2.0, average="weighted")',
      samples: PRF_SAMPLES,
    }),
  ],
});

defineOp({
  id: 'sklearn.metrics.confusion_matrix',
  summary:
    'confusion_matrix(y_true, y_pred, labels=None, normalize=None): int64 counts, rows true and columns predicted (float64 rates with normalize)',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'confusion_matrix',
      ['y_true', 'y_pred', 'labels', 'sample_weight', 'normalize'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'confusion_matrix');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const p = targetArg(b.get('y_pred'), 'y_pred');
    if (err(p)) return p;
    const labels = labelsCode(b.get('labels'));
    if (err(labels)) return labels;
    const nm = b.get('normalize');
    if (nm && nm.t.kind !== 'none' && nm.t.kind !== 'str')
      return { error: 'normalize must be "true", "pred", "all" or None' };
    const norm = nm && nm.t.kind === 'str' ? `Some(AsRef::<str>::as_ref(&${own(nm.at)}))` : 'None';
    return ok('sklearn.metrics.confusion_matrix', T.ndarray(norm === 'None' ? 'int64' : 'float64', 2), args, 'cm', {
      t: t.at,
      p: p.at,
      labels,
      norm,
    });
  },
  tests: [
    test({
      params: { a: 'list[str]', b: 'list[str]' },
      expr: 'metrics.confusion_matrix(a, b).tolist(), metrics.confusion_matrix(a, b, labels=["dog", "cat", "emu"]).tolist(), metrics.confusion_matrix(a, b, normalize="true").tolist(), metrics.confusion_matrix(a, b, normalize="pred").tolist(), metrics.confusion_matrix(a, b, normalize="all").tolist()',
      samples: [
        [
          ['cat', 'dog', 'cat', 'bird'],
          ['cat', 'cat', 'cat', 'dog'],
        ],
        [['cat'], ['cat', 'dog']],
        [['bird'], ['bird']],
      ],
    }),
    test({
      params: { a: 'list[int]', b: NP },
      expr: 'metrics.confusion_matrix(a, b).tolist(), metrics.confusion_matrix(a, b, labels=[1, 0]).tolist()',
      samples: [
        [[0, 1, 1, 0], nd('int64', [4], [0, 1, 0, 0])],
        [[2, 2], nd('int64', [2], [2, 3])],
      ],
    }),
  ],
});

/** A score array argument: a list of numbers or an array. */
function scoreArg(b: Bound | undefined) {
  if (!b) return { error: 'y_score is required' };
  const a = asArray(b);
  if (err(a)) return a;
  return { at: a.detail.a, convert: a.detail.convert };
}
const scoreCode = (c: OpChoice): string =>
  c.detail!.sConvert ? `(&nd::array(${own(c.detail!.s as At)}, None)?)` : `{&${c.detail!.s as At}}`;

defineOp({
  id: 'sklearn.metrics.roc_auc_score',
  summary: 'roc_auc_score(y_true, y_score) of a binary target: the ROC area (ties count half); nan for one class',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'roc_auc_score',
      ['y_true', 'y_score', 'average', 'sample_weight', 'max_fpr', 'multi_class', 'labels'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    for (const k of ['sample_weight', 'max_fpr', 'multi_class', 'labels'])
      if (b.has(k) && b.get(k)!.t.kind !== 'none') return { error: `roc_auc_score's ${k}= is not supported` };
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const s = scoreArg(b.get('y_score'));
    if (err(s)) return s;
    return ok('sklearn.metrics.roc_auc_score', T.float, args, 'auc', { t: t.at, s: s.at, sConvert: s.convert });
  },
  tests: [
    test({
      params: { a: 'list[int]', s: 'list[float]' },
      expr: 'metrics.roc_auc_score(a, s)',
      samples: [
        [
          [0, 0, 1, 1],
          [0.1, 0.4, 0.35, 0.8],
        ],
        [
          [1, 1, 1],
          [0.1, 0.4, 0.35],
        ],
        [
          [0, 1],
          [0.5, 0.5],
        ],
        [
          [0, 1, 2],
          [0.1, 0.2, 0.3],
        ],
        [[0, 1], [0.1]],
      ],
    }),
    test({
      params: { a: 'list[str]', s: NP },
      expr: 'metrics.roc_auc_score(a, s)',
      samples: [[['b', 'a', 'b'], nd('float64', [3], [0.9, 0.2, 0.1])]],
    }),
  ],
});

defineOp({
  id: 'sklearn.metrics.average_precision_score',
  summary: 'average_precision_score(y_true, y_score, pos_label=1) of a binary target: sum of (R_n - R_n-1) P_n',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'average_precision_score',
      ['y_true', 'y_score', 'average', 'pos_label', 'sample_weight'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'average_precision_score');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const s = scoreArg(b.get('y_score'));
    if (err(s)) return s;
    const pos = labelCode(b.get('pos_label'));
    if (err(pos)) return pos;
    return ok('sklearn.metrics.average_precision_score', T.float, args, 'ap', {
      t: t.at,
      s: s.at,
      sConvert: s.convert,
      pos,
    });
  },
  tests: [
    test({
      params: { a: 'list[int]', s: 'list[float]' },
      expr: 'metrics.average_precision_score(a, s)',
      samples: [
        [
          [0, 0, 1, 1],
          [0.1, 0.4, 0.35, 0.8],
        ],
        [
          [0, 0],
          [0.1, 0.2],
        ],
        [
          [2, 3],
          [0.1, 0.2],
        ],
        [
          [-1, 1, 1, -1, 1],
          [0.5, 0.5, 0.9, 0.1, 0.2],
        ],
      ],
    }),
    test({
      params: { a: 'list[str]', s: 'list[float]' },
      expr: 'metrics.average_precision_score(a, s, pos_label="y")',
      samples: [
        [
          ['y', 'n', 'y'],
          [0.3, 0.3, 0.9],
        ],
      ],
    }),
  ],
});

const REGRESSION = [
  ['mean_squared_error', 'mse', 'the mean of squared errors'],
  ['root_mean_squared_error', 'rmse', 'the square root of the mean squared error'],
  ['mean_absolute_error', 'mae', 'the mean of absolute errors'],
  ['mean_absolute_percentage_error', 'mape', 'the mean of |y - p| / max(|y|, eps)'],
  ['r2_score', 'r2', 'the coefficient of determination (1.0 or 0.0 for a constant y_true; nan below 2 samples)'],
] as const;

for (const [name, , what] of REGRESSION) {
  defineOp({
    id: `sklearn.metrics.${name}`,
    summary: `${name}(y_true, y_pred): ${what}, averaged over outputs`,
    resolve: (args, kw, consts, kwConsts) => {
      const b = bindArgs(name, ['y_true', 'y_pred', 'sample_weight', 'multioutput'], args, kw, consts, kwConsts);
      if (err(b)) return b;
      const bad = noWeights(b, name);
      if (bad) return bad;
      const mo = b.get('multioutput');
      if (mo && !(mo.c?.kind === 'str' && mo.c.value === 'uniform_average'))
        return { error: `${name}'s multioutput= other than "uniform_average" is not supported` };
      const t = scoreArg(b.get('y_true'));
      if (err(t)) return t;
      const p = scoreArg(b.get('y_pred'));
      if (err(p)) return p;
      return ok(`sklearn.metrics.${name}`, T.float, args, 'reg', {
        s: t.at,
        sConvert: t.convert,
        p: p.at,
        pConvert: p.convert,
      });
    },
    tests: [
      test({
        params: { a: 'list[float]', b: 'list[float]' },
        expr: `metrics.${name}(a, b)`,
        samples: [
          [
            [3.0, -0.5, 2.0, 7.0],
            [2.5, 0.0, 2.0, 8.0],
          ],
          [[1.0], [2.0]],
          [
            [1.0, 1.0],
            [1.0, 2.0],
          ],
          [
            [1.0, 1.0],
            [1.0, 1.0],
          ],
          [[], []],
          [[1.0, 2.0], [1.0]],
          [
            [0.0, 2.0],
            [1.0, 2.0],
          ],
        ],
      }),
      test({
        params: { a: NP, b: 'list[list[int]]' },
        expr: `metrics.${name}(a, b)`,
        samples: [
          [
            nd('float64', [3, 2], [0.5, 1.0, -1.0, 1.0, 7.0, -6.0]),
            [
              [0, 2],
              [-1, 2],
              [8, -5],
            ],
          ],
          [nd('float64', [2, 1], [0.5, 1.0]), [[0, 2]]],
          [
            nd('int64', [2], [1, 2]),
            [
              [1, 2],
              [3, 4],
            ],
          ],
        ],
      }),
    ],
  });
}

defineOp({
  id: 'sklearn.metrics.balanced_accuracy_score',
  summary:
    'balanced_accuracy_score(y_true, y_pred, adjusted=False): the mean per-class recall over the classes of y_true',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'balanced_accuracy_score',
      ['y_true', 'y_pred', 'sample_weight', 'adjusted'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'balanced_accuracy_score');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const p = targetArg(b.get('y_pred'), 'y_pred');
    if (err(p)) return p;
    const adj = b.get('adjusted');
    if (adj && adj.t.kind !== 'bool') return { error: 'adjusted must be a bool' };
    return ok('sklearn.metrics.balanced_accuracy_score', T.float, args, 'bal', { t: t.at, p: p.at, adjusted: adj?.at });
  },
  tests: [
    test({
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'metrics.balanced_accuracy_score(a, b), metrics.balanced_accuracy_score(a, b, adjusted=True)',
      samples: PRF_SAMPLES,
    }),
  ],
});

defineOp({
  id: 'sklearn.metrics.matthews_corrcoef',
  summary: 'matthews_corrcoef(y_true, y_pred): the (multiclass) Matthews correlation; 0.0 where it is undefined',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs('matthews_corrcoef', ['y_true', 'y_pred', 'sample_weight'], args, kw, consts, kwConsts);
    if (err(b)) return b;
    const bad = noWeights(b, 'matthews_corrcoef');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const p = targetArg(b.get('y_pred'), 'y_pred');
    if (err(p)) return p;
    return ok('sklearn.metrics.matthews_corrcoef', T.float, args, 'mcc', { t: t.at, p: p.at });
  },
  tests: [
    test({ params: { a: 'list[int]', b: 'list[int]' }, expr: 'metrics.matthews_corrcoef(a, b)', samples: PRF_SAMPLES }),
  ],
});

defineOp({
  id: 'sklearn.metrics.cohen_kappa_score',
  summary:
    'cohen_kappa_score(y1, y2, labels=None, weights=None): agreement beyond chance (linear/quadratic weights); nan where undefined',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'cohen_kappa_score',
      ['y1', 'y2', 'labels', 'weights', 'sample_weight'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'cohen_kappa_score');
    if (bad) return bad;
    const t = targetArg(b.get('y1'), 'y1');
    if (err(t)) return t;
    const p = targetArg(b.get('y2'), 'y2');
    if (err(p)) return p;
    const labels = labelsCode(b.get('labels'));
    if (err(labels)) return labels;
    const w = b.get('weights');
    if (w && w.t.kind !== 'none' && w.t.kind !== 'str')
      return { error: 'weights must be "linear", "quadratic" or None' };
    const weights = w && w.t.kind === 'str' ? `Some(AsRef::<str>::as_ref(&${own(w.at)}))` : 'None';
    return ok('sklearn.metrics.cohen_kappa_score', T.float, args, 'kappa', { t: t.at, p: p.at, labels, weights });
  },
  tests: [
    test({
      params: { a: 'list[int]', b: 'list[int]' },
      expr: 'metrics.cohen_kappa_score(a, b), metrics.cohen_kappa_score(a, b, weights="linear"), metrics.cohen_kappa_score(a, b, weights="quadratic"), metrics.cohen_kappa_score(a, b, labels=[0, 1, 2])',
      samples: PRF_SAMPLES,
    }),
  ],
});

defineOp({
  id: 'sklearn.metrics.log_loss',
  summary:
    'log_loss(y_true, y_pred, normalize=True, labels=None): cross-entropy of probabilities (1-D: of the positive class), clipped to [eps, 1-eps]',
  resolve: (args, kw, consts, kwConsts) => {
    const b = bindArgs(
      'log_loss',
      ['y_true', 'y_pred', 'normalize', 'sample_weight', 'labels'],
      args,
      kw,
      consts,
      kwConsts,
    );
    if (err(b)) return b;
    const bad = noWeights(b, 'log_loss');
    if (bad) return bad;
    const t = targetArg(b.get('y_true'), 'y_true');
    if (err(t)) return t;
    const s = scoreArg(b.get('y_pred'));
    if (err(s)) return s;
    const nm = b.get('normalize');
    if (nm && nm.t.kind !== 'bool') return { error: 'normalize must be a bool' };
    const labels = labelsCode(b.get('labels'));
    if (err(labels)) return labels;
    return ok('sklearn.metrics.log_loss', T.float, args, 'loss', {
      t: t.at,
      s: s.at,
      sConvert: s.convert,
      normalize: nm?.at,
      labels,
    });
  },
  tests: [
    test({
      params: { a: 'list[int]', s: 'list[float]' },
      expr: 'metrics.log_loss(a, s), metrics.log_loss(a, s, normalize=False), metrics.log_loss(a, s, labels=[0, 1])',
      samples: [
        [
          [0, 1, 1],
          [0.1, 0.8, 0.6],
        ],
        [
          [0, 1],
          [0.0, 1.0],
        ],
        [
          [1, 1],
          [0.5, 0.6],
        ],
        [[0, 1], [0.5]],
      ],
    }),
    test({
      params: { a: 'list[str]', s: 'list[list[float]]' },
      expr: 'metrics.log_loss(a, s)',
      samples: [
        [
          ['x', 'y', 'z'],
          [
            [0.8, 0.1, 0.1],
            [0.2, 0.7, 0.1],
            [0.2, 0.2, 0.6],
          ],
        ],
        [
          ['x', 'y', 'z'],
          [
            [0.5, 0.5],
            [0.2, 0.8],
            [0.1, 0.9],
          ],
        ],
      ],
    }),
  ],
});

defineSpellings({
  'sklearn.metrics.accuracy_score': {
    acc: (c) =>
      `nd::sk_accuracy({&${c.detail!.t as At}}, {&${c.detail!.p as At}}, ${c.detail!.normalize === undefined ? 'true' : own(c.detail!.normalize as At)})?`,
  },
  ...Object.fromEntries(
    ['precision_score', 'recall_score', 'f1_score', 'fbeta_score'].map((name) => [
      `sklearn.metrics.${name}`,
      {
        float: (c: OpChoice) => `${prfCall(c)}.${c.detail!.field as string}[0]`,
        array: (c: OpChoice) => `nd::Prf::array(${prfCall(c)}.${c.detail!.field as string})?`,
      },
    ]),
  ),
  'sklearn.metrics.precision_recall_fscore_support': {
    float: (c) => `{ let r = ${prfCall(c)}; (r.precision[0], r.recall[0], r.fscore[0], ()) }`,
    array: (c) =>
      `{ let r = ${prfCall(c)}; let s = r.support_array()?; (nd::Prf::array(r.precision)?, nd::Prf::array(r.recall)?, nd::Prf::array(r.fscore)?, s) }`,
  },
  'sklearn.metrics.balanced_accuracy_score': {
    bal: (c) =>
      `nd::sk_balanced_accuracy({&${c.detail!.t as At}}, {&${c.detail!.p as At}}, ${c.detail!.adjusted === undefined ? 'false' : own(c.detail!.adjusted as At)})?`,
  },
  'sklearn.metrics.matthews_corrcoef': {
    mcc: (c) => `nd::sk_matthews({&${c.detail!.t as At}}, {&${c.detail!.p as At}})?`,
  },
  'sklearn.metrics.cohen_kappa_score': {
    kappa: (c) =>
      `nd::sk_cohen_kappa({&${c.detail!.t as At}}, {&${c.detail!.p as At}}, ${c.detail!.labels as string}, ${c.detail!.weights as string})?`,
  },
  'sklearn.metrics.log_loss': {
    loss: (c) =>
      `nd::sk_log_loss({&${c.detail!.t as At}}, ${scoreCode(c)}, ${c.detail!.normalize === undefined ? 'true' : own(c.detail!.normalize as At)}, ${c.detail!.labels as string})?`,
  },
  'sklearn.metrics.confusion_matrix': {
    cm: (c) =>
      `nd::sk_confusion_matrix({&${c.detail!.t as At}}, {&${c.detail!.p as At}}, ${c.detail!.labels as string}, ${c.detail!.norm as string})?`,
  },
  'sklearn.metrics.roc_auc_score': {
    auc: (c) => `nd::sk_roc_auc({&${c.detail!.t as At}}, ${scoreCode(c)})?`,
  },
  'sklearn.metrics.average_precision_score': {
    ap: (c) =>
      `nd::sk_average_precision({&${c.detail!.t as At}}, ${scoreCode(c)}, ${c.detail!.pos as string}, ${c.detail!.sConvert ? 'true' : 'false'})?`,
  },
  ...Object.fromEntries(
    REGRESSION.map(([name, code]) => [
      `sklearn.metrics.${name}`,
      {
        reg: (c: OpChoice) => {
          const p = c.detail!.pConvert ? `(&nd::array(${own(c.detail!.p as At)}, None)?)` : `{&${c.detail!.p as At}}`;
          return `nd::sk_regression("${code}", ${scoreCode(c)}, ${p})?`;
        },
      },
    ]),
  ),
});
