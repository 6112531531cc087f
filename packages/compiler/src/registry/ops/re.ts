/**
 * Python's `re` module: the functions (`re.sub`, `re.split`, `re.findall`, `re.search`, ...),
 * compiled patterns (`re.Pattern`: a module-level `PAT = re.compile(...)` is a constant) and
 * match objects (`re.Match`), on the runtime's `rt::re` (the regex crate, fancy-regex where a
 * pattern needs lookaround or backreferences; CPython's syntax, code-point positions and
 * Python 3.7+ empty-match rules).
 *
 * A literal pattern is checked at compile time (E0230 on the pattern, with CPython's message)
 * and compiled once per process, in a static at its call site; other patterns go through the
 * runtime's cache. Types follow the pattern's groups where it is known at compile time:
 * `m.group(1)` is `str` when group 1 always takes part in a match and `Optional[str]` when it
 * may not; `findall` gives `list[str]` for at most one group and `list[tuple[str, ...]]` for
 * several; `groups()` is a tuple of the groups. The flags are constants (`re.I | re.M`).
 *
 * Known differences from CPython 3.11 (tested in native-rust/runtime/tests/re_cases.rs):
 * - `\N{name}` escapes are rejected (E0230, or re.error at run time): no Unicode name table.
 * - A repeated group whose body can match empty: CPython keeps the capture of one last empty
 *   iteration (`(a*)*` on "a" gives group 1 = ""), Ingot the last non-empty one.
 * - IGNORECASE folds with Unicode simple case folding (CPython adds a few equivalences such as
 *   dotless `ı`); `\w` and `\d` follow Rust's Unicode tables, newer than CPython 3.11's 14.0.
 * - Not supported: `pos`/`endpos`, `Match.string`/`re`/`pos`/`lastindex`/`lastgroup`,
 *   `re.Scanner`, `re.purge`. With a pattern known only at run time, `findall` with several
 *   groups and `split` with a group that did not take part raise NotImplementedError (their
 *   result type needs the groups), and `m.groups()` is a compile-time error.
 * - A method of a match that is None raises TypeError (CPython: AttributeError).
 * - One search gives up with RuntimeError after 50 million backtracking steps.
 */
import type { ConstValue } from '../../ir/consts';
import {
  checkRegex,
  checkTemplate,
  detailShape,
  type RegexError,
  type RegexShape,
  regexErrorText,
  shapeDetail,
} from '../../regex/regex';
import type { OpChoice } from '../../ir/choice';
import {
  defineOp,
  defineSpellings,
  type OpTest,
  type ResolveContext,
  type ResolveError,
  type ResolveResult,
  type Spelling,
  T,
  resolved as ok,
} from '../registry';
import { type Type, typeToString } from '../../types/types';

const { int, str } = T;
const optStr = T.optional(str);
const VERBOSE = 64;

function patternType(shape?: RegexShape): Type {
  return {
    kind: 'opaque',
    name: 're.Pattern',
    rust: 'rt::re::Pattern',
    ...(shape ? { detail: shapeDetail(shape) } : {}),
  };
}
function matchType(shape?: RegexShape): Type {
  return { kind: 'opaque', name: 're.Match', rust: 'rt::re::Match', ...(shape ? { detail: shapeDetail(shape) } : {}) };
}
function isOpaque(t: Type | undefined, name: string): t is Type & { kind: 'opaque' } {
  return t?.kind === 'opaque' && t.name === name;
}
function shapeOf(t: Type & { kind: 'opaque' }): RegexShape | undefined {
  return t.detail === undefined ? undefined : detailShape(t.detail);
}

// ---- Arguments ---------------------------------------------------------------------------

/** Where an argument was passed: its index, or its keyword. A choice's detail records it for the spelling. */
type At = number | string;

interface Arg {
  t: Type;
  c: ConstValue | undefined;
  at: At;
}

/**
 * Binds a call's arguments to a Python signature (`names`, the first `required` of them
 * required), as CPython binds them; positional args come first, then keywords.
 */
function bind(
  fn: string,
  names: string[],
  required: number,
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  consts?: readonly (ConstValue | undefined)[],
  kwConsts?: ReadonlyMap<string, ConstValue>,
): (Arg | undefined)[] | ResolveError {
  if (args.length > names.length)
    return { error: `${fn}() takes at most ${names.length} arguments (${args.length} given)` };
  const out: (Arg | undefined)[] = names.map(() => undefined);
  args.forEach((t, i) => {
    out[i] = { t, c: consts?.[i], at: i };
  });
  for (const [k, t] of kw) {
    const i = names.indexOf(k);
    if (i < 0) return { error: `${fn}() got an unexpected keyword argument '${k}'` };
    if (out[i]) return { error: `${fn}() got multiple values for argument '${k}'` };
    out[i] = { t, c: kwConsts?.get(k), at: k };
  }
  for (let i = 0; i < required; i++) if (!out[i]) return { error: `${fn}() missing required argument '${names[i]}'` };
  return out;
}

/** An optional int argument (`count`, `maxsplit`; a bool counts as 0 or 1): where it was passed, for the detail. */
function intArg(
  a: Arg | undefined,
  key: string,
  what: string,
): { detail: Record<string, At | boolean> } | ResolveError {
  if (!a) return { detail: {} };
  if (a.t.kind !== 'int' && a.t.kind !== 'bool') return { error: `${what} must be an int, not ${typeToString(a.t)}` };
  return { detail: { [key]: a.at, [`${key}IsBool`]: a.t.kind === 'bool' } };
}

function strArg(a: Arg | undefined, what: string): ResolveError | undefined {
  if (a && a.t.kind !== 'str') return { error: `${what} must be a str, not ${typeToString(a.t)}` };
  return undefined;
}

