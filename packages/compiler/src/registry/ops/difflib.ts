/**
 * Python's `difflib` matching side: `SequenceMatcher(isjunk=None, a='', b='', autojunk=True)` over two strs
 * (compared by character) or two lists of str or int, with `ratio`, `quick_ratio`, `real_quick_ratio`,
 * `get_matching_blocks`, `get_opcodes` and `find_longest_match`, and `get_close_matches(word, possibilities,
 * n=3, cutoff=0.6)`. Input: argument types from infer; output: op choices spelled as calls of the runtime's
 * `rt::difflib`, a port of CPython 3.11's `difflib.py` (the autojunk heuristic included), with `get_grouped_opcodes`
 * and the line diffs `unified_diff` and `context_diff` (lists of lines; CPython's are generators). An `isjunk`
 * function, the matcher's setters and attributes, and `ndiff`, `Differ` and `HtmlDiff` are not supported: their
 * calls are diagnostics.
 */
import { T, type Type, typeToString } from '../../types/types';
import { defineOp, type OpTest, type ResolveResult } from '../registry';
import { bindArgs, ok } from './numpy';

const IMPORTS = ['import difflib'];
const FAMILY = 'difflib.SequenceMatcher';
const INT = T.int;
const MATCH = T.namedTuple([INT, INT, INT], ['a', 'b', 'size'], 'Match');

/** The sequences a matcher compares: a str by character, or a list of str or int. */
interface Seq {
  name: string;
  rust: string;
  code: (at: string) => string;
}
function seqOf(t: Type): Seq | undefined {
  if (t.kind === 'str') return { name: 'str', rust: 'char', code: (at) => `rt::difflib::seq_str({&${at}})` };
  if (t.kind === 'list' && (t.item.kind === 'str' || t.item.kind === 'int'))
    return {
      name: typeToString(t),
      rust: t.item.kind === 'str' ? 'String' : 'i64',
      code: (at) => `rt::difflib::seq_list({&${at}})`,
    };
  return undefined;
}
const matcherType = (s: Seq): Type => T.opaque(`${FAMILY}[${s.name}]`, `rt::difflib::SequenceMatcher<${s.rust}>`);

defineOp({
  id: FAMILY,
  summary: 'SequenceMatcher(None, a, b, autojunk=True) over two strs or two lists of str or int',
  resolve: (args, kw): ResolveResult => {
    const b = bindArgs(FAMILY, ['isjunk', 'a', 'b', 'autojunk'], args, kw);
    if ('error' in b) return b;
    const junk = b.get('isjunk');
    if (junk && junk.t.kind !== 'none')
      return { error: 'SequenceMatcher() takes isjunk=None only: a junk function is not supported' };
    const ga = b.get('a');
    const gb = b.get('b');
    const sa = ga ? seqOf(ga.t) : undefined;
    const sb = gb ? seqOf(gb.t) : undefined;
    if ((ga && !sa) || (gb && !sb)) return { error: 'SequenceMatcher() compares two strs or two lists of str or int' };
    const seq = sa ?? sb ?? seqOf(T.str)!;
    if (sa && sb && sa.name !== sb.name)
      return { error: `SequenceMatcher() compares sequences of one type, not ${sa.name} and ${sb.name}` };
    const auto = b.get('autojunk');
    if (auto && auto.t.kind !== 'bool') return { error: 'SequenceMatcher() takes autojunk as a bool' };
    return ok(FAMILY, matcherType(seq), args, 'new', {
      a: ga ? seq.code(ga.at) : 'Vec::new()',
      b: gb ? seq.code(gb.at) : 'Vec::new()',
      autojunk: auto ? `{${auto.at}}` : 'true',
      isStr: seq.name === 'str' ? 'true' : 'false',
    });
  },
  spell: {
    new: (c) =>
      `rt::difflib::SequenceMatcher::new(${String(c.detail!.a)}, ${String(c.detail!.b)}, ${String(c.detail!.autojunk)}, ${String(c.detail!.isStr)})`,
  },
  tests: [
    {
      params: { a: 'str', b: 'str' },
      expr: '[difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(a=a, b=b, autojunk=False).quick_ratio(), difflib.SequenceMatcher(None, b, a).real_quick_ratio()]',
      samples: [
        ['Transformer', 'transformers'],
        ['', ''],
        ['abc', ''],
        ['naïve café', 'naive cafe'],
      ],
      imports: IMPORTS,
    },
    {
      params: { a: 'list[str]', b: 'list[str]' },
      body: 'm = difflib.SequenceMatcher(None, a, b)\nreturn m.get_opcodes(), m.ratio()',
      samples: [
        [
          ['the', 'cat', 'sat', 'on', 'the', 'mat'],
          ['the', 'dog', 'sat', 'on', 'a', 'mat'],
        ],
        [[], ['x']],
      ],
      imports: IMPORTS,
    },
    // autojunk: b of 200+ items drops its popular elements from the index (CPython's heuristic), which changes ratio().
    {
      params: { n: 'int' },
      body: 'a = "ab" * n + "xyz"\nb = "ba" * n + "xyz" + "a" * n\nreturn difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(None, a, b, False).ratio()',
      samples: [[5], [120]],
      imports: IMPORTS,
    },
  ],
});

