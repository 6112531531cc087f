/**
 * `urllib.parse` on str: quoting (`quote`, `quote_plus`, `unquote`, `unquote_plus`, `urlencode`),
 * splitting (`urlsplit`, `urlparse`, `urldefrag`), joining (`urlunsplit`, `urlunparse`, `urljoin`)
 * and query strings (`parse_qsl`, `parse_qs`). Input: argument types from infer; output: op
 * choices spelled as calls of the runtime's `rt::urlparse`, a port of CPython 3.11's parse.py.
 * The results of urlsplit/urlparse/urldefrag are named tuples (fields read by name) with
 * CPython's derived attributes (`hostname`, `port`, `username`, `password`), `geturl()` and
 * `_replace(...)`. Only UTF-8 is supported for `encoding`/`errors`, as their defaults.
 */
import { defineOp, T, type OpTest, type ResolveResult } from '../registry';
import { type Type, typeToString } from '../../types/types';
import { bindArgs, ok } from './numpy';
import { paramsCall, type Param } from './callParams';

const { str, int } = T;
const SPLIT_NAMES = ['scheme', 'netloc', 'path', 'query', 'fragment'];
const PARSE_NAMES = ['scheme', 'netloc', 'path', 'params', 'query', 'fragment'];
const DEFRAG_NAMES = ['url', 'fragment'];
const SPLIT = T.namedTuple(
  SPLIT_NAMES.map(() => str),
  SPLIT_NAMES,
  'SplitResult',
);
const PARSE = T.namedTuple(
  PARSE_NAMES.map(() => str),
  PARSE_NAMES,
  'ParseResult',
);
const DEFRAG = T.namedTuple([str, str], DEFRAG_NAMES, 'DefragResult');
const IMPORTS = ['import urllib.parse', 'from urllib.parse import urlparse, urlsplit'];
const P = 'urllib.parse';

const test = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr,
  samples,
  imports: IMPORTS,
});
const absent = (name: string): Param => ({ name, kind: 'default', dflt: '' });

const URLS = [
  'HTTP://User:Pa%20ss@Example.COM:8080/a/b;p=1/c;x?q=1&r=%C3%A9#Frag',
  'https://[::1]:443/path?x#y',
  '//host.example/only/path',
  'mailto:someone@example.com',
  'file:///etc/passwd',
  '  \thttp://exa\nmple.com/ sp ',
  'relative/path;params?query#frag',
  'http://[fe80::1%25eth0]/',
  'http://host:notaport/',
  'http://host:99999/',
  'http://[::1/',
  'http://[127.0.0.1]/',
  'http://[v1.fe]/',
  'a1+-.b:rest',
  '1http:x',
  '',
];

// quote / quote_plus / unquote / unquote_plus.
for (const [name, safe] of [
  ['quote', "'/'"],
  ['quote_plus', "''"],
] as const)
  defineOp({
    id: `${P}.${name}`,
    summary: `${P}.${name}(string, safe=${safe}): percent-encodes the UTF-8 bytes outside the always-safe set and \`safe\`${name === 'quote_plus' ? ', spaces as `+`' : ''}`,
    ...paramsCall(
      `${P}.${name}`,
      [
        { name: 'string', kind: 'str' },
        { name: 'safe', kind: 'str', dflt: `"${safe.slice(1, -1)}"` },
        absent('encoding'),
        absent('errors'),
      ],
      str,
      (a) => `rt::urlparse::${name}(${a.string}, ${a.safe})`,
    ),
    tests: [
      test(
        { s: 'str' },
        `[urllib.parse.${name}(s), urllib.parse.${name}(s, safe=""), urllib.parse.${name}(s, "/:?=&é")]`,
        [['a b/c?d=e&f=g+h~_.-'], ['naïve café 日本 🙂'], [''], ['100%']],
      ),
    ],
  });

for (const name of ['unquote', 'unquote_plus'])
  defineOp({
    id: `${P}.${name}`,
    summary: `${P}.${name}(string): \`%XX\` escapes decoded as UTF-8 (invalid bytes as U+FFFD)${name === 'unquote_plus' ? ', `+` as a space' : ''}`,
    ...paramsCall(
      `${P}.${name}`,
      [{ name: 'string', kind: 'str' }, absent('encoding'), absent('errors')],
      str,
      (a) => `rt::urlparse::${name}(${a.string})`,
    ),
    tests: [
      test({ s: 'str' }, `urllib.parse.${name}(s)`, [
        ['a%20b+c%2Bd'],
        ['caf%C3%A9 %e6%97%a5 %zz %4 %'],
        ['%C3%28 %E2%82 %F0%9F%99%82 %ff%fe'],
        ['é%C3%A9é%'],
        ['no escapes'],
      ]),
    ],
  });

