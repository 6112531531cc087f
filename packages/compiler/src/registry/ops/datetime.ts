/**
 * The datetime family: Python's `datetime` module as whole classes (`date`, `datetime`, `time`,
 * `timedelta`, fixed-offset `timezone`): constructors with CPython's validation errors, class
 * constants and alternate constructors (`fromisoformat`, `strptime`, `fromtimestamp`, ...),
 * attributes, methods, and the operators between them (arithmetic, ordering, `abs`, `divmod`).
 * Input: argument types from infer; output: op choices spelled as calls of the runtime's
 * `rt::datetime` module, which repeats CPython's `_pydatetime` arithmetic, glibc's `strftime`
 * and `_strptime`. These values have no value JSON form (the contract is fixed), so they live
 * inside a function; an entry's parameter or result of these types is rejected in lower/infer.
 */
import { DATETIME_TYPES, T, type Type, typeToString } from '../../types/types';
import { defineOp, extendOp, type OpTest, type ResolveResult } from '../registry';
import type { OpChoice } from '../../ir/choice';
import { bindArgs, ok } from './numpy';

const DATE = DATETIME_TYPES['datetime.date']!;
const DATETIME = DATETIME_TYPES['datetime.datetime']!;
const TIME = DATETIME_TYPES['datetime.time']!;
const TD = DATETIME_TYPES['datetime.timedelta']!;
const TZ = DATETIME_TYPES['datetime.timezone']!;

const IMPORTS = ['from datetime import date, datetime, time, timedelta, timezone'];
const is = (t: Type | undefined, want: Type): boolean =>
  t?.kind === 'opaque' && want.kind === 'opaque' && t.name === want.name;
const isTd = (t: Type | undefined): boolean => is(t, TD);

/** How an argument is taken: its accepted types and its Rust (from the owned and borrowed placeholders). */
type Kind = 'int' | 'num' | 'float' | 'str' | 'date' | 'datetime' | 'time' | 'td' | 'tz' | 'tzopt' | 'dtopt';
const KIND_TYPES: Record<Kind, (t: Type) => boolean> = {
  int: (t) => t.kind === 'int' || t.kind === 'bool',
  num: (t) => t.kind === 'int' || t.kind === 'bool' || t.kind === 'float',
  float: (t) => t.kind === 'int' || t.kind === 'bool' || t.kind === 'float',
  str: (t) => t.kind === 'str',
  date: (t) => is(t, DATE),
  datetime: (t) => is(t, DATETIME),
  time: (t) => is(t, TIME),
  td: (t) => is(t, TD),
  tz: (t) => is(t, TZ),
  tzopt: (t) => is(t, TZ) || t.kind === 'none' || (t.kind === 'optional' && is(t.item, TZ)),
  dtopt: (t) => is(t, DATETIME) || t.kind === 'none' || (t.kind === 'optional' && is(t.item, DATETIME)),
};
const KIND_NAMES: Record<Kind, string> = {
  int: 'int',
  num: 'int or float',
  float: 'int or float',
  str: 'str',
  date: 'datetime.date',
  datetime: 'datetime.datetime',
  time: 'datetime.time',
  td: 'datetime.timedelta',
  tz: 'datetime.timezone',
  tzopt: 'datetime.timezone or None',
  dtopt: 'datetime.datetime or None',
};

/** A parameter: name, kind, and the Rust of its default (undefined: required). */
type Param = [string, Kind, string?];

/** The Rust of a bound argument of this kind (the spelling's placeholders for where it was passed). */
function rustArg(kind: Kind, at: string, t: Type): string {
  switch (kind) {
    case 'int':
      return `({${at}} as i64)`;
    case 'num':
      return `rt::datetime::Num::from({${at}})`;
    case 'float':
      return `({${at}} as f64)`;
    case 'str':
      return `{&${at}}`;
    case 'tz':
      return `{${at}}`;
    // Fixed offsets do not depend on the datetime they are asked about.
    case 'dtopt':
      return '()';
    case 'tzopt':
      return t.kind === 'none' ? 'None' : t.kind === 'optional' ? `{${at}}` : `Some({${at}})`;
    default:
      return `{&${at}}`;
  }
}

/**
 * Binds a call to named parameters and returns a choice whose `detail.args` holds each
 * parameter's Rust (or undefined when omitted), which `build` turns into the call.
 */