/**
 * How a call gets its pattern, as choice detail, and the pattern's groups when known at compile
 * time. `pattern` is `static` (a literal with literal flags: `source`, `flags`, compiled once),
 * `literal` (a literal whose flags come at run time, `flagsAt`), `runtime` (a str at
 * `patternAt`, with flags at `flagsAt` or none) or `compiled` (an `re.Pattern` at `patternAt`).
 */
interface PatternChoice {
  detail: {
    pattern: 'static' | 'literal' | 'runtime' | 'compiled';
    source?: string;
    flags?: number;
    patternAt?: At;
    flagsAt?: At;
  };
  shape: RegexShape | undefined;
}

/** E0230 on the argument at `at`: a literal pattern (or replacement) CPython would reject. */
function invalid(
  pattern: string,
  e: { error: RegexError },
  at: number | string,
  what = 'this regular expression',
): ResolveError {
  const reason = `${e.error.type === 'error' ? 're.error' : e.error.type}: ${regexErrorText(pattern, e.error)}`;
  return {
    error: `${what} does not compile: ${reason}`,
    diagnostic: { code: 'E0230', params: { what, reason }, arg: at },
  };
}

/**
 * The pattern of `re.f(pattern, ..., flags=...)`: a literal (checked now, compiled once in a
 * static), a str known at run time (the runtime's cache), or a compiled `re.Pattern`.
 */
function patternOf(p: Arg, flags: Arg | undefined): PatternChoice | ResolveError {
  if (flags && flags.t.kind !== 'int') return { error: `flags must be an int, not ${typeToString(flags.t)}` };
  const flagsAt = flags ? { flagsAt: flags.at } : {};
  if (isOpaque(p.t, 're.Pattern')) {
    if (flags && !(flags.c?.kind === 'int' && flags.c.value === 0n))
      return { error: 'cannot process flags argument with a compiled pattern' };
    return { detail: { pattern: 'compiled', patternAt: p.at }, shape: shapeOf(p.t) };
  }
  if (p.t.kind !== 'str')
    return { error: `first argument must be string or compiled pattern, not ${typeToString(p.t)}` };
  if (p.c?.kind === 'str' && (!flags || flags.c?.kind === 'int')) {
    const f = flags?.c?.kind === 'int' ? Number(flags.c.value) : 0;
    const shape = checkRegex(p.c.value, f);
    if ('error' in shape) return invalid(p.c.value, shape, p.at);
    return { detail: { pattern: 'static', source: p.c.value, flags: f }, shape };
  }
  if (p.c?.kind === 'str') {
    // A literal pattern with flags known only at run time: its groups do not depend on them
    // unless verbose mode would change them.
    const plain = checkRegex(p.c.value, 0);
    const verbose = checkRegex(p.c.value, VERBOSE);
    const shape =
      !('error' in plain) && !('error' in verbose) && shapeDetail(plain) === shapeDetail(verbose) ? plain : undefined;
    return { detail: { pattern: 'literal', source: p.c.value, ...flagsAt }, shape };
  }
  return { detail: { pattern: 'runtime', patternAt: p.at, ...flagsAt }, shape: undefined };
}

// ---- The operations, shared by `re.f(pattern, ...)` and `pattern.f(...)` ------------------

type Impl = (
  entry: string,
  p: PatternChoice,
  a: (Arg | undefined)[],
  params: Type[],
  ctx: ResolveContext | undefined,
) => ResolveResult;

const search: Impl = (entry, p, a, params) => {
  const s = a[0]!;
  return (
    strArg(s, 'string') ?? ok(entry, T.optional(matchType(p.shape)), params, 'match', { ...p.detail, string: s.at })
  );
};

const sub =
  (counted: boolean): Impl =>
  (entry, p, a, params, ctx) => {
    const [repl, s, count] = a as [Arg, Arg, Arg | undefined];
    const n = intArg(count, 'count', 'count');
    if ('error' in n) return n;
    const bad = strArg(s, 'string');
    if (bad) return bad;
    const result = counted ? T.tuple([str, int]) : str;
    const detail = { ...p.detail, ...n.detail, string: s.at, repl: repl.at };
    if (repl.t.kind === 'str') {
      if (repl.c?.kind === 'str' && p.shape) {
        const used = checkTemplate(repl.c.value, p.shape);
        if ('error' in used) return invalid(repl.c.value, used, repl.at, 'this replacement');
      }
      return ok(entry, result, params, 'replacement', detail);
    }
    if (repl.t.kind === 'callable') {
      const r = ctx?.call(repl.at, [matchType(p.shape)]);
      if (!r) return { error: 'the replacement function must take one argument, the match' };
      if (r.kind !== 'str') return { error: `the replacement function must return a str, not ${typeToString(r)}` };
      return ok(entry, result, params, 'function', detail);
    }
    return { error: `the replacement must be a str or a function of the match, not ${typeToString(repl.t)}` };
  };

const split: Impl = (entry, p, a, params) => {
  const [s, maxsplit] = a as [Arg, Arg | undefined];
  const n = intArg(maxsplit, 'maxsplit', 'maxsplit');
  if ('error' in n) return n;
  const bad = strArg(s, 'string');
  if (bad) return bad;
  // A group that may not take part gives None in the pieces.
  const optional = p.shape ? p.shape.optional.some((o, g) => g > 0 && o) : false;
  const detail = { ...p.detail, ...n.detail, string: s.at };
  return optional
    ? ok(entry, T.list(optStr), params, 'pieces_or_none', detail)
    : ok(entry, T.list(str), params, 'pieces', detail);
};

const findall: Impl = (entry, p, a, params) => {
  const s = a[0]!;
  const bad = strArg(s, 'string');
  if (bad) return bad;
  const groups = p.shape?.groups ?? 0;
  const detail = { ...p.detail, string: s.at };
  if (groups <= 1) return ok(entry, T.list(str), params, 'strs', detail);
  return ok(entry, T.list(T.tuple(Array.from({ length: groups }, () => str))), params, 'tuples', detail);
};

