/**
 * The csv module's writing side: `io.StringIO()` as a text buffer (`write`, `writelines`, `getvalue`),
 * `csv.writer(buf, **fmtparams)` with `writerow`/`writerows`, and `csv.DictWriter(buf, fieldnames,
 * restval='', extrasaction='raise', **fmtparams)` with `writeheader`/`writerow`/`writerows`. Input: argument
 * types from infer; output: op choices spelled as calls of the runtime's `rt::csv` writer, a port of CPython
 * 3.11's `_csv.c` writer (QUOTE_MINIMAL, or QUOTE_NONE when quotechar is None; doubled or escaped quotes; a
 * lone empty field written as `""`) and `csv.py`'s DictWriter. The buffer is a shared handle, so a writer made
 * from it writes where `getvalue()` reads. Fields are str, int, float, bool or None (an empty field). `quoting=`
 * and named dialects are not supported, as for the reader: their calls are diagnostics.
 */
import { T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, type OpTest, type ResolveResult } from '../registry';
import { bindArgs, ok } from './numpy';
import { dialect, FMT } from './csv';

const IMPORTS = ['import csv', 'import io'];
const WRITER = T.opaque('csv.writer', 'rt::csv::Writer');
const DICT_WRITER = T.opaque('csv.DictWriter', 'rt::csv::DictWriter');
const isBuffer = (t: Type | undefined): boolean => t?.kind === 'opaque' && t.name === 'io.StringIO';

/** A type whose values are csv fields (`rt::csv::CsvField`): str, int, float, bool, None, Optional or a variant of them. */
function isField(t: Type): boolean {
  if (t.kind === 'optional') return isField(t.item);
  if (t.kind === 'union') return t.members.every(isField);
  return ['str', 'int', 'float', 'bool', 'none'].includes(t.kind);
}

/** The Rust that turns a row (a borrow `r` of a list, tuple[T, ...] or tuple of fields) into its fields. */
function rowCode(t: Type, r: string): string | undefined {
  if ((t.kind === 'list' || t.kind === 'vartuple' || t.kind === 'deque') && isField(t.item))
    return `${r}.iter().map(|__x| rt::csv::field(__x)).collect::<Vec<_>>()`;
  if (t.kind === 'tuple' && t.items.every(isField))
    return `{ let __t = ${r}; vec![${t.items.map((_, i) => `rt::csv::field(&__t.${i})`).join(', ')}] }`;
  return undefined;
}