/** The (key, value) pairs of urlencode's query: a dict, or a list of 2-tuples. */
function queryPairs(q: Type | undefined): { key: Type; value: Type; rust: (at: string) => string } | undefined {
  if (q?.kind === 'dict') return { key: q.key, value: q.value, rust: (at) => `({&${at}}).iter()` };
  if (q?.kind === 'list' && q.item.kind === 'tuple' && q.item.items.length === 2)
    return { key: q.item.items[0]!, value: q.item.items[1]!, rust: (at) => `({&${at}}).iter().map(|(k, v)| (k, v))` };
  return undefined;
}
const scalar = (t: Type): boolean =>
  ['str', 'int', 'float', 'bool', 'none'].includes(t.kind) ||
  (t.kind === 'optional' && scalar(t.item)) ||
  (t.kind === 'union' && t.members.every(scalar));

defineOp({
  id: `${P}.urlencode`,
  summary: `${P}.urlencode(query, doseq=False, safe=''): a dict or a list of pairs as \`k=v&...\`, each \`str()\`-ed and quote_plus-ed; with doseq a list value gives one pair per item`,
  resolve: (args, kw): ResolveResult => {
    const id = `${P}.urlencode`;
    const b = bindArgs(id, ['query', 'doseq', 'safe', 'encoding', 'errors', 'quote_via'], args, kw);
    if ('error' in b) return b;
    for (const n of ['encoding', 'errors', 'quote_via'])
      if (b.has(n)) return { error: `\`${n}\` of urlencode is not supported (only its default)` };
    const q = b.get('query');
    const pairs = queryPairs(q?.t);
    if (!q || !pairs) return { error: 'urlencode takes a dict or a list of (key, value) tuples' };
    if (!scalar(pairs.key)) return { error: `urlencode keys must be str or numbers, not ${typeToString(pairs.key)}` };
    const doseq = b.get('doseq');
    if (doseq && doseq.t.kind !== 'bool' && doseq.t.kind !== 'int') return { error: '`doseq` must be a bool' };
    const safe = b.get('safe');
    if (safe && safe.t.kind !== 'str') return { error: '`safe` must be a str' };
    const detail = {
      pairs: pairs.rust(q.at),
      doseq: doseq ? (doseq.t.kind === 'int' ? `({${doseq.at}} != 0)` : `{${doseq.at}}`) : 'false',
      safe: safe ? `({&${safe.at}}).as_str()` : '""',
    };
    const v = pairs.value;
    if (scalar(v)) return ok(id, str, args, 'scalar', detail);
    if (v.kind === 'list' && scalar(v.item)) return ok(id, str, args, 'seq', detail);
    // `{"q": q, "tag": tags}`: a variant of scalars and lists of scalars, each value encoded as the member it holds.
    if (v.kind === 'union' && v.members.every((m) => scalar(m) || (m.kind === 'list' && scalar(m.item))))
      return ok(id, str, args, 'mixed', detail);
    return { error: `urlencode values must be str, numbers or lists of them, not ${typeToString(v)}` };
  },
  spell: {
    scalar: (c) => `rt::urlparse::urlencode(${c.detail!.pairs as string}, ${c.detail!.safe as string}, true)`,
    mixed: (c) =>
      `rt::urlparse::urlencode_mixed(${c.detail!.pairs as string}, ${c.detail!.doseq as string}, ${c.detail!.safe as string}, true)`,
    seq: (c) =>
      `rt::urlparse::urlencode_seq(${c.detail!.pairs as string}, ${c.detail!.doseq as string}, ${c.detail!.safe as string}, true)`,
  },
  tests: [
    test({ q: 'str', n: 'int' }, 'urllib.parse.urlencode({"q": q, "page": n, "lang": "en"})', [
      ['rust & python', 2],
      ['', -1],
    ]),
    test({ q: 'str' }, 'urllib.parse.urlencode([("a", q), ("a", "x/y")], safe="/")', [['ä b+c']]),
    test({ q: 'str' }, 'urllib.parse.urlencode({"tag": [q, "b c"], "x": []}, doseq=True)', [['a&b'], ['']]),
    test({ q: 'str' }, 'urllib.parse.urlencode({"tag": [q, "b"]})', [['a']]),
    test(
      { q: 'str', tags: 'list[str]', n: 'int' },
      '[urllib.parse.urlencode({"q": q, "tag": tags, "n": n}, doseq=True), urllib.parse.urlencode({"q": q, "tag": tags})]',
      [
        ['a b', ['x', 'y/z'], 3],
        ['', [], 0],
      ],
    ),
    test({ x: 'float', b: 'bool' }, 'urllib.parse.urlencode({"x": x, "b": b, 1: None})', [[1.5, true]]),
  ],
});