const finditer: Impl = (entry, p, a, params) => {
  const s = a[0]!;
  return (
    strArg(s, 'string') ??
    ok(entry, T.iter(matchType(p.shape), 'Iterator'), params, 'matches', { ...p.detail, string: s.at })
  );
};

/**
 * Each operation's Python signature after the pattern, its required count, and its type rule. `window`: a compiled
 * pattern's form also takes `pos` and `endpos` (the string as if it started matching at `pos` and were `endpos` long).
 */
const OPS: Record<string, { names: string[]; required: number; impl: Impl; summary: string; window?: boolean }> = {
  search: { names: ['string'], required: 1, impl: search, summary: 'the first match anywhere, or None', window: true },
  match: { names: ['string'], required: 1, impl: search, summary: 'a match at the start, or None', window: true },
  fullmatch: {
    names: ['string'],
    required: 1,
    impl: search,
    summary: 'a match of the whole string, or None',
    window: true,
  },
  sub: {
    names: ['repl', 'string', 'count'],
    required: 2,
    impl: sub(false),
    summary: 'replaces matches (count=0: all) by a template (`\\1`, `\\g<name>`) or by a function of the match',
  },
  subn: {
    names: ['repl', 'string', 'count'],
    required: 2,
    impl: sub(true),
    summary: 'sub, and the number of replacements',
  },
  split: {
    names: ['string', 'maxsplit'],
    required: 1,
    impl: split,
    summary: 'splits at matches (maxsplit=0: all), with the groups between the pieces',
  },
  findall: {
    names: ['string'],
    required: 1,
    impl: findall,
    summary: 'every match, group 1 of each, or tuples of the groups',
    window: true,
  },
  finditer: {
    names: ['string'],
    required: 1,
    impl: finditer,
    summary: 'every match as a Match, for a for loop',
    window: true,
  },
};

// ---- Tests -------------------------------------------------------------------------------

const imports = ['import re'];
const texts = [['Hello, Wörld! naïve café 42'], [''], ['a1 b22  c333\nd4'], ['日本語 テキスト 🙂 x']];
const tests: Record<string, OpTest[]> = {
  search: [
    {
      params: { s: 'str' },
      body: 'm = re.search(r"(\\w+)@(\\w+)\\.com", s)\nif m:\n    return m.group(0) + "|" + m.group(1) + "|" + m.group(2)\nreturn "none"',
      samples: [['mail bob@example.com now'], ['no mail'], ['é@ü.com']],
      imports,
    },
    {
      params: { s: 'str' },
      body: 'm = re.search(r"\\d+", s)\nreturn None if m is None else m.span()',
      samples: [...texts, ['naïve 日本 123']],
      imports,
    },
    {
      params: { s: 'str' },
      expr: 're.search(r"^l\\w+", s, re.M | re.I) is not None',
      samples: [['a\nLine'], ['a line'], ['']],
      imports,
    },
  ],
  match: [
    {
      params: { s: 'str' },
      body: 'm = re.match(r"(?P<key>\\w+)\\s*=\\s*(?P<value>.*)", s)\nif not m:\n    return None\nreturn (m.group("key"), m.group("value"), m.start("value"), m.end())',
      samples: [['naïve = café au lait'], [' x = 1'], ['k='], ['']],
      imports,
    },
  ],
  fullmatch: [
    {
      params: { s: 'str' },
      expr: 're.fullmatch(r"[\\w.+-]+@[\\w-]+\\.[\\w.]+", s) is not None',
      samples: [['a.b@c.org'], ['a@b'], ['x a@b.c'], ['é@ü.de']],
      imports,
    },
    { params: { s: 'str' }, expr: 'bool(re.fullmatch("a|ab", s))', samples: [['ab'], ['a'], ['abc']], imports },
  ],
  sub: [
    { params: { s: 'str' }, expr: 're.sub(r"\\s+", " ", s)', samples: [['  a \t b\n\nc  '], ['']], imports },
    {
      params: { s: 'str' },
      expr: 're.sub(r"(\\w+)@(\\w+)", r"\\2 at \\g<1>", s)',
      samples: [['bob@example and é@ü'], ['none']],
      imports,
    },
    {
      params: { s: 'str', n: 'int' },
      expr: 're.sub("a", "-", s, count=n)',
      samples: [
        ['banana', 1],
        ['banana', 0],
        ['banana', -1],
        ['', 2],
      ],
      imports,
    },
    { params: { s: 'str' }, expr: 're.sub("x*", "-", s)', samples: [['abxd'], [''], ['xx'], ['日x本']], imports },
    { params: { s: 'str' }, expr: 're.sub(r"(?i)HELLO", "bye", s)', samples: [['hello HeLLo'], ['HELLO']], imports },
    {
      params: { s: 'str' },
      expr: 're.sub(r"\\d+", lambda m: str(int(m.group()) * 2), s)',
      samples: [['a1 b22 c333'], ['none']],
      imports,
    },
    {
      params: { s: 'str' },
      expr: 're.sub(r"^\\s+|\\s+$", "", s, flags=re.MULTILINE)',
      samples: [['  a  \n  b  '], ['x']],
      imports,
    },
  ],
  subn: [
    {
      params: { s: 'str' },
      expr: 're.subn(r"[aeiou]", "*", s)',
      samples: [['education'], ['rhythm'], ['éa']],
      imports,
    },
  ],
  split: [
    {
      params: { s: 'str' },
      expr: 're.split(r"[,;]\\s*", s)',
      samples: [['a, b;c,,d'], [''], ['日本, テキスト']],
      imports,
    },
    {
      params: { s: 'str', n: 'int' },
      expr: 're.split(r"\\W+", s, maxsplit=n)',
      samples: [
        ['Words, words, words.', 1],
        ['Words, words, words.', 0],
        ['a b c', -1],
      ],
      imports,
    },
    { params: { s: 'str' }, expr: 're.split(r"(\\W+)", s)', samples: [['Words, words.'], ['x']], imports },
    { params: { s: 'str' }, expr: 're.split(r"(a)|b", s)', samples: [['xaybz'], ['']], imports },
    { params: { s: 'str' }, expr: 're.split("x*", s)', samples: [['axbc'], ['']], imports },
  ],
  findall: [
    { params: { s: 'str' }, expr: 're.findall(r"\\w+", s)', samples: texts, imports },
    { params: { s: 'str' }, expr: 're.findall(r"(\\d)\\d*", s)', samples: texts, imports },
    { params: { s: 'str' }, expr: 're.findall(r"(\\w)=(\\d+)?", s)', samples: [['a=1 b= c=33'], ['']], imports },
    { params: { s: 'str' }, expr: 're.findall("|a", s)', samples: [['a'], ['bab'], ['']], imports },
    {
      params: { s: 'str' },
      expr: 're.findall(r"\\bcat\\b", s, re.IGNORECASE)',
      samples: [['Cat, cats, CAT concat'], ['']],
      imports,
    },
    { params: { s: 'str' }, expr: 're.findall(r"^\\w", s, flags=re.M)', samples: [['ab\ncd\n'], ['']], imports },
    { params: { s: 'str' }, expr: 're.findall(r"a.c", s, re.S)', samples: [['a\nc abc'], ['a\nc']], imports },
  ],
  finditer: [
    {
      params: { s: 'str' },
      body: 'out = []\nfor m in re.finditer(r"\\w+", s):\n    out.append((m.group(), m.start(), m.end()))\nreturn out',
      samples: texts,
      imports,
    },
    { params: { s: 'str' }, expr: '[m.span() for m in re.finditer(r"x*", s)]', samples: [['axxb'], ['']], imports },
  ],
};