/** Binds the buffer and the format parameters (the reader's plus lineterminator); detail for `dialect()`. */
function bindWriter(
  id: string,
  leading: string[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
): { detail: Record<string, string>; bound: Map<string, { t: Type; at: string }> } | { error: string } {
  const unsupported = ['quoting', 'dialect'].find((k) => kw.has(k));
  if (unsupported)
    return {
      error: `\`${id}\` with \`${unsupported}=\` is not supported; the excel dialect with delimiter, quotechar, escapechar, doublequote and lineterminator is`,
    };
  const b = bindArgs(id, [...leading, ...FMT.map(([n]) => n), 'lineterminator'], args, kw);
  if ('error' in b) return b;
  const buf = b.get(leading[0]!);
  if (!buf || !isBuffer(buf.t))
    return { error: `\`${id}\` writes into an io.StringIO() buffer, not ${buf ? typeToString(buf.t) : 'nothing'}` };
  const detail: Record<string, string> = { buf: buf.at };
  for (const [name, kind] of FMT) {
    const got = b.get(name);
    if (!got) continue;
    const good =
      kind === 'bool' ? got.t.kind === 'bool' : got.t.kind === 'str' || (kind === 'optchar' && got.t.kind === 'none');
    if (!good)
      return {
        error: `\`${name}\` must be ${kind === 'bool' ? 'a bool' : 'a 1-character str'}, not ${typeToString(got.t)}`,
      };
    detail[`fmt.${name}`] = got.at;
    if (got.t.kind === 'none') detail[`none.${name}`] = 'y';
  }
  const term = b.get('lineterminator');
  if (term && term.t.kind !== 'str') return { error: `\`lineterminator\` must be a str, not ${typeToString(term.t)}` };
  if (term) detail.term = term.at;
  return { detail, bound: b };
}

const at = (a: string, amp = ''): string => `{${amp}${a}}`;
const newWriter = (c: OpChoice): string =>
  `rt::csv::Writer::new(${at(c.detail!.buf as string, '&')}, &${dialect(c)}, ${c.detail!.term ? at(c.detail!.term as string, '&') : '"\\r\\n"'})`;

defineOp({
  id: 'io.StringIO.write',
  summary: 'buf.write(s): appends s to an io.StringIO() buffer; the characters written',
  resolve: (args, kw) =>
    args.length === 2 && kw.size === 0 && isBuffer(args[0]) && args[1]!.kind === 'str'
      ? ok('io.StringIO.write', T.int, args, 'call')
      : { error: 'write() takes one str' },
  spell: { call: () => '{&0}.write({&1})?' },
  tests: [
    {
      params: { parts: 'list[str]' },
      body: 'buf = io.StringIO()\nn = [buf.write(p) for p in parts]\nbuf.write("\\n")\nreturn n, buf.getvalue()',
      samples: [[['ab', 'héllo', '']], [[]]],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'io.StringIO.writelines',
  summary: 'buf.writelines(lines): appends each str as it is (no separators)',
  resolve: (args, kw) =>
    args.length === 2 && kw.size === 0 && isBuffer(args[0]) && iterStr(args[1]!)
      ? ok('io.StringIO.writelines', T.none, args, 'call')
      : { error: 'writelines() takes an iterable of str' },
  spell: { call: () => '{&0}.writelines({iter1})?' },
  tests: [
    {
      params: { lines: 'list[str]' },
      body: 'buf = io.StringIO()\nbuf.writelines(lines)\nbuf.writelines(x.upper() for x in lines)\nreturn buf.getvalue()',
      samples: [[['a\n', 'b']], [[]]],
      imports: IMPORTS,
    },
  ],
});

function iterStr(t: Type): boolean {
  return (
    ((t.kind === 'list' || t.kind === 'iter' || t.kind === 'set' || t.kind === 'deque' || t.kind === 'vartuple') &&
      t.item.kind === 'str') ||
    (t.kind === 'tuple' && t.items.every((x) => x.kind === 'str'))
  );
}

defineOp({
  id: 'io.StringIO.getvalue',
  summary: 'buf.getvalue(): everything written to an io.StringIO() buffer',
  resolve: (args, kw) =>
    args.length === 1 && kw.size === 0 && isBuffer(args[0])
      ? ok('io.StringIO.getvalue', T.str, args, 'call')
      : { error: 'getvalue() takes no arguments' },
  spell: { call: () => '{&0}.getvalue()?' },
  tests: [
    {
      params: { s: 'str' },
      body: 'buf = io.StringIO()\nempty = buf.getvalue()\nbuf.write(s)\nreturn empty, buf.getvalue(), buf.getvalue()',
      samples: [['x'], ['']],
      imports: IMPORTS,
    },
  ],
});

defineOp({
  id: 'io.StringIO.close',
  summary:
    'buf.close(): any later use of the buffer (or a writer over it) raises ValueError; also the end of `with io.StringIO() as buf:`',
  resolve: (args, kw) =>
    args.length === 1 && kw.size === 0 && isBuffer(args[0])
      ? ok('io.StringIO.close', T.none, args, 'call')
      : { error: 'close() takes no arguments' },
  spell: { call: () => '{&0}.close()' },
  tests: [
    {
      params: { s: 'str', late: 'bool' },
      body: 'buf = io.StringIO()\nbuf.write(s)\nw = csv.writer(buf)\nout = buf.getvalue()\nbuf.close()\nbuf.close()\nif late:\n    w.writerow([s])\nreturn out + buf.getvalue()',
      samples: [
        ['x', false],
        ['y', true],
      ],
      imports: IMPORTS,
    },
    {
      params: { rows: 'list[list[str]]' },
      body: 'with io.StringIO() as buf:\n    csv.writer(buf, lineterminator="\\n").writerows(rows)\n    text = buf.getvalue()\nreturn text',
      samples: [[[['a', 'b'], ['c']]], [[]]],
      imports: IMPORTS,
    },
    {
      params: { s: 'str' },
      body: 'with io.StringIO() as buf:\n    buf.write(s)\n    return buf.getvalue()',
      samples: [['inside'], ['']],
      imports: IMPORTS,
    },
    {
      params: { s: 'str' },
      body: 'with io.StringIO() as buf:\n    buf.write(s)\nreturn buf.getvalue()',
      samples: [['after']],
      imports: IMPORTS,
    },
  ],
});

const writerTests: OpTest[] = [
  {
    params: { rows: 'list[list[str]]' },
    body: 'buf = io.StringIO()\nw = csv.writer(buf)\nfor r in rows:\n    w.writerow(r)\nreturn buf.getvalue()',
    samples: [[[['a', 'b,c', 'say "hi"'], ['multi\nline', '', ' x'], [''], [], ['cr\rhere', 'tab\there']]], [[]]],
    imports: IMPORTS,
  },
  {
    params: { rows: 'list[list[str]]' },
    body: "buf = io.StringIO()\nw = csv.writer(buf, delimiter=';', quotechar=\"'\", escapechar='\\\\', doublequote=False, lineterminator='\\n')\nw.writerows(rows)\nreturn buf.getvalue()",
    samples: [[[["it's", 'a;b', 'c\\d', 'e,f']]], [[['x\ny']]]],
    imports: IMPORTS,
  },
  // quotechar=None is QUOTE_NONE: special characters are escaped, or the write raises csv.Error.
  {
    params: { rows: 'list[list[str]]', esc: 'str' },
    body: "buf = io.StringIO()\nw = csv.writer(buf, quotechar=None, escapechar=esc, lineterminator='\\n')\nw.writerows(rows)\nreturn buf.getvalue()",
    samples: [
      [[['a,b', 'c']], '\\'],
      [[['']], '\\'],
      [[['x\\y', 'q"r']], '\\'],
    ],
    imports: IMPORTS,
  },
  {
    params: { rows: 'list[list[str]]' },
    body: "buf = io.StringIO()\nw = csv.writer(buf, quotechar=None, lineterminator='\\n')\nw.writerows(rows)\nreturn buf.getvalue()",
    samples: [[[['a,b']]], [[['ok', 'fine']]], [[['']]]],
    imports: IMPORTS,
  },
  {
    params: { ids: 'list[int]', scores: 'list[float]', flags: 'list[bool]' },
    body: 'buf = io.StringIO()\nw = csv.writer(buf, lineterminator="\\n")\nn = w.writerow(ids)\nw.writerow(scores)\nw.writerow(flags)\nw.writerow((ids[0], "x", scores[0], None, flags[0]))\nw.writerows([(i, s) for i, s in zip(ids, scores)])\nreturn n, buf.getvalue()',
    samples: [
      [
        [1, -2, 30],
        [0.5, 1e-7, 2.0],
        [true, false, true],
      ],
    ],
    imports: IMPORTS,
  },
  {
    params: { xs: 'list[Optional[int]]' },
    body: 'buf = io.StringIO()\nw = csv.writer(buf)\nw.writerow(xs)\nw.writerow([None])\nreturn buf.getvalue()',
    samples: [[[1, null, 3]], [[]]],
    imports: [...IMPORTS, 'from typing import Optional'],
  },
];

defineOp({
  id: 'csv.writer',
  summary:
    'csv.writer(buf, delimiter=",", quotechar=\'"\', escapechar=None, doublequote=True, lineterminator="\\r\\n") over an io.StringIO() buffer',
  resolve: (args, kw): ResolveResult => {
    const b = bindWriter('csv.writer', ['csvfile'], args, kw);
    if ('error' in b) return b;
    return ok('csv.writer', WRITER, args, 'new', b.detail);
  },
  spell: { new: (c) => newWriter(c) },
  tests: writerTests,
});

defineOp({
  id: 'csv.writer.writerow',
  summary: 'writer.writerow(row): one record of str/int/float/bool/None fields; the characters written',
  resolve: (args, kw) => {
    const row = args[1];
    const code = row && rowCode(row, '__r');
    if (args.length !== 2 || kw.size > 0 || !code)
      return { error: 'writerow() takes one list or tuple of str, int, float, bool or None fields' };
    return ok('csv.writer.writerow', T.int, args, 'call', { row: code });
  },
  spell: { call: (c) => `{ let __r = {&1}; {&0}.writerow(${c.detail!.row as string})? }` },
  tests: [writerTests[0]!, writerTests[4]!, writerTests[5]!],
});

defineOp({
  id: 'csv.writer.writerows',
  summary: 'writer.writerows(rows): each row as writerow writes it',
  resolve: (args, kw) => {
    const rows = args[1];
    const item =
      rows && (rows.kind === 'list' || rows.kind === 'iter' || rows.kind === 'deque') ? rows.item : undefined;
    const code = item && rowCode(item, '__r');
    if (args.length !== 2 || kw.size > 0 || !code)
      return {
        error: 'writerows() takes a list of rows, each a list or tuple of str, int, float, bool or None fields',
      };
    return ok('csv.writer.writerows', T.none, args, 'call', { row: code });
  },
  spell: {
    call: (c) => `{&0}.writerows({iter1}.into_iter().map(|__r| { let __r = &__r; ${c.detail!.row as string} }))?`,
  },
  tests: [writerTests[1]!, writerTests[2]!, writerTests[3]!],
});

const dictWriterTests: OpTest[] = [
  {
    params: { rows: 'list[dict[str, str]]' },
    body: "buf = io.StringIO()\nw = csv.DictWriter(buf, fieldnames=['name', 'note'])\nw.writeheader()\nw.writerows(rows)\nreturn buf.getvalue()",
    samples: [[[{ name: 'ann', note: 'a, b' }, { note: 'x' }, {}]], [[]]],
    imports: IMPORTS,
  },
  {
    params: { rows: 'list[dict[str, float]]' },
    body: "buf = io.StringIO()\nw = csv.DictWriter(buf, ['k', 'v'], restval='NA', extrasaction='ignore', lineterminator='\\n', delimiter='\\t')\nfor r in rows:\n    w.writerow(r)\nreturn buf.getvalue()",
    samples: [[[{ k: 1.5, v: 2.0, z: 9.0 }, { v: -0.25 }]]],
    imports: IMPORTS,
  },
  {
    params: { row: 'dict[str, int]', extras: 'str' },
    body: "buf = io.StringIO()\nw = csv.DictWriter(buf, fieldnames=['a'], extrasaction=extras, restval=None)\nn = w.writeheader()\nw.writerow(row)\nreturn n, buf.getvalue()",
    samples: [
      [{ a: 1 }, 'raise'],
      [{ a: 1, b: 2 }, 'raise'],
      [{ b: 2 }, 'IGNORE'],
      [{ a: 1 }, 'skip'],
    ],
    imports: IMPORTS,
  },
];

defineOp({
  id: 'csv.DictWriter',
  summary:
    "csv.DictWriter(buf, fieldnames, restval='', extrasaction='raise', **fmtparams) over an io.StringIO() buffer",
  resolve: (args, kw): ResolveResult => {
    const rest = new Map(kw);
    const named = (name: string, pos: number): { t: Type; at: string } | undefined => {
      const t = kw.get(name);
      if (t) {
        rest.delete(name);
        return { t, at: `kw:${name}` };
      }
      return args[pos] ? { t: args[pos], at: String(pos) } : undefined;
    };
    const fieldnames = named('fieldnames', 1);
    const restval = named('restval', 2);
    const extras = named('extrasaction', 3);
    if (args.length > 4)
      return { error: 'csv.DictWriter takes the buffer, fieldnames, restval and extrasaction positionally' };
    const b = bindWriter('csv.DictWriter', ['f'], args.slice(0, 1), rest);
    if ('error' in b) return b;
    if (!fieldnames) return { error: 'csv.DictWriter needs fieldnames' };
    const f = fieldnames.t;
    if (!((f.kind === 'list' || (f.kind === 'iter' && f.source === 'dict_keys')) && f.item.kind === 'str'))
      return { error: `fieldnames must be a list of str, not ${typeToString(f)}` };
    if (restval && !isField(restval.t))
      return { error: `restval must be a str, number or None, not ${typeToString(restval.t)}` };
    if (extras && extras.t.kind !== 'str') return { error: "extrasaction must be 'raise' or 'ignore'" };
    const detail: Record<string, string> = {
      ...b.detail,
      fieldnames: `{${fieldnames.at}}`,
      restval: restval ? `rt::csv::field(&{${restval.at}})` : 'Some(String::new())',
      extras: extras ? `{&${extras.at}}` : '"raise"',
    };
    return ok('csv.DictWriter', DICT_WRITER, args, 'new', detail);
  },
  spell: {
    new: (c) => {
      const d = c.detail!;
      return `rt::csv::DictWriter::new(${at(d.buf as string, '&')}, ${d.fieldnames as string}, ${d.restval as string}, ${d.extras as string}, &${dialect(c)}, ${d.term ? at(d.term as string, '&') : '"\\r\\n"'})?`;
    },
  },
  tests: dictWriterTests,
});

defineOp({
  id: 'csv.DictWriter.writeheader',
  summary: 'writer.writeheader(): the field names as a record; the characters written',
  resolve: (args, kw) =>
    args.length === 1 && kw.size === 0
      ? ok('csv.DictWriter.writeheader', T.int, args, 'call')
      : { error: 'writeheader() takes no arguments' },
  spell: { call: () => '{&0}.writeheader()?' },
  tests: dictWriterTests,
});

const dictRow = (t: Type | undefined): boolean => t?.kind === 'dict' && t.key.kind === 'str' && isField(t.value);

defineOp({
  id: 'csv.DictWriter.writerow',
  summary:
    "writer.writerow(d): d's values in fieldnames order (restval for a missing one; an extra key raises ValueError unless extrasaction='ignore')",
  resolve: (args, kw) =>
    args.length === 2 && kw.size === 0 && dictRow(args[1])
      ? ok('csv.DictWriter.writerow', T.int, args, 'call')
      : { error: 'writerow() takes a dict of str keys and str, int, float, bool or None values' },
  spell: { call: () => '{&0}.writerow({&1})?' },
  tests: dictWriterTests,
});

defineOp({
  id: 'csv.DictWriter.writerows',
  summary: 'writer.writerows(rows): each dict as writerow writes it',
  resolve: (args, kw) =>
    args.length === 2 && kw.size === 0 && args[1]!.kind === 'list' && dictRow(args[1].item)
      ? ok('csv.DictWriter.writerows', T.none, args, 'call')
      : { error: 'writerows() takes a list of dicts of str keys and str, int, float, bool or None values' },
  spell: { call: () => '{&0}.writerows({&1}.iter())?' },
  tests: dictWriterTests,
});