// urlsplit / urlparse.
for (const [name, result] of [
  ['urlsplit', SPLIT],
  ['urlparse', PARSE],
] as const)
  defineOp({
    id: `${P}.${name}`,
    summary: `${P}.${name}(url, scheme='', allow_fragments=True): the ${name === 'urlsplit' ? 'SplitResult' : 'ParseResult'} named tuple (fields, hostname, port, username, password, geturl(), _replace()); ValueError for a bad IPv6 netloc`,
    ...paramsCall(
      `${P}.${name}`,
      [
        { name: 'url', kind: 'str' },
        { name: 'scheme', kind: 'str', dflt: '""' },
        { name: 'allow_fragments', kind: 'bool', dflt: 'true' },
      ],
      result,
      (a) => `rt::urlparse::${name}(${a.url}, ${a.scheme}, ${a.allow_fragments})?`,
    ),
    tests: [
      test(
        { u: 'str' },
        `urllib.parse.${name}(u)`,
        URLS.map((u) => [u]),
      ),
      test({ u: 'str' }, `${name}(u, scheme="https", allow_fragments=False)`, [['//x.org/a#b?c'], ['x.org/a?q#f']]),
      // Printed as CPython prints the named tuple (its class and fields); tuple() of it prints as a plain tuple.
      test({ u: 'str' }, `str(${name}(u)) + "|" + repr(${name}(u)._replace(path="/x"))`, [
        ['https://user:pw@ex.com:8080/a/b;p?q=1#frag'],
        ["x'y"],
      ]),
      test({ u: 'str' }, `f"{${name}(u)}|{${name}(u)!r}|" + str(tuple(${name}(u)))`, [['http://a/b?c#d']]),
    ],
  });

defineOp({
  id: `${P}.urldefrag`,
  summary: `${P}.urldefrag(url): the DefragResult (url without its fragment, fragment)`,
  ...paramsCall(`${P}.urldefrag`, [{ name: 'url', kind: 'str' }], DEFRAG, (a) => `rt::urlparse::urldefrag(${a.url})?`),
  tests: [
    test({ u: 'str' }, 'urllib.parse.urldefrag(u)', [['http://a/b?c#d'], ['http://a/b#'], ['no-frag'], ['x;p#f']]),
    test({ u: 'str' }, 'repr(urllib.parse.urldefrag(u)) + str(urllib.parse.urldefrag(u))', [['http://a/b?c#d']]),
  ],
});

// urlunsplit / urlunparse: a tuple of the fields (a result, or written out) or a list of str.
for (const [name, n] of [
  ['urlunsplit', 5],
  ['urlunparse', 6],
] as const)
  defineOp({
    id: `${P}.${name}`,
    summary: `${P}.${name}(components): the URL from ${n} parts (a tuple or a list of str)`,
    resolve: (args, kw): ResolveResult => {
      const id = `${P}.${name}`;
      if (args.length !== 1 || kw.size > 0) return { error: `\`${id}\` takes one argument, the ${n} components` };
      const c = args[0]!;
      if (c.kind === 'tuple' && c.items.length === n && c.items.every((t) => t.kind === 'str'))
        return ok(id, str, args, 'tuple');
      if (c.kind === 'list' && c.item.kind === 'str') return ok(id, str, args, 'list');
      return { error: `\`${id}\` takes a tuple of ${n} str or a list of str, not ${typeToString(c)}` };
    },
    spell: {
      tuple: () =>
        `{ let __c = {&0}; rt::urlparse::${name}(${Array.from({ length: n }, (_, i) => `&__c.${i}`).join(', ')}) }`,
      list: () =>
        `{ let __c = rt::urlparse::components({&0}, ${n})?; rt::urlparse::${name}(${Array.from({ length: n }, (_, i) => `__c[${i}]`).join(', ')}) }`,
    },
    tests: [
      test(
        { u: 'str' },
        `urllib.parse.${name}(urllib.parse.${name === 'urlunsplit' ? 'urlsplit' : 'urlparse'}(u))`,
        URLS.filter((u) => !u.includes('[')).map((u) => [u]),
      ),
      test({ parts: 'list[str]' }, `urllib.parse.${name}(parts)`, [
        [['http', 'h', 'p', 'a', 'q', 'f'].slice(0, n)],
        [['', '', 'rel', '', '', ''].slice(0, n)],
        [['file', '', 'x', '', '', ''].slice(0, n)],
        [['a', 'b']],
      ]),
    ],
  });