const floatMethod = (name: string, summary: string, tests: OpTest[]): void => {
  defineOp({
    id: `${FAMILY}.${name}`,
    summary,
    resolve: (args, kw) =>
      args.length === 1 && kw.size === 0
        ? ok(`${FAMILY}.${name}`, T.float, args, 'call')
        : { error: `${name}() takes no arguments` },
    spell: { call: () => `{&0}.${name}()` },
    tests,
  });
};
floatMethod('ratio', 'm.ratio(): 2*M/T of the matched elements', [
  {
    params: { a: 'list[int]', b: 'list[int]' },
    expr: 'difflib.SequenceMatcher(None, a, b).ratio()',
    samples: [
      [
        [1, 2, 3, 4],
        [2, 3, 5],
      ],
      [[], []],
    ],
    imports: IMPORTS,
  },
]);
floatMethod('quick_ratio', 'm.quick_ratio(): an upper bound on ratio() from the counts', [
  {
    params: { a: 'str', b: 'str' },
    expr: 'difflib.SequenceMatcher(None, a, b).quick_ratio()',
    samples: [
      ['abcd', 'dcbaa'],
      ['', 'x'],
    ],
    imports: IMPORTS,
  },
]);
floatMethod('real_quick_ratio', 'm.real_quick_ratio(): an upper bound on ratio() from the lengths', [
  {
    params: { a: 'str', b: 'str' },
    expr: 'difflib.SequenceMatcher(None, a, b).real_quick_ratio()',
    samples: [
      ['abcd', 'xy'],
      ['', ''],
    ],
    imports: IMPORTS,
  },
]);