function bindCall(
  id: string,
  params: Param[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  result: Type,
  variant: string,
  positional = params.length,
): ResolveResult {
  const b = bindArgs(
    id,
    params.map((p) => p[0]),
    args,
    kw,
  );
  if ('error' in b) return b;
  if (args.length > positional) return { error: `\`${id}\` takes at most ${positional} positional arguments` };
  const rust: Record<string, string> = {};
  for (const [name, kind, dflt] of params) {
    const got = b.get(name);
    if (!got) {
      if (dflt === undefined) return { error: `\`${id}\` is missing the argument \`${name}\`` };
      continue;
    }
    if (!KIND_TYPES[kind](got.t))
      return { error: `\`${name}\` must be ${KIND_NAMES[kind]}, not ${typeToString(got.t)}` };
    rust[`arg.${name}`] = rustArg(kind, got.at, got.t);
  }
  return ok(id, result, args, variant, rust);
}

/** The Rust of a parameter's argument, or `dflt` when it was omitted. */
const given = (c: OpChoice, name: string): string | undefined => c.detail?.[`arg.${name}`] as string | undefined;
const argOf = (c: OpChoice, name: string, dflt: string): string => given(c, name) ?? dflt;
/** An argument as `Some(x)` when given and `None` when omitted (for `replace`). */
const optArg = (c: OpChoice, name: string): string => {
  const r = given(c, name);
  return r === undefined ? 'None' : `Some(${r})`;
};

interface Spec {
  id: string;
  summary: string;
  params: Param[];
  positional?: number;
  result: Type;
  /** The Rust of the call, from the choice (arguments through `argOf`/`optArg`). */
  rust: (c: OpChoice) => string;
  tests: OpTest[];
}

/** A function of the module (a constructor, a class method): all its arguments are parameters. */
function defineCall(s: Spec): void {
  defineOp({
    id: s.id,
    summary: s.summary,
    resolve: (args, kw) => bindCall(s.id, s.params, args, kw, s.result, 'call', s.positional),
    spell: { call: s.rust },
    tests: s.tests,
  });
}

const test = (params: Record<string, string>, expr: string, samples: unknown[][]): OpTest => ({
  params,
  expr,
  samples,
  imports: IMPORTS,
});

// ---- Constructors --------------------------------------------------------------------------

const TIME_PARAMS: Param[] = [
  ['hour', 'int', '0i64'],
  ['minute', 'int', '0i64'],
  ['second', 'int', '0i64'],
  ['microsecond', 'int', '0i64'],
  ['tzinfo', 'tzopt', 'None'],
  ['fold', 'int', '0i64'],
];

defineCall({
  id: 'datetime.date',
  summary: 'date(year, month, day), ValueError as CPython for out-of-range fields',
  params: [
    ['year', 'int'],
    ['month', 'int'],
    ['day', 'int'],
  ],
  result: DATE,
  rust: (c) => `rt::datetime::Date::new(${argOf(c, 'year', '')}, ${argOf(c, 'month', '')}, ${argOf(c, 'day', '')})?`,
  tests: [
    test({ y: 'int', m: 'int', d: 'int' }, 'repr(date(y, m, d))', [
      [2024, 2, 29],
      [2023, 2, 29],
      [0, 1, 1],
      [10000, 1, 1],
      [9999, 12, 31],
      [1, 1, 1],
      [2024, 13, 1],
      [2024, 4, 31],
    ]),
    test({ y: 'int' }, 'str(date(year=y, month=12, day=31))', [[1999], [5]]),
  ],
});

defineCall({
  id: 'datetime.datetime',
  summary: 'datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)',
  params: [['year', 'int'], ['month', 'int'], ['day', 'int'], ...TIME_PARAMS],
  positional: 8,
  result: DATETIME,
  rust: (c) =>
    `rt::datetime::DateTime::new(${['year', 'month', 'day'].map((n) => argOf(c, n, '')).join(', ')}, ${TIME_PARAMS.map(
      ([n, , d]) => argOf(c, n, d!),
    ).join(', ')})?`,
  tests: [
    test({ y: 'int', h: 'int', s: 'int', us: 'int' }, 'repr(datetime(y, 1, 5, h, 0, s, us))', [
      [2024, 0, 0, 0],
      [2024, 13, 5, 7],
      [2024, 24, 0, 0],
      [2024, 1, 60, 0],
      [2024, 1, 2, 1000000],
      [9999, 23, 59, 999999],
    ]),
    test({ h: 'int' }, 'repr(datetime(2024, 1, 5, h, tzinfo=timezone.utc))', [[3]]),
    test({ h: 'int' }, 'str(datetime(2024, 1, 5, h, 30, tzinfo=timezone(timedelta(hours=-5))))', [[3]]),
    test({ f: 'int' }, 'repr(datetime(2024, 1, 5, fold=f))', [[1], [2]]),
  ],
});

defineCall({
  id: 'datetime.time',
  summary: 'time(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)',
  params: TIME_PARAMS,
  positional: 5,
  result: TIME,
  rust: (c) => `rt::datetime::Time::new(${TIME_PARAMS.map(([n, , d]) => argOf(c, n, d!)).join(', ')})?`,
  tests: [
    test({ h: 'int', m: 'int', s: 'int', us: 'int' }, '(repr(time(h, m, s, us)), str(time(h, m, s, us)))', [
      [0, 0, 0, 0],
      [13, 5, 0, 0],
      [13, 5, 7, 40],
      [13, 60, 0, 0],
      [-1, 0, 0, 0],
    ]),
    test({ h: 'int' }, 'repr(time(h, tzinfo=timezone.utc))', [[3]]),
  ],
});

const TD_PARAMS: Param[] = [
  ['days', 'num', 'rt::datetime::Num::I(0)'],
  ['seconds', 'num', 'rt::datetime::Num::I(0)'],
  ['microseconds', 'num', 'rt::datetime::Num::I(0)'],
  ['milliseconds', 'num', 'rt::datetime::Num::I(0)'],
  ['minutes', 'num', 'rt::datetime::Num::I(0)'],
  ['hours', 'num', 'rt::datetime::Num::I(0)'],
  ['weeks', 'num', 'rt::datetime::Num::I(0)'],
];
defineCall({
  id: 'datetime.timedelta',
  summary: 'timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks), ints or floats, normalised',
  params: TD_PARAMS,
  result: TD,
  rust: (c) => `rt::datetime::TimeDelta::new(${TD_PARAMS.map(([n, , d]) => argOf(c, n, d!)).join(', ')})?`,
  tests: [
    test({ d: 'int', s: 'int', us: 'int' }, '(repr(timedelta(d, s, us)), str(timedelta(d, s, us)))', [
      [0, 0, 0],
      [-1, 5, 0],
      [2, 0, 500],
      [0, 0, -1],
      [0, 90061, 0],
      [999999999, 86399, 999999],
      [1000000000, 0, 0],
      [-999999999, -1, 0],
    ]),
    test({ h: 'float', m: 'int' }, 'repr(timedelta(hours=h, minutes=m))', [
      [1.5, 0],
      [-0.25, 30],
      [0.1, 0],
      [1e-10, 1],
    ]),
    test({ x: 'float' }, 'repr(timedelta(days=x, seconds=x, microseconds=x, milliseconds=x, weeks=x))', [
      [2.5],
      [0.5],
      [-1.75],
    ]),
    test({ w: 'int' }, 'str(timedelta(weeks=w, milliseconds=1))', [[3], [-3]]),
  ],
});

defineCall({
  id: 'datetime.timezone',
  summary: 'timezone(offset, name=None): a fixed offset strictly within a day',
  params: [
    ['offset', 'td'],
    ['name', 'str', 'None'],
  ],
  result: TZ,
  rust: (c) => {
    const name = given(c, 'name');
    return `rt::datetime::TimeZone::new(*${argOf(c, 'offset', '')}, ${name ? `Some((${name}).to_string())` : 'None'})?`;
  },
  tests: [
    test({ m: 'int' }, '(repr(timezone(timedelta(minutes=m))), str(timezone(timedelta(minutes=m))))', [
      [0],
      [60],
      [-330],
      [1440],
      [-1439],
    ]),
    test({ n: 'str' }, '(repr(timezone(timedelta(hours=1), n)), str(timezone(timedelta(hours=1), n)))', [
      ['CET'],
      [''],
    ]),
  ],
});

// ---- Class constants -----------------------------------------------------------------------

for (const [id, type, rust] of [
  ['datetime.date.min', DATE, 'rt::datetime::Date::min()'],
  ['datetime.date.max', DATE, 'rt::datetime::Date::max()'],
  [
    'datetime.date.resolution',
    TD,
    'rt::datetime::TimeDelta::new(rt::datetime::Num::I(1), rt::datetime::Num::I(0), rt::datetime::Num::I(0), rt::datetime::Num::I(0), rt::datetime::Num::I(0), rt::datetime::Num::I(0), rt::datetime::Num::I(0))?',
  ],
  ['datetime.datetime.min', DATETIME, 'rt::datetime::DateTime::min()'],
  ['datetime.datetime.max', DATETIME, 'rt::datetime::DateTime::max()'],
  ['datetime.datetime.resolution', TD, 'rt::datetime::TimeDelta::resolution()'],
  ['datetime.time.min', TIME, 'rt::datetime::Time::min()'],
  ['datetime.time.max', TIME, 'rt::datetime::Time::max()'],
  ['datetime.time.resolution', TD, 'rt::datetime::TimeDelta::resolution()'],
  ['datetime.timedelta.min', TD, 'rt::datetime::TimeDelta::min()'],
  ['datetime.timedelta.max', TD, 'rt::datetime::TimeDelta::max()'],
  ['datetime.timedelta.resolution', TD, 'rt::datetime::TimeDelta::resolution()'],
  ['datetime.timezone.utc', TZ, 'rt::datetime::TimeZone::utc()'],
  ['datetime.UTC', TZ, 'rt::datetime::TimeZone::utc()'],
  ['datetime.MINYEAR', T.int, '1i64'],
  ['datetime.MAXYEAR', T.int, '9999i64'],
] as const) {
  const py = id.replace(/^datetime\.(?=[a-z])/, '');
  const expr = id.startsWith('datetime.M')
    ? `dt.${id.slice(9)}`
    : id === 'datetime.UTC'
      ? 'repr(dt.UTC)'
      : `repr(${py})`;
  defineOp({
    id,
    summary: `${py}: ${rust.replace(/^rt::datetime::/, '')}`,
    resolve: (args) => (args.length === 0 ? ok(id, type, [], 'constant') : { error: `${py} takes no arguments` }),
    spell: { constant: () => rust },
    tests: [{ params: {}, expr, samples: [[]], imports: [...IMPORTS, 'import datetime as dt'] }],
  });
}

// ---- Alternate constructors ----------------------------------------------------------------

defineCall({
  id: 'datetime.date.fromordinal',
  summary: 'date.fromordinal(n), n >= 1',
  params: [['ordinal', 'int']],
  result: DATE,
  rust: (c) => `rt::datetime::Date::fromordinal(${argOf(c, 'ordinal', '')})?`,
  tests: [test({ n: 'int' }, 'repr(date.fromordinal(n))', [[1], [738890], [3652059], [3652060], [0], [730120]])],
});
defineCall({
  id: 'datetime.datetime.fromordinal',
  summary: 'datetime.fromordinal(n)',
  params: [['ordinal', 'int']],
  result: DATETIME,
  rust: (c) => `rt::datetime::DateTime::fromordinal(${argOf(c, 'ordinal', '')})?`,
  tests: [test({ n: 'int' }, 'repr(datetime.fromordinal(n))', [[1], [738890], [0]])],
});
for (const [cls, type, rust] of [
  ['date', DATE, 'Date'],
  ['datetime', DATETIME, 'DateTime'],
] as const) {
  defineCall({
    id: `datetime.${cls}.fromisocalendar`,
    summary: `${cls}.fromisocalendar(year, week, day)`,
    params: [
      ['year', 'int'],
      ['week', 'int'],
      ['day', 'int'],
    ],
    result: type,
    rust: (c) =>
      `rt::datetime::${rust}::fromisocalendar(${argOf(c, 'year', '')}, ${argOf(c, 'week', '')}, ${argOf(c, 'day', '')})?`,
    tests: [
      test({ y: 'int', w: 'int', d: 'int' }, `repr(${cls}.fromisocalendar(y, w, d))`, [
        [2024, 1, 1],
        [2020, 53, 7],
        [2021, 53, 1],
        [2024, 0, 1],
        [2024, 10, 8],
        [1, 1, 1],
        [0, 1, 1],
      ]),
    ],
  });
}

const ISO_DATES = [
  ['2024-01-05'],
  ['20240105'],
  ['2024-1-5'],
  ['2024-W01-2'],
  ['2024W012'],
  ['2024-W01'],
  ['2024-02-30'],
  ['2024-01-05T00'],
  [''],
  ['0000-01-01'],
];
defineCall({
  id: 'datetime.date.fromisoformat',
  summary: 'date.fromisoformat(s): the ISO 8601 forms CPython 3.11 accepts (extended, basic, week dates)',
  params: [['date_string', 'str']],
  result: DATE,
  rust: (c) => `rt::datetime::Date::fromisoformat(${argOf(c, 'date_string', '')})?`,
  tests: [test({ s: 'str' }, 'repr(date.fromisoformat(s))', ISO_DATES)],
});
defineCall({
  id: 'datetime.datetime.fromisoformat',
  summary: 'datetime.fromisoformat(s): dates, any separator, times with fractions and UTC offsets as 3.11 accepts',
  params: [['date_string', 'str']],
  result: DATETIME,
  rust: (c) => `rt::datetime::DateTime::fromisoformat(${argOf(c, 'date_string', '')})?`,
  tests: [
    test({ s: 'str' }, 'repr(datetime.fromisoformat(s))', [
      ...ISO_DATES,
      ['2024-01-05 12:30:45.5+05:30'],
      ['2024-01-05T12'],
      ['2024-01-05T12:30:45,1234567'],
      ['2024-01-05X12:30'],
      ['2024-01-05T1230'],
      ['2024-01-05T12:30+0530'],
      ['2024-01-05T24:00'],
      ['2024-01-05T12:30:45.'],
      ['20240105T1230Z'],
      ['2024W017T12'],
      ['2024-01-05 '],
      ['2024-01-05T12:30:45+05'],
      ['2024-01-05T12:30:45-00:30:15.25'],
      ['2024-01-05T12:3'],
      ['2024-01-05T12:30:45.123456Z'],
    ]),
  ],
});
defineCall({
  id: 'datetime.time.fromisoformat',
  summary: 'time.fromisoformat(s), a leading T allowed as in 3.11',
  params: [['time_string', 'str']],
  result: TIME,
  rust: (c) => `rt::datetime::Time::fromisoformat(${argOf(c, 'time_string', '')})?`,
  tests: [
    test({ s: 'str' }, 'repr(time.fromisoformat(s))', [
      ['12:30'],
      ['T12:30'],
      ['12:30:45.123Z'],
      ['123045'],
      ['12:30:45+01:00'],
      ['25:00'],
      ['12:30:'],
      [''],
    ]),
  ],
});

defineCall({
  id: 'datetime.datetime.strptime',
  summary:
    'datetime.strptime(s, format) as _strptime matches in the C locale: every directive, case-insensitive names, %z offsets, ValueError as CPython',
  params: [
    ['date_string', 'str'],
    ['format', 'str'],
  ],
  result: DATETIME,
  rust: (c) => `rt::datetime::DateTime::strptime(${argOf(c, 'date_string', '')}, ${argOf(c, 'format', '')})?`,
  tests: [
    test({ s: 'str', f: 'str' }, 'repr(datetime.strptime(s, f))', [
      ['2024-01-05', '%Y-%m-%d'],
      ['2024-01-05x', '%Y-%m-%d'],
      ['2024-13-05', '%Y-%m-%d'],
      ['2024-02-30', '%Y-%m-%d'],
      ['2024', '%Y-%'],
      ['2024', '%Y %Q'],
      ['Fri Jan  5 13:04:05 2024', '%c'],
      ['5 pm', '%I %p'],
      ['12 AM', '%I %p'],
      ['2024-01-05T10:00:00+0530', '%Y-%m-%dT%H:%M:%S%z'],
      ['2024-01-05T10:00:00-05:30:10.5', '%Y-%m-%dT%H:%M:%S%z'],
      ['2024-01-05T10:00:00Z', '%Y-%m-%dT%H:%M:%S%z'],
      ['2024 1 0', '%Y %W %w'],
      ['2024 0 3', '%Y %U %w'],
      ['12 UTC', '%H %Z'],
      ['%d', '%%d'],
      ['2024-01-05', '%Y-%m-%d %H'],
      ['  2024 - 01', '%Y - %m'],
      ['05/Jan/2024:13:55:36', '%d/%b/%Y:%H:%M:%S'],
      ['Friday, JANUARY 05 24', '%A, %B %d %y'],
      ['70-1-1', '%y-%m-%d'],
      ['12:30:45.123', '%H:%M:%S.%f'],
      ['2024 060', '%Y %j'],
      ['2024 53 5', '%G %V %u'],
      ['2024 5', '%G %u'],
      ['2024 5 3', '%Y %V %u'],
      ['Feb 29', '%b %d'],
      ['2024-01-05 é', '%Y-%m-%d é'],
      ['1/2/2024', '%m/%d/%Y'],
      ['Tue 2024-01-05', '%a %Y-%m-%d'],
    ]),
  ],
});

defineCall({
  id: 'datetime.datetime.fromtimestamp',
  summary: 'datetime.fromtimestamp(ts, tz=None); a naive result is in the local zone, taken as UTC (CI and servers)',
  params: [
    ['timestamp', 'float'],
    ['tz', 'tzopt', 'None'],
  ],
  result: DATETIME,
  rust: (c) => `rt::datetime::DateTime::fromtimestamp(${argOf(c, 'timestamp', '')}, ${argOf(c, 'tz', 'None')})?`,
  tests: [
    test({ t: 'float' }, 'repr(datetime.fromtimestamp(t, tz=timezone.utc))', [
      [1700000000.5],
      [0.0],
      [-1.25],
      [1e11],
      [1.0000005],
      [253402300800.0],
    ]),
    test({ t: 'int' }, 'repr(datetime.fromtimestamp(t, timezone(timedelta(hours=9))))', [[1700000000]]),
  ],
});
defineCall({
  id: 'datetime.datetime.utcfromtimestamp',
  summary: 'datetime.utcfromtimestamp(ts): a naive UTC datetime',
  params: [['timestamp', 'float']],
  result: DATETIME,
  rust: (c) => `rt::datetime::DateTime::utcfromtimestamp(${argOf(c, 'timestamp', '')})?`,
  tests: [
    test({ t: 'float' }, 'repr(datetime.utcfromtimestamp(t))', [
      [1700000000.25],
      [-86400.0],
      [1e15],
      [-1e15],
      [-1e12],
      [-62135596801.0],
    ]),
  ],
});
defineCall({
  id: 'datetime.date.fromtimestamp',
  summary: 'date.fromtimestamp(ts), in the local zone taken as UTC',
  params: [['timestamp', 'float']],
  result: DATE,
  rust: (c) => `rt::datetime::Date::fromtimestamp(${argOf(c, 'timestamp', '')})?`,
  tests: [test({ t: 'float' }, 'repr(date.fromtimestamp(t))', [[1700000000.25], [0.0]])],
});
defineCall({
  id: 'datetime.datetime.combine',
  summary: 'datetime.combine(date, time, tzinfo=time.tzinfo)',
  params: [
    ['date', 'date'],
    ['time', 'time'],
    ['tzinfo', 'tzopt', 'KEEP'],
  ],
  result: DATETIME,
  rust: (c) => {
    const tz = given(c, 'tzinfo');
    return `rt::datetime::DateTime::combine(${argOf(c, 'date', '')}, ${argOf(c, 'time', '')}, ${tz ? `Some(${tz})` : 'None'})`;
  },
  tests: [
    test({ h: 'int' }, 'repr(datetime.combine(date(2024, 1, 5), time(h, 30)))', [[0], [23]]),
    test({ h: 'int' }, 'repr(datetime.combine(date(2024, 1, 5), time(h, tzinfo=timezone.utc), tzinfo=None))', [[1]]),
    test({ h: 'int' }, 'repr(datetime.combine(date(2024, 1, 5), time(h), timezone.utc))', [[1]]),
  ],
});

// ---- Attributes and methods ----------------------------------------------------------------

const CLASSES = [
  ['date', DATE],
  ['datetime', DATETIME],
  ['time', TIME],
  ['timedelta', TD],
  ['timezone', TZ],
] as const;
type ClassName = (typeof CLASSES)[number][0];

/** Constructs a sample value of each class inside a reference test (tests take ints and strs only). */
const SAMPLE: Record<ClassName, string> = {
  date: 'date(y, m, d)',
  datetime: 'datetime(y, m, d, 13, 4, 5, 123)',
  time: 'time(13, 4, 5, 123)',
  timedelta: 'timedelta(days=y - 2000, hours=m, microseconds=d)',
  timezone: 'timezone(timedelta(hours=m - 6))',
};
const YMD = { y: 'int', m: 'int', d: 'int' };
const YMD_SAMPLES = [
  [2024, 1, 5],
  [2024, 2, 29],
  [2023, 12, 31],
  [1, 1, 1],
  [9999, 12, 31],
  [2020, 12, 28],
  [2021, 1, 3],
];

interface Member {
  /** The classes that have it, with the Rust (receiver `{&0}`) per class when it differs. */
  on: ClassName[];
  /** Parameters after self. */
  params?: Param[];
  result: Type | ((cls: ClassName) => Type);
  rust: (c: OpChoice, cls: ClassName) => string;
  summary: string;
  /** The reference test's expression over `x`, a sample of the class. */
  test: string;
  /** Extra parameters the test takes (after y, m, d) and their samples. */
  samples?: unknown[][];
  params_?: Record<string, string>;
}

const recv = '{&0}';
const MEMBERS: Record<string, Member> = {
  year: { on: ['date', 'datetime'], result: T.int, rust: () => `${recv}.year()`, summary: 'the year', test: 'x.year' },
  month: {
    on: ['date', 'datetime'],
    result: T.int,
    rust: () => `${recv}.month()`,
    summary: 'the month',
    test: 'x.month',
  },
  day: { on: ['date', 'datetime'], result: T.int, rust: () => `${recv}.day()`, summary: 'the day', test: 'x.day' },
  hour: { on: ['datetime', 'time'], result: T.int, rust: () => `${recv}.hour()`, summary: 'the hour', test: 'x.hour' },
  minute: {
    on: ['datetime', 'time'],
    result: T.int,
    rust: () => `${recv}.minute()`,
    summary: 'the minute',
    test: 'x.minute',
  },
  second: {
    on: ['datetime', 'time'],
    result: T.int,
    rust: () => `${recv}.second()`,
    summary: 'the second',
    test: 'x.second',
  },
  microsecond: {
    on: ['datetime', 'time'],
    result: T.int,
    rust: () => `${recv}.microsecond()`,
    summary: 'the microsecond',
    test: 'x.microsecond',
  },
  fold: {
    on: ['datetime', 'time'],
    result: T.int,
    rust: () => `${recv}.fold()`,
    summary: 'fold (0 or 1)',
    test: 'x.fold',
  },
  tzinfo: {
    on: ['datetime', 'time'],
    result: T.optional(TZ),
    rust: () => `${recv}.tzinfo()`,
    summary: 'the timezone, or None for a naive value',
    test: 'repr(x.tzinfo)',
  },
  days: { on: ['timedelta'], result: T.int, rust: () => `${recv}.days()`, summary: 'the days', test: 'x.days' },
  seconds: {
    on: ['timedelta'],
    result: T.int,
    rust: () => `${recv}.seconds()`,
    summary: 'seconds in 0..86399',
    test: 'x.seconds',
  },
  microseconds: {
    on: ['timedelta'],
    result: T.int,
    rust: () => `${recv}.microseconds()`,
    summary: 'microseconds in 0..999999',
    test: 'x.microseconds',
  },
  total_seconds: {
    on: ['timedelta'],
    result: T.float,
    rust: () => `${recv}.total_seconds()`,
    summary: 'total_seconds()',
    test: 'x.total_seconds()',
  },
  weekday: {
    on: ['date', 'datetime'],
    result: T.int,
    rust: () => `${recv}.weekday()`,
    summary: 'Monday is 0',
    test: 'x.weekday()',
  },
  isoweekday: {
    on: ['date', 'datetime'],
    result: T.int,
    rust: () => `${recv}.isoweekday()`,
    summary: 'Monday is 1',
    test: 'x.isoweekday()',
  },
  toordinal: {
    on: ['date', 'datetime'],
    result: T.int,
    rust: () => `${recv}.toordinal()`,
    summary: 'the proleptic Gregorian ordinal',
    test: 'x.toordinal()',
  },
  isocalendar: {
    on: ['date', 'datetime'],
    result: T.namedTuple([T.int, T.int, T.int], ['year', 'week', 'weekday'], 'datetime.IsoCalendarDate'),
    rust: () => `${recv}.isocalendar()`,
    summary: 'isocalendar(): (year, week, weekday), also by name',
    test: '(tuple(x.isocalendar()), x.isocalendar().week, x.isocalendar()[0], str(x.isocalendar()))',
  },
  ctime: {
    on: ['date', 'datetime'],
    result: T.str,
    rust: () => `${recv}.ctime()`,
    summary: 'ctime()',
    test: 'x.ctime()',
  },
  date: {
    on: ['datetime'],
    result: DATE,
    rust: () => `${recv}.date()`,
    summary: 'the date part',
    test: 'repr(x.date())',
  },
  time: {
    on: ['datetime'],
    result: TIME,
    rust: () => `${recv}.time()`,
    summary: 'the naive time part',
    test: 'repr(x.time())',
  },
  timetz: {
    on: ['datetime'],
    result: TIME,
    rust: () => `${recv}.timetz()`,
    summary: 'the time part with tzinfo',
    test: 'repr(x.timetz())',
  },
  timestamp: {
    on: ['datetime'],
    result: T.float,
    rust: () => `${recv}.timestamp()?`,
    summary: 'POSIX timestamp (a naive value read as local time, UTC here)',
    test: '(x.timestamp(), x.replace(tzinfo=timezone(timedelta(hours=2))).timestamp())',
  },
  utcoffset: {
    on: ['datetime', 'time', 'timezone'],
    params: [['dt', 'dtopt', 'None']],
    result: (cls) => (cls === 'timezone' ? TD : T.optional(TD)),
    rust: () => `${recv}.utcoffset()`,
    summary: 'utcoffset(): None when naive',
    test: 'repr(x.utcoffset())',
  },
  tzname: {
    on: ['datetime', 'time', 'timezone'],
    params: [['dt', 'dtopt', 'None']],
    result: (cls) => (cls === 'timezone' ? T.str : T.optional(T.str)),
    rust: () => `${recv}.tzname()`,
    summary: "tzname(): None when naive, 'UTC±HH:MM' for an unnamed offset",
    test: 'repr(x.tzname())',
  },
  dst: {
    on: ['datetime'],
    result: T.optional(TD),
    rust: () => `${recv}.dst()`,
    summary: 'dst(): None (fixed offsets have no DST)',
    test: 'repr(x.dst())',
  },
  strftime: {
    on: ['date', 'datetime', 'time'],
    params: [['format', 'str']],
    result: T.str,
    rust: (c) => `${recv}.strftime(${argOf(c, 'format', '')})?`,
    summary: 'strftime(format): glibc C-locale directives with flags and widths, Python’s %f %z %Z',
    test: 'x.strftime(f)',
    params_: { f: 'str' },
    samples: [
      ['%a %A %b %B %d %f %H %I %j %m %M %p %S %U %w %W %y %Y %z %Z %%'],
      ['%c|%x|%X|%D|%e|%F|%T|%R|%r|%C|%G|%g|%V|%u|%h|%k|%l|%P'],
      ['%-d/%-m/%Y %_H %5Y %^a %Q %'],
      ['é %d日 🎉'],
      [''],
      ['%n%t%%%'],
    ],
  },
  isoformat: {
    on: ['date', 'datetime', 'time'],
    params: [
      ['sep', 'str', '"T"'],
      ['timespec', 'str', '"auto"'],
    ],
    result: T.str,
    rust: (c, cls) =>
      cls === 'date'
        ? `${recv}.isoformat()`
        : cls === 'time'
          ? `${recv}.isoformat(${argOf(c, 'timespec', '"auto"')})?`
          : `${recv}.isoformat(${argOf(c, 'sep', '"T"')}, ${argOf(c, 'timespec', '"auto"')})?`,
    summary: 'isoformat(sep="T", timespec="auto") (time: isoformat(timespec))',
    test: 'x.isoformat()',
  },
  replace: {
    on: ['date', 'datetime', 'time'],
    params: [
      ['year', 'int', 'None'],
      ['month', 'int', 'None'],
      ['day', 'int', 'None'],
      ['hour', 'int', 'None'],
      ['minute', 'int', 'None'],
      ['second', 'int', 'None'],
      ['microsecond', 'int', 'None'],
      ['tzinfo', 'tzopt', 'None'],
      ['fold', 'int', 'None'],
    ],
    result: (cls) => ({ date: DATE, datetime: DATETIME, time: TIME })[cls as 'date'],
    rust: (c, cls) => {
      const fields =
        cls === 'date'
          ? ['year', 'month', 'day']
          : cls === 'time'
            ? ['hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold']
            : ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'];
      return `${recv}.replace(${fields.map((f) => optArg(c, f)).join(', ')})?`;
    },
    summary: 'replace(field=...): a copy with fields changed, validated as the constructor',
    test: 'repr(x.replace(day=n))',
    params_: { n: 'int' },
    samples: [[1], [31], [0]],
  },
  astimezone: {
    on: ['datetime'],
    params: [['tz', 'tzopt', 'None']],
    result: DATETIME,
    rust: (c) => `${recv}.astimezone(${argOf(c, 'tz', 'None')})?`,
    summary: 'astimezone(tz): the same instant in another fixed offset (a naive value read as UTC)',
    test: 'repr(x.astimezone(timezone(timedelta(hours=-3))))',
  },
};

for (const [name, m] of Object.entries(MEMBERS)) {
  for (const cls of m.on) {
    const type = CLASSES.find(([c]) => c === cls)![1];
    const id = `datetime.${cls}.${name}`;
    let params = m.params ?? [];
    // A method's parameters differ per class where Python's do.
    if (name === 'replace') {
      const keep = { date: 3, time: -1, datetime: 9 }[cls as 'date'];
      params = cls === 'time' ? params.slice(3) : params.slice(0, keep);
    }
    if (name === 'isoformat') params = cls === 'date' ? [] : cls === 'time' ? [['timespec', 'str', '"auto"']] : params;
    if ((name === 'utcoffset' || name === 'tzname') && cls !== 'timezone') params = [];
    const result = typeof m.result === 'function' ? m.result(cls) : m.result;
    const pnames = m.params_ ?? {};
    const testParams = cls === 'timezone' ? { m: 'int' } : { ...YMD, ...pnames };
    const sampleRows = cls === 'timezone' ? [[6], [0], [11]] : YMD_SAMPLES;
    const extra = name === 'replace' && cls === 'time' ? [[1], [23], [24]] : (m.samples ?? [[]]);
    const samples = sampleRows.flatMap((r) => extra.map((e) => (cls === 'timezone' ? r : [...r, ...e])));
    const sample = cls === 'timezone' ? SAMPLE.timezone : SAMPLE[cls];
    const expr = (name === 'replace' && cls === 'time' ? 'repr(x.replace(hour=n))' : m.test).replace(
      /\bx\b/g,
      `(${sample})`,
    );
    const tests: OpTest[] = [];
    const testExpr =
      name === 'utcoffset' && cls === 'timezone'
        ? `repr((${sample}).utcoffset(None))`
        : name === 'tzname' && cls === 'timezone'
          ? `(${sample}).tzname(None)`
          : name === 'utcoffset'
            ? `repr((${sample}).utcoffset())`
            : name === 'isoformat' && cls === 'time'
              ? `[(${sample}).isoformat(s) for s in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]]`
              : name === 'isoformat' && cls === 'datetime'
                ? `((${sample}).isoformat(), (${sample}).isoformat(" ", "milliseconds"), (${sample}).isoformat(timespec="hours"), str(${sample}))`
                : expr;
    tests.push({
      params: cls === 'timezone' ? { m: 'int' } : testParams,
      expr: cls === 'timezone' ? testExpr.replace(/\by\b|\bd\b/g, '0') : testExpr,
      samples: cls === 'timezone' ? sampleRows : samples,
      imports: IMPORTS,
    });
    if (cls === 'datetime' && ['utcoffset', 'tzname', 'tzinfo', 'isoformat', 'astimezone', 'strftime'].includes(name)) {
      const aware = `datetime(y, m, d, 13, 4, tzinfo=timezone(timedelta(hours=5, minutes=30), "IST"))`;
      const call =
        name === 'strftime'
          ? `${aware}.strftime("%z %Z %H:%M")`
          : name === 'tzinfo'
            ? `repr(${aware}.tzinfo)`
            : name === 'isoformat'
              ? `${aware}.isoformat()`
              : name === 'astimezone'
                ? `repr(${aware}.astimezone(timezone.utc))`
                : `repr(${aware}.${name}())`;
      tests.push({ params: YMD, expr: call, samples: YMD_SAMPLES.slice(0, 4), imports: IMPORTS });
    }
    if (name === 'isoformat' && cls === 'datetime')
      tests.push(test({ s: 'str' }, 'datetime(2024, 1, 5).isoformat(timespec=s)', [['seconds'], ['x'], ['auto']]));
    defineOp({
      id,
      summary: `${cls}.${name}: ${m.summary}`,
      resolve: (args, kw) => {
        if (!is(args[0], type)) {
          if (args.length === 0) return { error: `${cls}.${name} needs an instance` };
          return { error: `${cls}.${name} takes a ${cls}` };
        }
        return bindSelf(id, params, args, kw, result);
      },
      spell: { call: (c) => m.rust(c, cls) },
      tests,
    });
  }
}

/** Binds a method call: the receiver is argument 0, then the method's own parameters. */
function bindSelf(
  id: string,
  params: Param[],
  args: Type[],
  kw: ReadonlyMap<string, Type>,
  result: Type,
): ResolveResult {
  const rest = bindCall(id, params, args.slice(1), kw, result, 'call');
  if ('error' in rest) return rest;
  // The placeholders of the method's own arguments are one further along (the receiver is 0).
  const rust = Object.fromEntries(
    Object.entries(rest.detail ?? {}).map(([k, v]) => [
      k,
      (v as string).replace(/\{(&?)(\d+)\}/g, (_, amp: string, n: string) => `{${amp}${Number(n) + 1}}`),
    ]),
  );
  return ok(id, result, args, 'call', rust);
}

// ---- Operators -----------------------------------------------------------------------------

type Operand = 'date' | 'datetime' | 'time' | 'td' | 'int' | 'float';
const OPERAND: Record<Operand, (t: Type | undefined) => boolean> = {
  date: (t) => is(t, DATE),
  datetime: (t) => is(t, DATETIME),
  time: (t) => is(t, TIME),
  td: isTd,
  int: (t) => t?.kind === 'int' || t?.kind === 'bool',
  float: (t) => t?.kind === 'float',
};

/** Each operator's rows: operand kinds, result, Rust. */
const ARITH: Record<string, [Operand[], Type, string][]> = {
  'operator.add': [
    [['date', 'td'], DATE, '{&0}.add({&1})?'],
    [['td', 'date'], DATE, '{&1}.add({&0})?'],
    [['datetime', 'td'], DATETIME, '{&0}.add({&1})?'],
    [['td', 'datetime'], DATETIME, '{&1}.add({&0})?'],
    [['td', 'td'], TD, '{&0}.add({&1})?'],
  ],
  'operator.sub': [
    [['date', 'td'], DATE, '{&0}.sub({&1})?'],
    [['date', 'date'], TD, '{&0}.diff({&1})?'],
    [['datetime', 'td'], DATETIME, '{&0}.sub({&1})?'],
    [['datetime', 'datetime'], TD, '{&0}.diff({&1})?'],
    [['td', 'td'], TD, '{&0}.sub({&1})?'],
  ],
  'operator.mul': [
    [['td', 'int'], TD, '{&0}.mul_int(({1}) as i64)?'],
    [['int', 'td'], TD, '{&1}.mul_int(({0}) as i64)?'],
    [['td', 'float'], TD, '{&0}.mul_float({1})?'],
    [['float', 'td'], TD, '{&1}.mul_float({0})?'],
  ],
  'operator.truediv': [
    [['td', 'td'], T.float, '{&0}.truediv({&1})?'],
    [['td', 'int'], TD, '{&0}.div_int(({1}) as i64)?'],
    [['td', 'float'], TD, '{&0}.div_float({1})?'],
  ],
  'operator.floordiv': [
    [['td', 'td'], T.int, '{&0}.floordiv({&1})?'],
    [['td', 'int'], TD, '{&0}.floordiv_int(({1}) as i64)?'],
  ],
  'operator.mod': [[['td', 'td'], TD, '{&0}.rem({&1})?']],
  'builtins.divmod': [[['td', 'td'], T.tuple([T.int, TD]), '{&0}.divmod({&1})?']],
  'operator.neg': [[['td'], TD, '{&0}.neg()?']],
  'operator.pos': [[['td'], TD, '(*{&0})']],
  'builtins.abs': [[['td'], TD, '{&0}.abs()?']],
};

const D = (t: string): string => `timedelta(days=${t})`;
const ARITH_TESTS: Record<string, OpTest[]> = {
  'operator.add': [
    test({ y: 'int', n: 'int' }, 'repr(date(y, 2, 28) + timedelta(days=n))', [
      [2024, 1],
      [2023, 1],
      [2024, -59],
      [9999, 400],
      [1, -59],
      [1, -58],
    ]),
    test(
      { n: 'int', s: 'float' },
      'repr(timedelta(seconds=s) + datetime(2024, 12, 31, 23, 59, 59) + timedelta(minutes=n))',
      [
        [0, 0.5],
        [-1441, 1.0],
        [2, 1e-6],
      ],
    ),
    test({ n: 'int' }, `repr(${D('n')} + ${D('-n')} + timedelta(hours=n))`, [[3], [-3], [0]]),
    test({ n: 'int' }, 'repr(datetime.max + timedelta(microseconds=n))', [[0], [1]]),
  ],
  'operator.sub': [
    test(
      { y: 'int', m: 'int', d: 'int' },
      '(repr(date(y, m, d) - date(2000, 1, 1)), str(date(2000, 1, 1) - date(y, m, d)))',
      YMD_SAMPLES,
    ),
    test({ n: 'int' }, 'repr(date(1, 1, 1) - timedelta(days=n))', [[0], [1], [-5]]),
    test({ h: 'int' }, 'str(datetime(2024, 3, 1, h) - datetime(2024, 2, 28, 23, 30))', [[0], [5], [23]]),
    test(
      { h: 'int' },
      'str(datetime(2024, 1, 5, h, tzinfo=timezone.utc) - datetime(2024, 1, 5, tzinfo=timezone(timedelta(hours=h))))',
      [[0], [5]],
    ),
    test({ h: 'int' }, 'str(datetime(2024, 1, 5, h) - datetime(2024, 1, 5, tzinfo=timezone.utc))', [[1]]),
    test({ h: 'int' }, 'repr(datetime(2024, 1, 5, h) - timedelta(hours=25))', [[1]]),
    test({ h: 'int' }, 'repr(timedelta(hours=h) - timedelta(days=1))', [[1], [48]]),
  ],
  'operator.mul': [
    test({ n: 'int' }, '(repr(timedelta(hours=1, microseconds=1) * n), repr(n * timedelta(seconds=-7)))', [
      [0],
      [3],
      [-2],
    ]),
    test({ x: 'float' }, '(repr(timedelta(hours=1) * x), repr(x * timedelta(microseconds=5)))', [
      [0.1],
      [-1.5],
      [0.5],
      [1e-9],
      [1e6],
    ]),
    test({ n: 'int' }, 'repr(timedelta(days=999999999) * n)', [[1], [2]]),
  ],
  'operator.truediv': [
    test({ m: 'int' }, 'timedelta(hours=1.5) / timedelta(minutes=m)', [[7], [-90], [0]]),
    test(
      { n: 'int' },
      '(repr(timedelta(hours=1) / n), repr(timedelta(microseconds=5) / n), repr(timedelta(microseconds=7) / n))',
      [[3], [2], [-2], [0]],
    ),
    test({ x: 'float' }, 'repr(timedelta(days=1) / x)', [[2.5], [0.0], [-3.0]]),
  ],
  'operator.floordiv': [
    test({ m: 'int' }, '(timedelta(hours=5) // timedelta(minutes=m), repr(timedelta(hours=-5) // m))', [
      [7],
      [-90],
      [0],
    ]),
  ],
  'operator.mod': [test({ m: 'int' }, 'repr(timedelta(hours=-5) % timedelta(minutes=m))', [[7], [-90], [0]])],
  'builtins.divmod': [
    test({ m: 'int' }, 'repr(divmod(timedelta(hours=-5), timedelta(minutes=m)))', [[120], [-7], [0]]),
  ],
  'operator.neg': [test({ d: 'int' }, 'repr(-timedelta(days=d, seconds=1))', [[0], [-1], [999999999], [-999999999]])],
  'operator.pos': [test({ d: 'int' }, 'repr(+timedelta(days=d, seconds=1))', [[0], [-1]])],
  'builtins.abs': [test({ d: 'int' }, 'repr(abs(timedelta(days=d, seconds=1)))', [[0], [-1], [-999999999]])],
};

for (const [id, rows] of Object.entries(ARITH)) {
  const variant = (k: number): string => `datetime_${k}`;
  extendOp(id, {
    summary: `datetime operands: ${rows.map(([ops, r]) => `${ops.join(` ${id.split('.')[1]} `)} -> ${typeToString(r).replace('datetime.', '')}`).join(', ')}`,
    resolve: (args) => {
      if (!args.some((a) => a?.kind === 'opaque' && a.name.startsWith('datetime.'))) return undefined;
      const k = rows.findIndex(([ops]) => ops.length === args.length && ops.every((o, i) => OPERAND[o](args[i])));
      if (k < 0) return undefined;
      return ok(id, rows[k]![1], args, variant(k));
    },
    spell: Object.fromEntries(rows.map(([, , rust], k) => [variant(k), () => rust])),
    tests: ARITH_TESTS[id] ?? [],
  });
}

for (const [id, op] of [
  ['operator.lt', 'lt'],
  ['operator.le', 'le'],
  ['operator.gt', 'gt'],
  ['operator.ge', 'ge'],
] as const) {
  extendOp(id, {
    summary: 'between two dates, datetimes (TypeError between naive and aware), times or timedeltas',
    resolve: (args) => {
      const [a, b] = args;
      if (a?.kind !== 'opaque' || !a.name.startsWith('datetime.') || a.name === 'datetime.timezone') return undefined;
      if (!is(b, a)) return undefined;
      return ok(id, T.bool, args, 'datetime');
    },
    spell: { datetime: () => `rt::datetime::compare({&0}, {&1}, "${op}")?` },
    tests: [
      test(
        { y: 'int', m: 'int', d: 'int' },
        `(date(y, m, d) ${{ lt: '<', le: '<=', gt: '>', ge: '>=' }[op]} date(2024, 2, 29), timedelta(days=y) ${{ lt: '<', le: '<=', gt: '>', ge: '>=' }[op]} timedelta(days=2024, hours=-m))`,
        YMD_SAMPLES,
      ),
      test(
        { h: 'int' },
        `datetime(2024, 1, 5, h, tzinfo=timezone.utc) ${{ lt: '<', le: '<=', gt: '>', ge: '>=' }[op]} datetime(2024, 1, 5, 3, tzinfo=timezone(timedelta(hours=-1)))`,
        [[3], [4], [5]],
      ),
      test(
        { h: 'int' },
        `datetime(2024, 1, 5, h) ${{ lt: '<', le: '<=', gt: '>', ge: '>=' }[op]} datetime(2024, 1, 5, tzinfo=timezone.utc)`,
        [[3]],
      ),
    ],
  });
}

// isocalendar()'s named tuple fields as attributes: `d.isocalendar().week`.
for (const field of ['year', 'week', 'weekday']) {
  defineOp({
    id: `tuple.${field}`,
    summary: `r.${field}: the field of a named tuple (isocalendar()'s IsoCalendarDate)`,
    resolve: (args) => {
      const t = args[0];
      const i = t?.kind === 'tuple' ? (t.names ?? []).indexOf(field) : -1;
      if (t?.kind !== 'tuple' || i < 0)
        return { error: `'${t ? typeToString(t) : 'tuple'}' object has no attribute '${field}'` };
      return ok(`tuple.${field}`, t.items[i]!, args, 'field', { index: i });
    },
    spell: { field: (c) => `({0}).${c.detail!.index as number}` },
    tests: [test(YMD, `date(y, m, d).isocalendar().${field}`, YMD_SAMPLES)],
  });
}

// `sum(durations, timedelta())`: timedeltas need the start, since 0 + timedelta is a TypeError.
extendOp('builtins.sum', {
  summary: 'sum(timedeltas, start) with a timedelta start',
  resolve: (args, kw) => {
    const start = args[1] ?? kw.get('start');
    const items = args[0];
    const item =
      items && (items.kind === 'list' || items.kind === 'iter' || items.kind === 'set') ? items.item : undefined;
    if (!isTd(item) || !isTd(start)) return undefined;
    return ok('builtins.sum', TD, args, 'timedelta', { start: args[1] ? '1' : 'kw:start' });
  },
  spell: {
    timedelta: (c) => `rt::datetime::TimeDelta::sum({iter0}, *{&${c.detail!.start as string}})?`,
  },
  tests: [
    test({ xs: 'list[int]' }, 'str(sum([timedelta(minutes=x) for x in xs], timedelta()))', [
      [[1, 2, 3]],
      [[]],
      [[-90, 30]],
    ]),
    test({ n: 'int' }, 'repr(sum((timedelta(days=999999999) for _ in range(n)), start=timedelta(seconds=1)))', [
      [1],
      [2],
    ]),
  ],
});