// Module-level patterns: constants, compiled once; their groups type the matches.
const DATE = 'DATE_RE = re.compile(r"(?P<y>\\d{4})-(?P<m>\\d\\d)-(?P<d>\\d\\d)")';
const WORD = 'WORD_RE = re.compile(r"\\b\\w+\\b", re.IGNORECASE | re.UNICODE)';
const SPACE = 'SPACE_RE = re.compile(r"\\s+")';
const KV = 'KV_RE = re.compile(r"(\\w+)=(\\w*)|(\\w+)")';
const patternTests: Record<string, OpTest[]> = {
  search: [
    {
      params: { s: 'str' },
      body: 'm = DATE_RE.search(s)\nif m:\n    return (m.group("y"), m.group(2), m.groups(), m.span("d"), m.start())\nreturn None',
      samples: [['due 2024-01-15.'], ['none'], ['日本 1999-12-31 x']],
      imports: ['import re', DATE],
    },
    {
      params: { s: 'str', p: 'int', e: 'int' },
      body: 'm = WORD.search(s, p, e)\nreturn (m.group(), m.span()) if m else None',
      samples: [
        ['ab cd', 1, 5],
        ['ab cd', 3, 99],
        ['ab cd', -4, 2],
        ['日本 語x', 2, 5],
        ['abc', 2, 1],
      ],
      imports: ['import re', 'WORD = re.compile(r"\\b\\w+")'],
    },
    {
      params: { s: 'str', p: 'int' },
      expr: '[(m.span() if m else None) for m in (START.search(s, p), END.search(s, 0, p), BEHIND.search(s, p))]',
      samples: [
        ['ax\nb', 1],
        ['ax\nb', 2],
        ['xab', 2],
      ],
      imports: [
        'import re',
        'START = re.compile(r"^\\w", re.M)',
        'END = re.compile(r"\\w$")',
        'BEHIND = re.compile(r"(?<=a)b")',
      ],
    },
  ],
  match: [
    {
      params: { s: 'str' },
      body: 'm = KV_RE.match(s)\nreturn m.groups() if m else None',
      samples: [['a=1'], ['ab'], ['=x'], ['k= v']],
      imports: ['import re', KV],
    },
    {
      params: { s: 'str', p: 'int' },
      body: 'm = KV_RE.match(s, p)\nreturn (m.groups(), m.end()) if m else None',
      samples: [
        ['xx a=1', 3],
        ['xx a=1', 2],
        ['a=1', 0],
        ['k=v', 9],
      ],
      imports: ['import re', KV],
    },
  ],
  fullmatch: [
    {
      params: { s: 'str' },
      expr: 'DATE_RE.fullmatch(s) is not None',
      samples: [['2024-01-15'], ['2024-01-15 '], ['']],
      imports: ['import re', DATE],
    },
    {
      params: { s: 'str', p: 'int', e: 'int' },
      expr: '[DATE_RE.fullmatch(s, p, e) is not None, DATE_RE.fullmatch(s, pos=p) is not None]',
      samples: [
        ['on 2024-01-15!', 3, 13],
        ['on 2024-01-15', 3, 12],
        ['2024-01-15', 0, 10],
      ],
      imports: ['import re', DATE],
    },
  ],
  sub: [
    {
      params: { s: 'str' },
      expr: 'SPACE_RE.sub(" ", s).strip()',
      samples: [['  a \t b\n c '], [''], ['日本\u3000語']],
      imports: ['import re', SPACE],
    },
  ],
  subn: [
    {
      params: { s: 'str' },
      expr: 'DATE_RE.subn(r"\\g<d>/\\g<m>/\\g<y>", s)',
      samples: [['2024-01-15 and 1999-12-31'], ['none']],
      imports: ['import re', DATE],
    },
  ],
  split: [
    {
      params: { s: 'str', n: 'int' },
      expr: 'SPACE_RE.split(s, maxsplit=n)',
      samples: [
        ['a b  c', 1],
        [' a b ', 0],
        ['', 0],
      ],
      imports: ['import re', SPACE],
    },
  ],
  findall: [
    {
      params: { s: 'str' },
      expr: 'WORD_RE.findall(s)',
      samples: [['Hello, wörld! naïve_café 42'], ['']],
      imports: ['import re', WORD],
    },
    { params: { s: 'str' }, expr: 'KV_RE.findall(s)', samples: [['a=1 b= c'], ['']], imports: ['import re', KV] },
    {
      params: { s: 'str', p: 'int', e: 'int' },
      expr: '(WORD_RE.findall(s, p), WORD_RE.findall(s, p, e), KV_RE.findall(s, pos=p), DIGITS.findall(s, endpos=e))',
      samples: [
        ['ab c=1 d=2 7', 2, 9],
        ['ab c=1 d=2 7', 20, 3],
        ['日本 a=1', 1, -1],
      ],
      imports: ['import re', WORD, KV, 'DIGITS = re.compile(r"\\d")'],
    },
  ],
  finditer: [
    {
      params: { s: 'str' },
      expr: '[(m.group("y"), m.end()) for m in DATE_RE.finditer(s)]',
      samples: [['2024-01-15, 日本 1999-12-31'], ['']],
      imports: ['import re', DATE],
    },
    {
      params: { s: 'str', p: 'int', e: 'int' },
      expr: '[m.span() for m in EMPTY.finditer(s, p, e)]',
      samples: [
        ['aab', 1, 3],
        ['aab', 2, 2],
        ['ab', 0, 1],
      ],
      imports: ['import re', 'EMPTY = re.compile(r"a*")'],
    },
  ],
};

