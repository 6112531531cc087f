/**
 * The csv module's reading side and `io.StringIO` as csv reads it: `csv.reader(lines, **fmtparams)`,
 * `csv.DictReader(lines, fieldnames=None, restval=None, **fmtparams)` and `io.StringIO(text)` (an iterator of
 * its lines, each with its `\n`). Input: argument types from infer; output: op choices spelled as calls of the
 * runtime's `rt::csv`, a port of CPython 3.11's `_csv.c` reader and `csv.py`'s DictReader. The rows are read
 * eagerly (iter() iterators over the list of them). Writing (`csv.writer`, `DictWriter`, `io.StringIO()` written to) is in
 * csv_write.ts. `quoting=`,
 * named dialects and a DictReader `restkey=` are not supported: their calls are diagnostics. A DictReader row longer
 * than its field names, whose extra fields CPython puts under the key None, raises ValueError saying so (a dict of
 * str keys cannot hold that key).
 */
import { T, type Type, typeToString } from '../../types/types';
import type { OpChoice } from '../../ir/choice';
import { defineOp, type OpTest, type ResolveResult } from '../registry';
import { bindArgs } from './numpy';
import { iterItem } from '../../types/types';

const IMPORTS = ['import csv', 'import io'];
/** `io.StringIO()`: a text buffer written to (its methods and the csv writers are in csv_write.ts). */
export const TEXT_BUFFER = T.opaque('io.StringIO', 'rt::csv::TextBuffer');
/**
 * The results are iterators as iter() makes them (a list drawn from the front), so `next(reader)` takes the header
 * and a later `for row in reader` continues after it, as CPython's reader objects do.
 */
const ITER = 'builtins.iter';

/** The format parameters the reader takes, by the kind of value each accepts. */
export const FMT: [string, 'char' | 'optchar' | 'bool'][] = [
  ['delimiter', 'char'],
  ['quotechar', 'optchar'],
  ['escapechar', 'optchar'],
  ['doublequote', 'bool'],
  ['skipinitialspace', 'bool'],
  ['strict', 'bool'],
];

/**
 * Binds the lines and the format parameters; the choice's detail says where each given parameter was passed
 * (`fmt.<name>`) and whether it is None (`none.<name>`).
 */