defineOp({
  id: `${P}.urljoin`,
  summary: `${P}.urljoin(base, url, allow_fragments=True): RFC 3986 resolution of url against base`,
  ...paramsCall(
    `${P}.urljoin`,
    [
      { name: 'base', kind: 'str' },
      { name: 'url', kind: 'str' },
      { name: 'allow_fragments', kind: 'bool', dflt: 'true' },
    ],
    str,
    (a) => `rt::urlparse::urljoin(${a.base}, ${a.url}, ${a.allow_fragments})?`,
  ),
  tests: [
    test(
      { u: 'str' },
      '[urllib.parse.urljoin("http://a/b/c/d;p?q", u), urllib.parse.urljoin("https://x.org/docs/", u), urllib.parse.urljoin(u, "../up")]',
      [
        ['g'],
        ['./g'],
        ['g/'],
        ['/g'],
        ['//g'],
        ['?y'],
        ['g?y'],
        ['#s'],
        ['g#s'],
        [';x'],
        ['g;x'],
        [''],
        ['.'],
        ['./'],
        ['..'],
        ['../'],
        ['../g'],
        ['../../../g'],
        ['/./g'],
        ['g.'],
        ['g/../h'],
        ['g;x=1/../y'],
        ['http:g'],
        ['mailto:x@y'],
        ['a//b/./c'],
      ],
    ),
  ],
});

// parse_qsl / parse_qs.
const QS_PARAMS: Param[] = [
  { name: 'qs', kind: 'str' },
  { name: 'keep_blank_values', kind: 'bool', dflt: 'false' },
  { name: 'strict_parsing', kind: 'bool', dflt: 'false' },
  absent('encoding'),
  absent('errors'),
  { name: 'max_num_fields', kind: 'optint', dflt: 'None' },
  { name: 'separator', kind: 'str', dflt: '"&"' },
];
for (const [name, result] of [
  ['parse_qsl', T.list(T.tuple([str, str]))],
  ['parse_qs', T.dict(str, T.list(str))],
] as const)
  defineOp({
    id: `${P}.${name}`,
    summary: `${P}.${name}(qs, keep_blank_values=False, strict_parsing=False, max_num_fields=None, separator='&'): ${name === 'parse_qs' ? 'each name to its list of values' : 'the (name, value) pairs'}, unquote_plus-ed`,
    ...paramsCall(
      `${P}.${name}`,
      QS_PARAMS,
      result,
      (a) =>
        `rt::urlparse::${name}(${a.qs}, ${a.keep_blank_values}, ${a.strict_parsing}, ${a.max_num_fields}, ${a.separator})?`,
    ),
    tests: [
      test({ q: 'str' }, `[urllib.parse.${name}(q), urllib.parse.${name}(q, keep_blank_values=True)]`, [
        ['a=1&b=2&a=3'],
        ['q=caf%C3%A9+au+lait&empty=&flag&x=%zz&&=v'],
        [''],
        ['a=b=c;d=e'],
      ]),
      test({ q: 'str' }, `urllib.parse.${name}(q, strict_parsing=True)`, [['a=1&b=2'], ['a=1&&b=2'], ['a=1&flag']]),
      test({ q: 'str', n: 'int' }, `urllib.parse.${name}(q, max_num_fields=n, separator=";")`, [
        ['a=1;b=2;c', 2],
        ['a=1;b=2', 2],
        ['', 0],
      ]),
      test({ q: 'str' }, `urllib.parse.${name}(q, separator="")`, [['a=1']]),
    ],
  });