for (const [name, op] of Object.entries(OPS)) {
  const id = `re.${name}`;
  defineOp({
    id,
    summary: `re.${name}(pattern, ${op.names.join(', ')}, flags): ${op.summary}`,
    resolve: (args, kw, consts, kwConsts, ctx) => {
      const a = bind(id, ['pattern', ...op.names, 'flags'], op.required + 1, args, kw, consts, kwConsts);
      if ('error' in a) return a;
      const p = patternOf(a[0]!, a[a.length - 1]);
      if ('error' in p) return p;
      return op.impl(id, p, a.slice(1, -1), args, ctx);
    },
    tests: tests[name] ?? [],
  });
  defineOp({
    id: `re.Pattern.${name}`,
    summary: `pattern.${name}(${[...op.names, ...(op.window ? ['pos', 'endpos'] : [])].join(', ')}): ${op.summary}`,
    resolve: (args, kw, consts, kwConsts, ctx) => {
      const [recv, ...rest] = args;
      if (!isOpaque(recv, 're.Pattern')) return { error: 'expected a compiled pattern' };
      const names = op.window ? [...op.names, 'pos', 'endpos'] : op.names;
      const a = bind(`Pattern.${name}`, names, op.required, rest, kw, consts?.slice(1), kwConsts);
      if ('error' in a) return a;
      // Positional arguments come after the receiver, argument 0.
      const shifted = a.map((x) => x && (typeof x.at === 'number' ? { ...x, at: x.at + 1 } : x));
      const p: PatternChoice = { detail: { pattern: 'compiled', patternAt: 0 }, shape: shapeOf(recv) };
      const r = op.impl(`re.Pattern.${name}`, p, shifted.slice(0, op.names.length), args, ctx);
      const [pos, endpos] = shifted.slice(op.names.length);
      if ((!pos && !endpos) || 'error' in r) return r;
      const from = intArg(pos, 'pos', 'pos');
      if ('error' in from) return from;
      if (endpos && endpos.t.kind !== 'int') return { error: `endpos must be an int, not ${typeToString(endpos.t)}` };
      return { ...r, variant: `${r.variant}_in`, detail: { ...r.detail, ...from.detail, endpos: endpos?.at } };
    },
    tests: patternTests[name] ?? [],
  });
}

defineOp({
  id: 're.compile',
  summary:
    're.compile(pattern, flags): a compiled pattern; a module-level one with constant arguments is compiled once per process, and its groups type its matches',
  resolve: (args, kw, consts, kwConsts) => {
    const a = bind('re.compile', ['pattern', 'flags'], 1, args, kw, consts, kwConsts);
    if ('error' in a) return a;
    const p = patternOf(a[0]!, a[1]);
    if ('error' in p) return p;
    // A compiled pattern passed again is returned as it is.
    return ok('re.compile', patternType(p.shape), args, p.detail.pattern === 'compiled' ? 'same' : 'compile', p.detail);
  },
  tests: [
    {
      params: { s: 'str' },
      body: 'p = re.compile(r"(\\d+)-(\\d+)")\nreturn (p.sub(r"\\2-\\1", s), p.findall(s), p.groups)',
      samples: [['1-2 and 30-40'], ['']],
      imports,
    },
    {
      params: { s: 'str', ignore: 'bool' },
      body: 'p = re.compile("straße", re.I if ignore else 0)\nreturn p.findall(s)',
      samples: [
        ['STRASSE Straße straße', true],
        ['Straße straße', false],
      ],
      imports,
    },
  ],
});

defineOp({
  id: 're.escape',
  summary: 're.escape(s): s with regex metacharacters backslashed',
  resolve: (args) =>
    args.length === 1 && args[0]!.kind === 'str'
      ? ok('re.escape', str, args, 'escape')
      : { error: 're.escape() takes one str' },
  tests: [
    { params: { s: 'str' }, expr: 're.escape(s)', samples: [['a.b*c'], ['1+1=2 (x)'], ['日本 🙂'], ['']], imports },
    {
      params: { s: 'str', w: 'str' },
      expr: 're.sub(re.escape(w), "<>", s)',
      samples: [
        ['a.b a+b', 'a.b'],
        ['(x) x', '(x)'],
        ['', ''],
      ],
      imports,
    },
  ],
});