defineOp({
  id: `${FAMILY}.get_matching_blocks`,
  summary: 'm.get_matching_blocks(): Match(a, b, size) triples, ending with (len(a), len(b), 0)',
  resolve: (args, kw) =>
    args.length === 1 && kw.size === 0
      ? ok(`${FAMILY}.get_matching_blocks`, T.list(MATCH), args, 'call')
      : { error: 'get_matching_blocks() takes no arguments' },
  spell: { call: () => '{&0}.get_matching_blocks()' },
  tests: [
    {
      params: { a: 'str', b: 'str' },
      body: 'blocks = difflib.SequenceMatcher(None, a, b).get_matching_blocks()\nreturn [list(m) for m in blocks], [m.size for m in blocks], str(blocks[0])',
      samples: [
        ['abxcd', 'abcd'],
        ['', 'q'],
        ['private Thread currentThread;', 'private volatile Thread currentThread;'],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: `${FAMILY}.get_opcodes`,
  summary: "m.get_opcodes(): (tag, i1, i2, j1, j2) steps, tags 'replace', 'delete', 'insert', 'equal'",
  resolve: (args, kw) =>
    args.length === 1 && kw.size === 0
      ? ok(`${FAMILY}.get_opcodes`, T.list(T.tuple([T.str, INT, INT, INT, INT])), args, 'call')
      : { error: 'get_opcodes() takes no arguments' },
  spell: { call: () => '{&0}.get_opcodes()' },
  tests: [
    {
      params: { a: 'str', b: 'str' },
      body: 'm = difflib.SequenceMatcher(None, a, b)\nreturn [f"{t} a[{i1}:{i2}] b[{j1}:{j2}]" for t, i1, i2, j1, j2 in m.get_opcodes()]',
      samples: [
        ['qabxcd', 'abycdf'],
        ['', 'new'],
        ['old', ''],
        ['same', 'same'],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: `${FAMILY}.find_longest_match`,
  summary: 'm.find_longest_match(alo=0, ahi=None, blo=0, bhi=None): the longest Match in a[alo:ahi], b[blo:bhi]',
  resolve: (args, kw): ResolveResult => {
    const b = bindArgs(`${FAMILY}.find_longest_match`, ['self', 'alo', 'ahi', 'blo', 'bhi'], args, kw);
    if ('error' in b) return b;
    const detail: Record<string, string> = {};
    for (const name of ['alo', 'ahi', 'blo', 'bhi']) {
      const g = b.get(name);
      const optional = name.endsWith('hi');
      if (!g) detail[name] = optional ? 'None' : '0';
      else if (g.t.kind === 'int') detail[name] = optional ? `Some({${g.at}})` : `{${g.at}}`;
      else if (optional && g.t.kind === 'none') detail[name] = 'None';
      else return { error: `find_longest_match() takes ${name} as an int${optional ? ' or None' : ''}` };
    }
    return ok(`${FAMILY}.find_longest_match`, MATCH, args, 'call', detail);
  },
  spell: {
    call: (c) =>
      `{&0}.find_longest_match(${['alo', 'ahi', 'blo', 'bhi'].map((n) => String(c.detail![n])).join(', ')})?`,
  },
  tests: [
    {
      params: { a: 'str', b: 'str' },
      body: 'm = difflib.SequenceMatcher(None, a, b)\nx = m.find_longest_match()\ny = m.find_longest_match(0, 5, 0, 9)\nz = m.find_longest_match(1, None, blo=2)\nreturn list(x), list(y), list(z), x.a, y.size',
      samples: [
        [' abcd', 'abcd abcd'],
        ['', ''],
        ['xyzabc', 'abcxyz'],
        ['abcdefgh', 'cdefghijk'],
      ],
      imports: IMPORTS,
    },
    // Bounds index the sequences as CPython does: negative from the end, past the end an IndexError.
    {
      params: { a: 'list[str]', b: 'list[str]', alo: 'int', ahi: 'int' },
      expr: 'list(difflib.SequenceMatcher(None, a, b).find_longest_match(alo, ahi))',
      samples: [
        [['x', 'y', 'z'], ['y', 'z'], 0, 3],
        [['x', 'y', 'z'], ['y', 'z'], -2, 3],
        [['x', 'y'], ['y'], 0, 4],
      ],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: `${FAMILY}.get_grouped_opcodes`,
  summary: 'm.get_grouped_opcodes(n=3): the opcodes in hunks with up to n elements of context',
  resolve: (args, kw): ResolveResult => {
    const b = bindArgs(`${FAMILY}.get_grouped_opcodes`, ['self', 'n'], args, kw);
    if ('error' in b) return b;
    const n = b.get('n');
    if (n && n.t.kind !== 'int') return { error: 'get_grouped_opcodes() takes n as an int' };
    return ok(
      `${FAMILY}.get_grouped_opcodes`,
      T.iter(T.list(T.tuple([T.str, INT, INT, INT, INT])), 'builtins.iter'),
      args,
      'call',
      {
        n: n ? `{${n.at}}` : '3',
      },
    );
  },
  spell: { call: (c) => `{&0}.get_grouped_opcodes(${String(c.detail!.n)})` },
  tests: [
    {
      params: { a: 'list[str]', b: 'list[str]', n: 'int' },
      expr: 'list(difflib.SequenceMatcher(None, a, b).get_grouped_opcodes(n))',
      samples: [
        [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'I'], 1],
        [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'I'], 3],
        [[], [], 3],
        [['x'], ['x'], 0],
      ],
      imports: IMPORTS,
    },
  ],
});

/** The line diffs: unified_diff and context_diff over two lists of str lines, as a list of their lines. */
for (const name of ['unified_diff', 'context_diff'])
  defineOp({
    id: `difflib.${name}`,
    summary: `${name}(a, b, fromfile='', tofile='', fromfiledate='', tofiledate='', n=3, lineterm='\\n') of two lists of str lines`,
    resolve: (args, kw): ResolveResult => {
      const names = ['a', 'b', 'fromfile', 'tofile', 'fromfiledate', 'tofiledate', 'n', 'lineterm'];
      const b = bindArgs(`difflib.${name}`, names, args, kw);
      if ('error' in b) return b;
      const lines = (t: Type | undefined): boolean => t?.kind === 'list' && t.item.kind === 'str';
      if (!lines(b.get('a')?.t) || !lines(b.get('b')?.t))
        return { error: `${name}() compares two lists of str lines (text.splitlines(keepends=True))` };
      const detail: Record<string, string> = { a: `{&${b.get('a')!.at}}`, b: `{&${b.get('b')!.at}}` };
      for (const k of ['fromfile', 'tofile', 'fromfiledate', 'tofiledate', 'lineterm']) {
        const g = b.get(k);
        if (g && g.t.kind !== 'str') return { error: `${name}() takes ${k} as a str` };
        detail[k] = g ? `{&${g.at}}` : k === 'lineterm' ? '"\\n"' : '""';
      }
      const n = b.get('n');
      if (n && n.t.kind !== 'int') return { error: `${name}() takes n as an int` };
      detail.n = n ? `{${n.at}}` : '3';
      return ok(`difflib.${name}`, T.iter(T.str, 'builtins.iter'), args, 'call', detail);
    },
    spell: {
      call: (c) => {
        const d = c.detail as Record<string, string>;
        return `rt::difflib::${name}(${d.a}, ${d.b}, &rt::difflib::DiffHeader { fromfile: ${d.fromfile}, tofile: ${d.tofile}, fromfiledate: ${d.fromfiledate}, tofiledate: ${d.tofiledate}, lineterm: ${d.lineterm} }, ${d.n})`;
      },
    },
    tests: [
      {
        params: { a: 'str', b: 'str' },
        expr: `list(difflib.${name}(a.splitlines(keepends=True), b.splitlines(keepends=True), fromfile="before.txt", tofile="after.txt"))`,
        samples: [
          [
            'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n',
            'one\n2\nthree\nfour\nfive\nsix\nseven\neight\nnine!\nten\n',
          ],
          ['', 'new\n'],
          ['old\n', ''],
          ['same\n', 'same\n'],
        ],
        imports: IMPORTS,
      },
      {
        params: { a: 'list[str]', b: 'list[str]', n: 'int' },
        expr: `"\\n".join(difflib.${name}(a, b, "a", "b", "2024-01-01", "", n=n, lineterm=""))`,
        samples: [
          [['p', 'q', 'r', 's', 't', 'u'], ['p', 'Q', 'r', 's', 't', 'U', 'v'], 1],
          [['x'], ['y'], 0],
          [[], ['a', 'b'], 3],
        ],
        imports: IMPORTS,
      },
    ],
  });

defineOp({
  id: 'difflib.get_close_matches',
  summary: 'get_close_matches(word, possibilities, n=3, cutoff=0.6): the best matches, best first',
  resolve: (args, kw): ResolveResult => {
    const b = bindArgs('difflib.get_close_matches', ['word', 'possibilities', 'n', 'cutoff'], args, kw);
    if ('error' in b) return b;
    const word = b.get('word');
    const poss = b.get('possibilities');
    if (!word || word.t.kind !== 'str' || !poss)
      return { error: 'get_close_matches() takes a str word and its possibilities (strs)' };
    const item = poss.t.kind === 'str' ? undefined : iterItemOf(poss.t);
    if (item?.kind !== 'str') return { error: 'get_close_matches() takes possibilities that are strs' };
    const n = b.get('n');
    const cutoff = b.get('cutoff');
    if (n && n.t.kind !== 'int') return { error: 'get_close_matches() takes n as an int' };
    if (cutoff && cutoff.t.kind !== 'float' && cutoff.t.kind !== 'int')
      return { error: 'get_close_matches() takes cutoff as a float' };
    return ok('difflib.get_close_matches', T.list(T.str), args, 'call', {
      word: `{&${word.at}}`,
      poss: /^\d+$/.test(poss.at) ? `{iter${poss.at}}` : `({${poss.at}}).into_iter()`,
      n: n ? `{${n.at}}` : '3',
      cutoff: cutoff ? `(({${cutoff.at}}) as f64)` : '0.6',
    });
  },
  spell: {
    call: (c) =>
      `rt::difflib::get_close_matches(${['word', 'poss', 'n', 'cutoff'].map((k) => String(c.detail![k])).join(', ')})?`,
  },
  tests: [
    {
      params: { w: 'str', xs: 'list[str]' },
      expr: '[difflib.get_close_matches(w, xs), difflib.get_close_matches(w, xs, n=1, cutoff=0.3), difflib.get_close_matches(w, xs, 5, 0)]',
      samples: [
        ['appel', ['ape', 'apple', 'peach', 'puppy', 'apply']],
        ['positve', ['positive', 'negative', 'neutral']],
        ['zzz', ['positive', 'negative']],
        ['', ['', 'a']],
      ],
      imports: IMPORTS,
    },
    {
      params: { w: 'str', xs: 'list[str]', n: 'int', cutoff: 'float' },
      expr: 'difflib.get_close_matches(w, xs, n, cutoff)',
      samples: [
        ['ab', ['ab', 'ba'], 0, 0.5],
        ['ab', ['ab', 'ba'], 2, 1.5],
        ['ab', ['ba', 'ab', 'abb'], 2, 0.5],
      ],
      imports: IMPORTS,
    },
  ],
});

/** The item type of an iterable for get_close_matches' possibilities (lists, tuples, sets, dict keys). */
function iterItemOf(t: Type): Type | undefined {
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'iter' || t.kind === 'deque') return t.item;
  if (t.kind === 'dict') return t.key;
  if (t.kind === 'tuple') return t.items.every((x) => x.kind === 'str') ? T.str : undefined;
  return undefined;
}

// Match's fields as attributes: `m.find_longest_match().size`, `[b.a for b in m.get_matching_blocks()]`.
for (const field of ['a', 'b', 'size'])
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: the field of a named tuple (difflib's Match)`,
    resolve: (args) => {
      const t = args[0];
      const i = t?.kind === 'tuple' ? (t.names ?? []).indexOf(field) : -1;
      if (t?.kind !== 'tuple' || i < 0)
        return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute '${field}'` };
      return ok(`tuple.${field}`, t.items[i]!, args, 'field', { index: i });
    },
    spell: { field: (c) => `({0}).${c.detail!.index as number}` },
    tests: [
      {
        params: { a: 'str', b: 'str' },
        expr: `[m.${field} for m in difflib.SequenceMatcher(None, a, b).get_matching_blocks()]`,
        samples: [
          ['abxcd', 'abcd'],
          ['', ''],
        ],
        imports: IMPORTS,
      },
    ],
  });