// The result fields as attributes: `urlparse(u).netloc`, `urldefrag(u).url`.
for (const field of ['scheme', 'netloc', 'path', 'params', 'query', 'fragment', 'url'])
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: the field of urllib.parse's SplitResult / ParseResult / DefragResult`,
    resolve: (args) => {
      const t = args[0];
      const i = t?.kind === 'tuple' ? (t.names ?? []).indexOf(field) : -1;
      if (t?.kind !== 'tuple' || i < 0)
        return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute '${field}'` };
      return ok(`tuple.${field}`, t.items[i]!, args, 'field', { index: i });
    },
    spell: { field: (c) => `({0}).${c.detail!.index as number}` },
    tests: [
      test(
        { u: 'str' },
        field === 'url'
          ? 'urllib.parse.urldefrag(u).url'
          : field === 'params'
            ? 'urlparse(u).params'
            : `[urlparse(u).${field}, urlsplit(u).${field}]`,
        [[URLS[0]], ['x;p?q#f']],
      ),
    ],
  });

/** Whether `t` is a urlsplit or urlparse result, whose netloc is field 1. */
const hasNetloc = (t: Type | undefined): boolean =>
  t?.kind === 'tuple' && t.names?.[1] === 'netloc' && t.names[0] === 'scheme';

for (const [field, result, fallible] of [
  ['hostname', T.optional(str), false],
  ['port', T.optional(int), true],
  ['username', T.optional(str), false],
  ['password', T.optional(str), false],
] as const)
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: ${field} of a urlsplit/urlparse result's netloc (None when absent${field === 'port' ? '; ValueError when not a number in 0..65535' : ''})`,
    resolve: (args) =>
      hasNetloc(args[0])
        ? ok(`tuple.${field}`, result, args, 'netloc')
        : { error: `'${args[0] ? typeToString(args[0]) : 'tuple'}' object has no attribute '${field}'` },
    spell: { netloc: () => `rt::urlparse::${field}(&({&0}).1)${fallible ? '?' : ''}` },
    tests: [
      test(
        { u: 'str' },
        `[urlparse(u).${field}, urlsplit(u).${field}]`,
        URLS.filter((u) => !u.includes('[::1/') && !u.includes('[127')).map((u) => [u]),
      ),
    ],
  });

defineOp({
  id: 'tuple.geturl',
  summary: 'r.geturl(): the URL of a urlsplit/urlparse/urldefrag result (urlunsplit/urlunparse of its fields)',
  resolve: (args, kw) => {
    const t = args[0];
    if (args.length !== 1 || kw.size > 0) return { error: 'geturl() takes no arguments' };
    if (t?.kind !== 'tuple' || !t.names) return { error: "this tuple has no attribute 'geturl'" };
    const names = t.names.join(',');
    if (names === SPLIT_NAMES.join(',')) return ok('tuple.geturl', str, args, 'split');
    if (names === PARSE_NAMES.join(',')) return ok('tuple.geturl', str, args, 'parse');
    if (names === DEFRAG_NAMES.join(',')) return ok('tuple.geturl', str, args, 'defrag');
    return { error: "this tuple has no attribute 'geturl'" };
  },
  spell: {
    split: () => '{ let __u = {&0}; rt::urlparse::urlunsplit(&__u.0, &__u.1, &__u.2, &__u.3, &__u.4) }',
    parse: () => '{ let __u = {&0}; rt::urlparse::urlunparse(&__u.0, &__u.1, &__u.2, &__u.3, &__u.4, &__u.5) }',
    defrag: () => '{ let __u = {&0}; if __u.1.is_empty() { __u.0.clone() } else { format!("{}#{}", __u.0, __u.1) } }',
  },
  tests: [
    test(
      { u: 'str' },
      '[urlparse(u).geturl(), urlsplit(u).geturl(), urllib.parse.urldefrag(u).geturl()]',
      URLS.filter((u) => !u.includes('[')).map((u) => [u]),
    ),
  ],
});

defineOp({
  id: 'tuple._replace',
  summary: 'r._replace(field=value, ...): a urllib.parse result with the named fields replaced',
  resolve: (args, kw) => {
    const t = args[0];
    if (t?.kind !== 'tuple' || !t.names || !(hasNetloc(t) || t.names.join(',') === DEFRAG_NAMES.join(',')))
      return { error: '_replace() is supported on urllib.parse results' };
    if (args.length !== 1) return { error: '_replace() takes keyword arguments only' };
    const sets: string[] = [];
    for (const [k, v] of kw) {
      const i = t.names.indexOf(k);
      if (i < 0) return { error: `_replace() got an unexpected field name '${k}'` };
      if (v.kind !== 'str') return { error: `\`${k}\` must be a str, not ${typeToString(v)}` };
      sets.push(`__r.${i} = ({kw:${k}}).to_string();`);
    }
    return ok('tuple._replace', t, args, 'replace', { sets: sets.join(' ') });
  },
  spell: { replace: (c) => `{ let mut __r = ({&0}).clone(); ${c.detail!.sets as string} __r }` },
  tests: [
    test({ u: 'str' }, 'urlparse(u)._replace(query="", fragment="top").geturl()', [[URLS[0]], ['relative/x?y']]),
    test({ u: 'str', h: 'str' }, 'urlsplit(u)._replace(netloc=h, scheme="https")', [['http://a/b?c', 'b.org']]),
  ],
});