// ---- Pattern attributes --------------------------------------------------------------------

const PATTERN_ATTRIBUTES = [
  ['pattern', str],
  ['flags', int],
  ['groups', int],
  ['groupindex', T.dict(str, int)],
] as const;
for (const [name, result] of PATTERN_ATTRIBUTES) {
  defineOp({
    id: `re.Pattern.${name}`,
    summary: `pattern.${name}`,
    resolve: (args) =>
      isOpaque(args[0], 're.Pattern') && args.length === 1
        ? ok(`re.Pattern.${name}`, result, args, 'attribute')
        : { error: `${name} is an attribute of a compiled pattern` },
    tests: [
      {
        params: { s: 'str' },
        body: `p = re.compile(r"(?P<a>x)(y)(?P<b>z)" + s, re.I | re.M)\nreturn ${name === 'groupindex' ? 'dict(p.groupindex)' : `p.${name}`}`,
        samples: [[''], ['(?P<c>w)'], ['(?x) # (q)']],
        imports,
      },
    ],
  });
}

// ---- Match objects ---------------------------------------------------------------------------

/** A group given as a constant (number or name): its index when the shape is known. */
function groupIndex(shape: RegexShape | undefined, c: ConstValue | undefined): number | undefined | ResolveError {
  if (c === undefined) return undefined;
  if (c.kind === 'int' || c.kind === 'bool') {
    const g = c.kind === 'int' ? Number(c.value) : Number(c.value);
    if (shape && (g < 0 || g > shape.groups)) return { error: `no such group: ${g} (the pattern has ${shape.groups})` };
    return g;
  }
  if (c.kind === 'str') {
    if (!shape) return undefined;
    const n = shape.names.find(([name]) => name === c.value);
    if (!n)
      return {
        error: `no such group: '${c.value}' (the pattern's named groups: ${shape.names.map(([x]) => x).join(', ') || 'none'})`,
      };
    return n[1];
  }
  return { error: 'a group is an int or a str' };
}

/**
 * How group `g` of the match (argument 0) is read, given as argument `at`, and its type. The
 * read is `whole`, `required:<g>` (a group that always takes part), `optional:<g>`, or, for a
 * group known only at run time, `number:<at>` or `name:<at>`; `spellGroup` writes its Rust.
 */
function groupRead(
  shape: RegexShape | undefined,
  t: Type,
  c: ConstValue | undefined,
  at: number,
): { read: string; type: Type } | ResolveError {
  const g = groupIndex(shape, c);
  if (typeof g === 'object') return g;
  if (g === 0) return { read: 'whole', type: str };
  if (g !== undefined && shape)
    return shape.optional[g] ? { read: `optional:${g}`, type: optStr } : { read: `required:${g}`, type: str };
  if (t.kind === 'int' || t.kind === 'bool') return { read: `number:${at}`, type: optStr };
  if (t.kind === 'str') return { read: `name:${at}`, type: optStr };
  return { error: `a group is an int or a str, not ${typeToString(t)}` };
}

function matchOp(
  name: string,
  summary: string,
  resolve: (
    m: Type & { kind: 'opaque' },
    shape: RegexShape | undefined,
    args: Type[],
    consts: readonly (ConstValue | undefined)[],
    kw: ReadonlyMap<string, Type>,
    kwConsts: ReadonlyMap<string, ConstValue>,
  ) => ResolveResult,
  tests: OpTest[],
): void {
  const id = `re.Match.${name}`;
  defineOp({
    id,
    summary,
    tests,
    resolve: (args, kw, consts, kwConsts) => {
      const m = args[0];
      if (!isOpaque(m, 're.Match')) return { error: 'expected a match object' };
      return resolve(m, shapeOf(m), args, consts ?? [], kw, kwConsts ?? new Map());
    },
  });
}

const matchTests = (body: string, samples: unknown[][]): OpTest[] => [{ params: { s: 'str' }, body, samples, imports }];

matchOp(
  'group',
  'm.group(), m.group(n), m.group("name"), m.group(a, b, ...): str, or Optional[str] for a group that may not take part',
  (m, shape, args, consts, kw) => {
    if (kw.size) return { error: 'group() takes no keyword arguments' };
    if (args.length === 1) return ok('re.Match.group', str, args, 'group', { groups: ['whole'] });
    const parts: { read: string; type: Type }[] = [];
    for (let i = 1; i < args.length; i++) {
      const r = groupRead(shape, args[i]!, consts[i], i);
      if ('error' in r) return r;
      parts.push(r);
    }
    const groups = parts.map((p) => p.read);
    if (parts.length === 1) return ok('re.Match.group', parts[0]!.type, args, 'group', { groups });
    return ok('re.Match.group', T.tuple(parts.map((p) => p.type)), args, 'tuple', { groups });
  },
  matchTests(
    'm = re.search(r"(\\w+) (\\d+)?(?P<tail>!)?", s)\nif m is None:\n    return None\nreturn (m.group(), m.group(0), m.group(1), m.group(2), m.group("tail"), m.group(1, 2))',
    [['hi 42!'], ['hi there'], ['!!'], ['naïve 日本 7!']],
  ),
);

matchOp(
  '__getitem__',
  'm[n], m["name"]: as m.group(n)',
  (m, shape, args, consts) => {
    const r = groupRead(shape, args[1]!, consts[1], 1);
    if ('error' in r) return r;
    return ok('re.Match.__getitem__', r.type, args, 'group', { groups: [r.read] });
  },
  matchTests('m = re.match(r"(?P<k>\\w+)=(\\w*)", s)\nreturn (m[0], m["k"], m[2]) if m else None', [
    ['a=1'],
    ['key='],
    ['='],
  ]),
);