function bindReader(
  id: string,
  leading: string[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
): { detail: Record<string, string>; bound: Map<string, { t: Type; at: string }> } | { error: string } {
  const unsupported = ['quoting', 'dialect', 'lineterminator'].find((k) => kw.has(k));
  if (unsupported)
    return {
      error: `\`${id}\` with \`${unsupported}=\` is not supported; the excel dialect with delimiter, quotechar, escapechar, doublequote, skipinitialspace and strict is`,
    };
  const b = bindArgs(id, [...leading, ...FMT.map(([n]) => n)], args, kw);
  if ('error' in b) return b;
  const lines = b.get(leading[0]!);
  if (!lines || lines.at !== '0') return { error: `\`${id}\` takes the lines first` };
  const item = iterItem(lines.t);
  if (!item || item.kind !== 'str')
    return {
      error: `\`${id}\` reads an iterable of str lines (a list of lines, \`text.splitlines()\`, \`io.StringIO(text)\`), not ${typeToString(lines.t)}`,
    };
  const detail: Record<string, string> = {};
  for (const [name, kind] of FMT) {
    const got = b.get(name);
    if (!got) continue;
    const ok =
      kind === 'bool' ? got.t.kind === 'bool' : got.t.kind === 'str' || (kind === 'optchar' && got.t.kind === 'none');
    if (!ok)
      return {
        error: `\`${name}\` must be ${kind === 'bool' ? 'a bool' : kind === 'char' ? 'a 1-character str' : 'a 1-character str or None'}, not ${typeToString(got.t)}`,
      };
    detail[`fmt.${name}`] = got.at;
    if (got.t.kind === 'none') detail[`none.${name}`] = 'y';
  }
  return { detail, bound: b };
}

/** The Rust of the dialect a choice's detail describes. */
export function dialect(c: OpChoice): string {
  let code = 'rt::csv::Dialect::default()';
  for (const [name, kind] of FMT) {
    const at = c.detail?.[`fmt.${name}`] as string | undefined;
    if (at === undefined) continue;
    const v = `{${at}}`;
    if (kind === 'bool') code = `${code}.${name}(${v})`;
    else if (kind === 'char') code = `${code}.${name}(&${v})?`;
    else code = c.detail?.[`none.${name}`] ? `${code}.${name}(None)?` : `${code}.${name}(Some(&${v}))?`;
  }
  return code;
}

defineOp({
  id: 'io.StringIO',
  summary:
    'io.StringIO(text) read as its lines (each with its `\\n`), as csv.reader and a `for` loop read it; io.StringIO() a buffer to write',
  resolve: (args, kw): ResolveResult => {
    // `io.StringIO()`: an empty buffer to write into (csv_write.ts).
    if (args.length === 0 && kw.size === 0)
      return { entry: 'io.StringIO', overload: '', result: TEXT_BUFFER, params: [], variant: 'buffer' };
    if (args.length !== 1 || kw.size > 0 || args[0]!.kind !== 'str')
      return {
        error:
          'io.StringIO is supported as the lines of a text (io.StringIO(text)) and as an empty buffer written to (io.StringIO()); other forms are not',
      };
    return {
      entry: 'io.StringIO',
      overload: 'str',
      result: T.iter(T.str, ITER),
      params: [T.str],
      variant: 'lines',
    };
  },
  spell: { lines: () => 'rt::csv::string_lines({&0})', buffer: () => 'rt::csv::TextBuffer::new()' },
  tests: [
    {
      params: { s: 'str' },
      body: 'return [line for line in io.StringIO(s)]',
      samples: [['a\nb\r\nc'], [''], ['x\n\n'], ['\u2028y\n']],
      imports: IMPORTS,
    },
  ],
});

const readerTests: OpTest[] = [
  {
    params: { s: 'str' },
    expr: 'list(csv.reader(io.StringIO(s)))',
    samples: [
      ['a,b,c\n1,2,3\n'],
      ['name,quote\nann,"said ""hi"", left"\n'],
      ['"multi\nline",x\ny,z'],
      ['a,b\r\n\r\nc,d\r\n'],
      ['x,,y,\n,\n'],
      ['"open'],
      ['a"b,"c"d,e'],
      [''],
    ],
    imports: IMPORTS,
  },
  {
    params: { lines: 'list[str]' },
    expr: "[row for row in csv.reader(lines, delimiter=';', skipinitialspace=True)]",
    samples: [[['a; b;  c', '', '"x;y"; z']], [[]]],
    imports: IMPORTS,
  },
  {
    params: { s: 'str', q: 'str' },
    expr: "list(csv.reader(s.splitlines(), quotechar=q, escapechar='\\\\', doublequote=False))",
    samples: [
      ["'a,b',c\\,d", "'"],
      ['"x\\"y",z', '"'],
      ['a\\\nb', '"'],
    ],
    imports: IMPORTS,
  },
  {
    params: { s: 'str' },
    expr: "list(csv.reader(s.splitlines(), quotechar=None, delimiter='\\t'))",
    samples: [['"a"\tb\n1\t"2'], ['x']],
    imports: IMPORTS,
  },
  {
    params: { s: 'str' },
    body: 'reader = csv.reader(io.StringIO(s))\nheader = next(reader)\nrows = [dict(zip(header, r)) for r in reader]\nreturn header, rows, next(csv.reader(s.splitlines()), None), next(iter([s]))',
    samples: [['k,v\na,1\nb,2\n'], ['k,v\n'], ['']],
    imports: IMPORTS,
  },
  {
    params: { s: 'str' },
    body: 'f = io.StringIO(s)\nfirst = next(f, "")\nreturn first, [line.rstrip() for line in f]',
    samples: [['# header\nx\ny'], ['']],
    imports: IMPORTS,
  },
  {
    params: { s: 'str', d: 'str' },
    expr: 'list(csv.reader([s], delimiter=d))',
    samples: [
      ['a|b', '|'],
      ['a,b', '||'],
    ],
    imports: IMPORTS,
  },
  {
    params: { s: 'str' },
    expr: 'list(csv.reader(s.splitlines(), strict=True))',
    samples: [['a,"b"c'], ['"a",b'], ['"open']],
    imports: IMPORTS,
  },
];

defineOp({
  id: 'csv.reader',
  summary:
    'csv.reader(lines, delimiter=",", quotechar=\'"\', escapechar=None, doublequote=True, skipinitialspace=False, strict=False): the records as lists of str',
  resolve: (args, kw): ResolveResult => {
    const b = bindReader('csv.reader', ['csvfile'], args, kw);
    if ('error' in b) return b;
    return {
      entry: 'csv.reader',
      overload: args.map(typeToString).join(', '),
      result: T.iter(T.list(T.str), ITER),
      params: args,
      variant: 'rows',
      detail: b.detail,
    };
  },
  spell: {
    rows: (c) => `rt::csv::reader({iter0}.into_iter().map(String::from), &${dialect(c)})?`,
  },
  tests: readerTests,
});

defineOp({
  id: 'csv.DictReader',
  summary:
    'csv.DictReader(lines, fieldnames=None, restval=None, **fmtparams): each non-empty record as a dict of its field names (missing fields restval, so Optional[str] values unless restval is a str)',
  resolve: (args, kw): ResolveResult => {
    if (kw.has('restkey') && kw.get('restkey')!.kind !== 'none')
      return { error: 'csv.DictReader with a restkey is not supported (its values would be lists among strs)' };
    const rest = new Map(kw);
    rest.delete('restkey');
    const restval = rest.get('restval');
    const fieldnames = rest.get('fieldnames') ?? (args.length > 1 ? args[1] : undefined);
    rest.delete('restval');
    rest.delete('fieldnames');
    const lines = args.slice(0, 1);
    const b = bindReader('csv.DictReader', ['f'], lines, rest);
    if ('error' in b) return b;
    if (args.length > 2) return { error: 'csv.DictReader takes the lines and the field names positionally' };
    if (
      fieldnames &&
      fieldnames.kind !== 'none' &&
      !(fieldnames.kind === 'list' && fieldnames.item.kind === 'str') &&
      !(fieldnames.kind === 'tuple' && fieldnames.items.every((t) => t.kind === 'str'))
    )
      return { error: `fieldnames must be a list of str, not ${typeToString(fieldnames)}` };
    if (restval && restval.kind !== 'none' && restval.kind !== 'str')
      return { error: `restval must be a str or None here, not ${typeToString(restval)}` };
    const value = restval?.kind === 'str' ? T.str : T.optional(T.str);
    const detail: Record<string, string> = { ...b.detail };
    if (fieldnames && fieldnames.kind !== 'none') {
      detail.fieldnames = kw.has('fieldnames') ? 'kw:fieldnames' : '1';
      detail.fieldnamesTuple = fieldnames.kind === 'tuple' ? String(fieldnames.items.length) : '';
    }
    if (restval?.kind === 'str') detail.restval = 'kw:restval';
    return {
      entry: 'csv.DictReader',
      overload: args.map(typeToString).join(', '),
      result: T.iter(T.dict(T.str, value), ITER),
      params: args,
      variant: 'dicts',
      detail,
    };
  },
  spell: {
    dicts: (c) => {
      const at = c.detail?.fieldnames as string | undefined;
      const n = c.detail?.fieldnamesTuple as string | undefined;
      const names =
        at === undefined
          ? 'None'
          : n
            ? `{ let __f = {${at}}; Some(vec![${Array.from({ length: Number(n) }, (_, i) => `__f.${i}`).join(', ')}]) }`
            : `Some({${at}})`;
      const rv = c.detail?.restval as string | undefined;
      const rest = rv ? `({${rv}}).to_string(), |__s: String| __s` : 'None::<String>, |__s: String| Some(__s)';
      return `rt::csv::dict_reader({iter0}.into_iter().map(String::from), ${names}, ${rest}, &${dialect(c)})?`;
    },
  },
  tests: [
    {
      params: { s: 'str' },
      expr: 'list(csv.DictReader(io.StringIO(s)))',
      samples: [['name,age\nAnn,30\n"Smith, J",41\n'], ['a,b,c\n1,2\n\n4,5,6\n'], ['a,a\n1,2\n'], [''], ['h\n']],
      imports: IMPORTS,
    },
    {
      params: { lines: 'list[str]' },
      expr: "[dict(r) for r in csv.DictReader(lines, fieldnames=['x', 'y'], restval='-', delimiter='|')]",
      samples: [[['1|2', '3', '', '4|5']]],
      imports: IMPORTS,
    },
    {
      params: { lines: 'list[str]' },
      body: "total = 0.0\nfor row in csv.DictReader(lines, ('k', 'v')):\n    total += float(row['v'] or 0)\nreturn total",
      samples: [[['a,1.5', 'b,', 'c,2']], [['a']]],
      deviation:
        'a row with more fields than field names raises ValueError naming the cause, where CPython puts the extra fields in a list under the key None (a dict of str keys cannot hold it)',
      imports: IMPORTS,
    },
  ],
});