matchOp(
  'groups',
  'm.groups(default=None): a tuple of the groups (the pattern must be known at compile time)',
  (m, shape, args, consts, kw) => {
    const d = args[1] ?? kw.get('default');
    if (!shape)
      return {
        error:
          'groups() needs the pattern at compile time (a literal or a module-level re.compile) to know how many groups there are',
      };
    const dflt = d && d.kind !== 'none' ? { default: args[1] ? 1 : 'default' } : {};
    if (d && d.kind !== 'none' && d.kind !== 'str') return { error: 'groups(default) takes a str or None' };
    // Each group: one that always takes part, one that may not (None, or the default when given).
    const groups: string[] = [];
    const types: Type[] = [];
    for (let g = 1; g <= shape.groups; g++) {
      const optional = shape.optional[g] === true;
      groups.push(`${optional ? 'optional' : 'required'}:${g}`);
      types.push(optional && !('default' in dflt) ? optStr : str);
    }
    return ok('re.Match.groups', T.tuple(types), args, 'groups', { groups, ...dflt });
  },
  matchTests(
    'm = re.search(r"(\\d+)-(\\d+)(x)?", s)\nif not m:\n    return None\na, b, c = m.groups()\nreturn (a, b, c, m.groups("?"))',
    [['tel 12-345x'], ['1-2'], ['none']],
  ),
);

matchOp(
  'groupdict',
  'm.groupdict(): the named groups',
  (m, shape, args) => {
    if (args.length > 1) return { error: 'groupdict(default) is not supported' };
    const all = shape ? shape.names.every(([, g]) => !shape.optional[g]) : false;
    return all
      ? ok('re.Match.groupdict', T.dict(str, str), args, 'strs')
      : ok('re.Match.groupdict', T.dict(str, optStr), args, 'optional');
  },
  matchTests('m = re.search(r"(?P<y>\\d{4})-(?P<m>\\d\\d)(?:-(?P<d>\\d\\d))?", s)\nreturn m.groupdict() if m else {}', [
    ['on 2024-01-15'],
    ['2024-02'],
    ['x'],
  ]),
);

for (const name of ['start', 'end', 'span'] as const) {
  matchOp(
    name,
    `m.${name}(group=0): code-point positions, -1 for a group that did not take part`,
    (m, shape, args, consts) => {
      const result = name === 'span' ? T.tuple([int, int]) : int;
      if (args.length === 1) return ok(`re.Match.${name}`, result, args, 'group', { group: 0 });
      const g = groupIndex(shape, consts[1]);
      if (typeof g === 'object') return g;
      if (g !== undefined) return ok(`re.Match.${name}`, result, args, 'group', { group: g });
      const t = args[1]!;
      if (t.kind === 'int') return ok(`re.Match.${name}`, result, args, 'number');
      if (t.kind === 'str') return ok(`re.Match.${name}`, result, args, 'name');
      return { error: `a group is an int or a str, not ${typeToString(t)}` };
    },
    name === 'span'
      ? matchTests('m = re.search(r"(é+)|(x)", s)\nreturn (m.span(), m.span(1), m.span(2)) if m else None', [
          ['naïve ééé'],
          ['x'],
          [''],
        ])
      : matchTests(
          `m = re.search(r"(?P<word>\\w+)(!)?", s)\nreturn (m.${name}(), m.${name}(1), m.${name}("word"), m.${name}(2)) if m else None`,
          [['日本 語!'], ['--ab'], ['']],
        ),
  );
}

matchOp(
  'expand',
  'm.expand(template): the template with the groups filled in',
  (m, shape, args, consts) => {
    const t = args[1];
    if (t?.kind !== 'str' || args.length !== 2) return { error: 'expand() takes one str' };
    const c = consts[1];
    if (c?.kind === 'str' && shape) {
      const used = checkTemplate(c.value, shape);
      if ('error' in used) return invalid(c.value, used, 1, 'this template');
    }
    return ok('re.Match.expand', str, args, 'expand');
  },
  matchTests('m = re.search(r"(\\w+)=(\\w+)", s)\nreturn m.expand(r"\\2:\\1") if m else ""', [['key=value'], ['x']]),
);

// ---- Spellings: the Rust of each variant the rules above choose ------------------------------

/** A Rust string literal that templates leave alone (braces would read as placeholders). */
function rustLit(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '{' || ch === '}' || c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0))
      out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The placeholders of an argument passed at `at`: owned, and borrowed. */
const owned = (at: At): string => (typeof at === 'number' ? `{${at}}` : `{kw:${at}}`);
const borrowed = (at: At): string => (typeof at === 'number' ? `{&${at}}` : `{&kw:${at}}`);

/** The pattern as a `&rt::re::Pattern`: a static compiled once, the runtime's cache, or the argument itself. */
function patternCode(c: OpChoice): string {
  const d = c.detail as PatternChoice['detail'];
  const flags = d.flagsAt !== undefined ? owned(d.flagsAt) : '0';
  switch (d.pattern) {
    case 'static':
      return `{ static __RE: std::sync::LazyLock<rt::re::Pattern> = std::sync::LazyLock::new(|| rt::re::Pattern::constant(${rustLit(d.source!)}, ${d.flags!})); &*__RE }`;
    case 'literal':
      return `(&rt::re::compile(${rustLit(d.source!)}, ${flags})?)`;
    case 'runtime':
      return `(&rt::re::compile(${borrowed(d.patternAt!)}, ${flags})?)`;
    case 'compiled':
      return borrowed(d.patternAt!);
  }
}

/** An optional int argument recorded by `intArg`, as an i64; 0 when absent. */
function intCode(c: OpChoice, key: string): string {
  const at = c.detail![key] as At | undefined;
  if (at === undefined) return '0';
  return c.detail![`${key}IsBool`] ? `(${owned(at)} as i64)` : owned(at);
}

/** findall's groups of each match (`rows`, a `Vec<Vec<String>>`) as tuples of the pattern's group count. */
function tuples(c: OpChoice, rows: string): string {
  const groups = c.result.kind === 'list' && c.result.item.kind === 'tuple' ? c.result.item.items.length : 0;
  const items = Array.from({ length: groups }, (_, i) => `__g[${i}].clone()`).join(', ');
  return `${rows}.into_iter().map(|__g| (${items})).collect::<Vec<_>>()`;
}

/** How each pattern operation is spelled, for both `re.f(pattern, ...)` and `pattern.f(...)`. */
function patternOpSpelling(name: string): Spelling {
  const string = (c: OpChoice): string => borrowed(c.detail!.string as At);
  const fn = { search: 'search', match: 'match_', fullmatch: 'fullmatch' }[name];
  // `pattern.search(s, pos, endpos)`: the `_in` form of the runtime function, with the window.
  const window = (c: OpChoice): string => {
    const end = c.detail!.endpos as At | undefined;
    return `${intCode(c, 'pos')}, ${end === undefined ? 'None' : `Some(${owned(end)})`}`;
  };
  if (fn)
    return {
      match: (c) => `rt::re::${fn}(${patternCode(c)}, ${string(c)})?`,
      match_in: (c) => `rt::re::${fn.replace(/_$/, '')}_in(${patternCode(c)}, ${string(c)}, ${window(c)})?`,
    };
  switch (name) {
    case 'sub':
    case 'subn':
      return {
        replacement: (c) =>
          `rt::re::${name}(${patternCode(c)}, ${borrowed(c.detail!.repl as At)}, ${string(c)}, ${intCode(c, 'count')})?`,
        function: (c) =>
          `rt::re::${name}_fn(${patternCode(c)}, ${string(c)}, ${intCode(c, 'count')}, |__m| Ok({call${c.detail!.repl as At}(__m)}))?`,
      };
    case 'split':
      return {
        pieces_or_none: (c) => `rt::re::split(${patternCode(c)}, ${string(c)}, ${intCode(c, 'maxsplit')})?`,
        pieces: (c) => `rt::re::split_str(${patternCode(c)}, ${string(c)}, ${intCode(c, 'maxsplit')})?`,
      };
    case 'findall':
      return {
        strs: (c) => `rt::re::findall(${patternCode(c)}, ${string(c)})?`,
        strs_in: (c) => `rt::re::findall_in(${patternCode(c)}, ${string(c)}, ${window(c)})?`,
        tuples: (c) => tuples(c, `rt::re::findall_groups(${patternCode(c)}, ${string(c)})?`),
        tuples_in: (c) => tuples(c, `rt::re::findall_groups_in(${patternCode(c)}, ${string(c)}, ${window(c)})?`),
      };
    case 'finditer':
      return {
        matches: (c) => `rt::re::finditer(${patternCode(c)}, ${string(c)})?`,
        matches_in: (c) => `rt::re::finditer_in(${patternCode(c)}, ${string(c)}, ${window(c)})?`,
      };
    default:
      throw new Error(`re.${name} has no spelling`);
  }
}

/** One group read chosen by `groupRead`, of the match `{&0}`. */
function spellGroup(read: string): string {
  const [kind, n] = read.split(':') as [string, string | undefined];
  switch (kind) {
    case 'whole':
      return '{&0}.group0()';
    case 'required':
      return `{&0}.group_req(${n})`;
    case 'optional':
      return `{&0}.group_opt(${n})`;
    case 'number':
      return `{&0}.group({${n}})?`;
    default:
      return `{&0}.group_named({&${n}})?`;
  }
}

const spellOneGroup = (c: OpChoice): string => spellGroup((c.detail!.groups as string[])[0]!);

defineSpellings({
  ...Object.fromEntries(
    Object.keys(OPS).flatMap((name) => [
      [`re.${name}`, patternOpSpelling(name)],
      [`re.Pattern.${name}`, patternOpSpelling(name)],
    ]),
  ),
  're.compile': { same: () => '{0}', compile: (c) => `(${patternCode(c)}).clone()` },
  're.escape': { escape: () => 'rt::re::escape({&0})' },
  ...Object.fromEntries(
    PATTERN_ATTRIBUTES.map(([name]) => [`re.Pattern.${name}`, { attribute: () => `{&0}.${name}()?` }]),
  ),
  're.Match.group': {
    group: spellOneGroup,
    tuple: (c) => `(${(c.detail!.groups as string[]).map(spellGroup).join(', ')})`,
  },
  're.Match.__getitem__': { group: spellOneGroup },
  're.Match.groups': {
    groups: (c) => {
      const d = c.detail!;
      const items = (d.groups as string[]).map((read) =>
        d.default !== undefined && read.startsWith('optional:')
          ? `${spellGroup(read)}.unwrap_or_else(|| ${borrowed(d.default as At)}.clone())`
          : spellGroup(read),
      );
      return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
    },
  },
  're.Match.groupdict': {
    strs: () =>
      '{&0}.groupdict().into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect::<rt::Dict<String, String>>()',
    optional: () => '{&0}.groupdict()',
  },
  ...Object.fromEntries(
    (['start', 'end', 'span'] as const).map((name) => [
      `re.Match.${name}`,
      {
        group: (c: OpChoice) => `{&0}.${name}(${c.detail!.group as number})?`,
        number: () => `{&0}.${name}({1})?`,
        name: () => `{&0}.${name}_named({&1})?`,
      },
    ]),
  ),
  're.Match.expand': { expand: () => '{&0}.expand({&1})?' },
});
