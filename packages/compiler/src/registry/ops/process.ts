/**
 * What a function reads from or writes to its process beyond its arguments (runtime `rt::process`): the clock
 * (`time.time`, `perf_counter`, `monotonic` and their `_ns` forms, `sleep`), the environment (`os.getenv`,
 * `os.environ.get`, `os.environ[name]`, `name in os.environ`), the standard streams (`sys.stdout`, `sys.stderr`,
 * their `write`/`flush`, `print(..., file=...)`), `logging` (loggers by name with levels, the module's functions on the
 * root logger) and `warnings.warn`. Module-level values made by them stay E0206 (`lower.ts` IMPURE): a library cannot
 * reproduce what the module read at import.
 *
 * Logging prints what CPython prints with no handler configured: the message of a record at WARNING or above, alone,
 * on stderr. A call's `%` arguments are formatted at the call site by lowering (`Lowerer.reportingCall`) for the
 * loggers known there; the ops take the formatted message.
 */
import { defineOp, extendOp, overloads, resolved as ok, sig, T } from '../registry';
import { reprTemplate } from '../spell';
import { iterItem, type Type, typeToString } from '../../types/types';

const { int, float, str, bool, none } = T;

const STREAM = T.opaque('sys.TextIO', 'rt::process::Stream');
const LOGGER = T.opaque('logging.Logger', 'rt::process::Logger');
const ENVIRON = T.opaque('os._Environ', 'rt::process::Environ');

const isOpaque = (t: Type | undefined, name: string): boolean => t?.kind === 'opaque' && t.name === name;

// ---- time ---------------------------------------------------------------------------------------------

// Under another name: the registry's tests share one module, where `from datetime import time` binds `time`.
const TIME = ['import time as time_module'];
const CLOCKS: [string, Type, string][] = [
  ['time', float, 'rt::process::time()'],
  ['time_ns', int, 'rt::process::time_ns()'],
  ['perf_counter', float, 'rt::process::perf_counter()'],
  ['perf_counter_ns', int, 'rt::process::perf_counter_ns()'],
  ['monotonic', float, 'rt::process::perf_counter()'],
  ['monotonic_ns', int, 'rt::process::perf_counter_ns()'],
];
for (const [name, result, rust] of CLOCKS) {
  defineOp({
    id: `time.${name}`,
    summary: `time.${name}(): read the clock`,
    ...overloads(`time.${name}`, [sig([], result, rust)]),
    tests: [
      {
        // A clock's value differs between runs; what code does with it does not.
        params: { xs: 'list[float]' },
        body: `t0 = time_module.${name}()\ns = sum(xs)\ndt = time_module.${name}() - t0\nreturn s, dt >= 0, type(t0).__name__, t0 > 0`,
        samples: [[[1.5, 2.0]], [[]]],
        imports: TIME,
      },
    ],
  });
}

defineOp({
  id: 'time.sleep',
  summary: 'time.sleep(secs)',
  ...overloads('time.sleep', [sig([float], none, 'rt::process::sleep({0})?')]),
  tests: [
    {
      params: { s: 'float' },
      body: 't0 = time_module.monotonic()\ntime_module.sleep(s)\nreturn time_module.monotonic() - t0 >= s',
      samples: [[0.001], [0], [-1]],
      imports: TIME,
    },
  ],
});

// ---- os.environ ---------------------------------------------------------------------------------------

const OS = ['import os'];
/** A variable no test machine sets, and one every process has. */
const UNSET = 'INGOT_REGISTRY_UNSET_VARIABLE';

for (const id of ['os.getenv', 'os.environ.get']) {
  const keyword = id === 'os.getenv' ? 'key' : undefined;
  defineOp({
    id,
    summary: `${id}(key, default=None): the environment variable, or the default`,
    ...overloads(
      id,
      [
        sig([str], T.optional(str), 'rt::process::getenv({&0})'),
        sig([str, str], str, 'rt::process::getenv({&0}).unwrap_or_else(|| {1})'),
        sig([str, none], T.optional(str), 'rt::process::getenv({&0})'),
      ],
      [keyword, 'default'],
    ),
    tests: [
      {
        params: { k: 'str' },
        expr: `(${id}(k), ${id}(k, "d"), ${id}(k, None), ${id}("PATH") is not None)`,
        samples: [[UNSET]],
        imports: OS,
      },
    ],
  });
}

defineOp({
  id: 'os.environ',
  summary: 'os.environ, read by item, `get` and `in`',
  resolve: (args) =>
    args.length === 0 ? ok('os.environ', ENVIRON, [], 'value') : { error: 'os.environ is not callable' },
  spell: { value: () => 'rt::process::Environ' },
  tests: [
    {
      params: { k: 'str' },
      body: 'try:\n    v = os.environ[k]\nexcept KeyError as e:\n    v = "missing " + str(e)\nreturn v, k in os.environ, "PATH" in os.environ, k not in os.environ',
      samples: [[UNSET]],
      imports: OS,
    },
  ],
});

extendOp('operator.getitem', {
  summary: 'os.environ[key]: KeyError when it is not set',
  resolve: (args) =>
    isOpaque(args[0], 'os._Environ') && args[1]?.kind === 'str' && args.length === 2
      ? ok('operator.getitem', str, [ENVIRON, str], 'environ')
      : undefined,
  spell: { environ: () => 'rt::process::environ_item({&1})?' },
  tests: [],
});

extendOp('operator.not_in', {
  summary: 'key not in os.environ',
  resolve: (args) =>
    isOpaque(args[1], 'os._Environ') && args[0]?.kind === 'str' && args.length === 2
      ? ok('operator.not_in', bool, [str, ENVIRON], 'environ')
      : undefined,
  spell: { environ: () => '!rt::process::environ_contains({&0})' },
  tests: [],
});

extendOp('operator.in_', {
  summary: 'key in os.environ',
  resolve: (args) =>
    isOpaque(args[1], 'os._Environ') && args[0]?.kind === 'str' && args.length === 2
      ? ok('operator.in_', bool, [str, ENVIRON], 'environ')
      : undefined,
  spell: { environ: () => 'rt::process::environ_contains({&0})' },
  tests: [],
});

// ---- standard streams ---------------------------------------------------------------------------------

const SYS = ['import sys'];
for (const name of ['stdout', 'stderr']) {
  defineOp({
    id: `sys.${name}`,
    summary: `sys.${name}: \`write\`, \`flush\`, \`name\`, and \`print(..., file=sys.${name})\``,
    resolve: (args) =>
      args.length === 0 ? ok(`sys.${name}`, STREAM, [], 'value') : { error: `sys.${name} is not callable` },
    spell: { value: () => `rt::process::Stream::${name === 'stdout' ? 'Stdout' : 'Stderr'}` },
    tests: [
      {
        params: { s: 'str' },
        // (The reference runner swaps CPython's stdout for stderr, so only stderr's name is compared.)
        body: `n = sys.${name}.write(s)\nsys.${name}.flush()\nprint(s, len(s), file=sys.${name}, flush=True)\nreturn n, ${name === 'stderr' ? 'sys.stderr.name' : '""'}`,
        samples: [['héllo\n'], ['']],
        imports: SYS,
      },
    ],
  });
}

const STREAM_METHODS: Record<string, { params: Type[]; result: Type; rust: string }> = {
  write: { params: [str], result: int, rust: '{&0}.write({&1})' },
  flush: { params: [], result: none, rust: '{&0}.flush()' },
  name: { params: [], result: str, rust: '{&0}.name()' },
};
// `sys.stderr.write(s)` names the stream through the module: the same methods, the stream fixed.
for (const stream of ['stdout', 'stderr'])
  for (const [name, m] of Object.entries(STREAM_METHODS)) {
    const id = `sys.${stream}.${name}`;
    const rust = `rt::process::Stream::${stream === 'stdout' ? 'Stdout' : 'Stderr'}`;
    defineOp({
      id,
      summary: `sys.${stream}.${name}${name === 'name' ? '' : '(...)'}`,
      resolve: (args, kw) => {
        if (kw.size > 0 || args.length !== m.params.length || args.some((t, i) => t.kind !== m.params[i]!.kind))
          return { error: `${name}() takes ${m.params.map(typeToString).join(', ') || 'no arguments'}` };
        return ok(id, m.result, m.params, 'call');
      },
      // The method's template with the stream in place of its receiver and the arguments shifted down by one.
      spell: {
        call: () =>
          m.rust
            .replace('{&0}', rust)
            .replace(/\{(&?)(\d+)\}/g, (_x, a: string, i: string) => `{${a}${Number(i) - 1}}`),
      },
      tests: [
        {
          params: { s: 'str' },
          body:
            name === 'write'
              ? `return sys.${stream}.write(s)`
              : name === 'flush'
                ? `sys.${stream}.flush()\nreturn len(s)`
                : // (The reference runner swaps CPython's stdout for stderr: only stderr's name is compared.)
                  stream === 'stderr'
                  ? 'return sys.stderr.name + s'
                  : 'return len(sys.stdout.name) > 0',
          samples: [['héllo\n'], ['']],
          imports: SYS,
        },
      ],
    });
  }

for (const [name, m] of Object.entries(STREAM_METHODS)) {
  const id = `sys.TextIO.${name}`;
  defineOp({
    id,
    summary: `stream.${name}${name === 'name' ? '' : '(...)'}`,
    resolve: (args, kw) => {
      if (!isOpaque(args[0], 'sys.TextIO') || kw.size > 0) return { error: `${id} takes a standard stream` };
      const given = args.slice(1);
      if (given.length !== m.params.length || given.some((t, i) => t.kind !== m.params[i]!.kind))
        return { error: `${name}() takes ${m.params.map(typeToString).join(', ') || 'no arguments'}` };
      return ok(id, m.result, [STREAM, ...m.params], 'call');
    },
    spell: { call: () => m.rust },
    tests: [
      {
        params: { s: 'str' },
        body: `out = sys.stderr\n${name === 'write' ? 'return out.write(s)' : name === 'flush' ? 'out.flush()\nreturn len(s)' : 'return out.name + s'}`,
        samples: [['héllo\n'], ['']],
        imports: SYS,
      },
    ],
  });
}

// ---- logging ------------------------------------------------------------------------------------------

const LOGGING = ['import logging'];
const LEVELS: [string, number][] = [
  ['CRITICAL', 50],
  ['FATAL', 50],
  ['ERROR', 40],
  ['WARNING', 30],
  ['WARN', 30],
  ['INFO', 20],
  ['DEBUG', 10],
  ['NOTSET', 0],
];
for (const [name, value] of LEVELS) {
  defineOp({
    id: `logging.${name}`,
    summary: `the level logging.${name} (${value})`,
    resolve: (args) =>
      args.length === 0 ? ok(`logging.${name}`, int, [], 'value') : { error: `logging.${name} is not callable` },
    spell: { value: () => `${value}i64` },
    tests: [{ params: {}, expr: `logging.${name} + 0`, samples: [[]], imports: LOGGING }],
  });
}

defineOp({
  id: 'logging.getLogger',
  summary: 'logging.getLogger(name=None): the logger of that name (the root logger without one)',
  ...overloads(
    'logging.getLogger',
    [
      sig([], LOGGER, 'rt::process::Logger::get(None)'),
      sig([str], LOGGER, 'rt::process::Logger::get(Some({&0}))'),
      sig([none], LOGGER, 'rt::process::Logger::get(None)'),
    ],
    ['name'],
  ),
  tests: [
    {
      params: { s: 'str' },
      body: 'a = logging.getLogger("ingot.reg." + s)\nb = logging.getLogger("ingot.reg." + s + ".child")\nb.setLevel(logging.ERROR)\na.setLevel("DEBUG")\nreturn a.name, b.name, logging.getLogger().name, a.getEffectiveLevel(), b.getEffectiveLevel(), b.isEnabledFor(logging.WARNING), a.level, logging.getLogger(None).level, repr(a)',
      samples: [['x'], ['y.z']],
      imports: LOGGING,
    },
  ],
});

defineOp({
  id: 'logging.getLevelName',
  summary: 'logging.getLevelName(level): its name, or "Level N"',
  ...overloads('logging.getLevelName', [sig([int], str, 'rt::process::level_name({0})')]),
  tests: [
    { params: { n: 'int' }, expr: 'logging.getLevelName(n)', samples: [[10], [30], [50], [0], [25]], imports: LOGGING },
  ],
});

/** The reporting methods, by level (`log` takes its level; `exception` is ERROR with the traceback CPython adds). */
const REPORTING: [string, number | undefined][] = [
  ['debug', 10],
  ['info', 20],
  ['warning', 30],
  ['warn', 30],
  ['error', 40],
  ['exception', 40],
  ['critical', 50],
  ['fatal', 50],
  ['log', undefined],
];
/** Keywords of the reporting methods that change only what a configured handler shows. */
const REPORT_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel', 'extra']);

const FORMAT_HINT =
  'the `%` arguments of a logging call are formatted where it is compiled, which needs a literal format string and a logger known there (the `logging` module, or a name or field bound only to `logging.getLogger(...)`); or pass one message, an f-string';

for (const [name, level] of REPORTING) {
  for (const owner of ['logging.Logger', 'logging'] as const) {
    const id = `${owner}.${name}`;
    const self = owner === 'logging.Logger' ? 1 : 0;
    defineOp({
      id,
      summary:
        owner === 'logging'
          ? `logging.${name}(${level === undefined ? 'level, ' : ''}msg, *args): on the root logger`
          : `logger.${name}(${level === undefined ? 'level, ' : ''}msg, *args)`,
      resolve: (args, kw) => {
        if (self && !isOpaque(args[0], 'logging.Logger')) return { error: `${id} needs a logger` };
        for (const k of kw.keys())
          if (!REPORT_KEYWORDS.has(k)) return { error: `${name}() keyword \`${k}\` is not supported` };
        const lead = self + (level === undefined ? 1 : 0);
        if (level === undefined && args[self]?.kind !== 'int' && args[self]?.kind !== 'bool')
          return { error: 'log() takes the level first, an int' };
        if (args.length < lead + 1) return { error: `${name}() needs a message` };
        if (args.length > lead + 1) return { error: FORMAT_HINT };
        const params = [...(self ? [LOGGER] : []), ...(level === undefined ? [int] : []), args[lead]!];
        return ok(id, none, params, 'call', { kw: [...kw.keys()] });
      },
      spell: {
        call: (c) => {
          const at = self + (level === undefined ? 1 : 0);
          const msg = c.params[at]!;
          const text = msg.kind === 'str' ? `{&${at}}` : `&${reprTemplate(msg, `{&${at}}`, 'str')}`;
          const lvl = level === undefined ? `{${self}}` : `${level}i64`;
          // The keywords are evaluated, as CPython evaluates them, and change nothing printed without a handler.
          const kws = ((c.detail?.kw as string[] | undefined) ?? []).map((k) => `let _ = &{kw:${k}}; `).join('');
          const logger = self ? '{&0}' : '&rt::process::Logger::get(None)';
          return `{ ${kws}(${logger}).log(${lvl}, ${text}); }`;
        },
      },
      tests: [
        owner === 'logging.Logger'
          ? {
              params: { n: 'int' },
              body: `log = logging.getLogger("ingot.reg.${name}")\n${
                level === undefined
                  ? 'log.log(logging.ERROR, f"n={n}")\nlog.log(logging.DEBUG, n)'
                  : `log.${name}(f"n={n}")\nlog.${name}(n, exc_info=True)`
              }\nreturn n + 1`,
              samples: [[3]],
              imports: LOGGING,
            }
          : {
              params: { n: 'int', s: 'str' },
              body: `${
                level === undefined
                  ? 'logging.log(logging.WARNING, "%d items, %s", n, s)\nlogging.log(logging.INFO, "%5.2f", n / 3)'
                  : `logging.${name}("%d items, %r", n, s)\nlogging.${name}(f"{n}")`
              }\nreturn n`,
              samples: [[3, 'a']],
              imports: LOGGING,
            },
      ],
    });
  }
}

const LOGGER_METHODS: Record<string, { params: Type[]; result: Type; rust: string }> = {
  setLevel: { params: [int], result: none, rust: '{&0}.set_level({1})' },
  isEnabledFor: { params: [int], result: bool, rust: '{&0}.is_enabled_for({1})' },
  getEffectiveLevel: { params: [], result: int, rust: '{&0}.effective_level()' },
  name: { params: [], result: str, rust: '{&0}.name()' },
  level: { params: [], result: int, rust: '{&0}.level()' },
};
for (const [name, m] of Object.entries(LOGGER_METHODS)) {
  const id = `logging.Logger.${name}`;
  defineOp({
    id,
    summary: `logger.${name}${m.params.length || name === 'getEffectiveLevel' ? '(...)' : ''}`,
    resolve: (args, kw) => {
      if (!isOpaque(args[0], 'logging.Logger') || kw.size > 0) return { error: `${id} needs a logger` };
      const given = args.slice(1);
      // `setLevel("INFO")`: a level's name.
      if (name === 'setLevel' && given.length === 1 && given[0]!.kind === 'str')
        return ok(id, none, [LOGGER, str], 'named');
      if (given.length !== m.params.length || given.some((t) => t.kind !== 'int' && t.kind !== 'bool'))
        return { error: `${name}() takes ${m.params.length ? 'a level, an int' : 'no arguments'}` };
      return ok(id, m.result, [LOGGER, ...m.params], 'call');
    },
    spell: {
      call: () => m.rust,
      ...(name === 'setLevel' && { named: () => '{&0}.set_level(rt::process::level_from_name({&1})?)' }),
    },
    tests: [
      name === 'setLevel'
        ? {
            params: { s: 'str' },
            body: 'log = logging.getLogger("ingot.reg.levels")\nlog.setLevel(s)\nlog.setLevel(logging.ERROR)\nreturn log.level',
            samples: [['INFO'], ['WARN'], ['loud']],
            imports: LOGGING,
          }
        : {
            params: { s: 'str' },
            body: `log = logging.getLogger("ingot.reg.${name}." + s)\nlog.setLevel(logging.INFO)\nreturn log.${name}${
              m.params.length
                ? '(logging.DEBUG), log.' + name + '(logging.ERROR)'
                : name === 'getEffectiveLevel'
                  ? '()'
                  : ''
            }`,
            samples: [['a']],
            imports: LOGGING,
          },
    ],
  });
}

// ---- warnings -----------------------------------------------------------------------------------------

defineOp({
  id: 'warnings.warn',
  summary: 'warnings.warn(message, category=UserWarning): once per call site on stderr, as the default filters do',
  resolve: (args) => {
    // Lowering passes the message, the category's name and the call site's file and line.
    const [msg, cat, file, line] = args;
    if (!msg || cat?.kind !== 'str' || file?.kind !== 'str' || line?.kind !== 'int' || args.length !== 4)
      return { error: 'warnings.warn takes a message and a warning class' };
    return ok('warnings.warn', none, args, 'call');
  },
  spell: {
    call: (c) => {
      const msg = c.params[0]!;
      const text = msg.kind === 'str' ? '{&0}' : `&${reprTemplate(msg, '{&0}', 'str')}`;
      return `rt::process::warn(${text}, {&1}, {&2}, {3})`;
    },
  },
  tests: [
    {
      params: { x: 'float' },
      body: 'if x < 0:\n    warnings.warn("negative input, clamping", RuntimeWarning)\n    x = 0.0\nwarnings.warn(f"x={x}")\nwarnings.warn("old", DeprecationWarning, stacklevel=2)\nreturn x * 2',
      samples: [[-1.5], [2.0]],
      imports: ['import warnings'],
    },
  ],
});

// ---- tqdm ---------------------------------------------------------------------------------------------

/** tqdm's keywords, which shape only the bar it draws on stderr. */
const TQDM_KEYWORDS = new Set([
  'desc',
  'total',
  'leave',
  'file',
  'ncols',
  'mininterval',
  'maxinterval',
  'miniters',
  'ascii',
  'disable',
  'unit',
  'unit_scale',
  'dynamic_ncols',
  'smoothing',
  'bar_format',
  'initial',
  'position',
  'postfix',
  'unit_divisor',
  'colour',
  'delay',
]);

for (const id of ['tqdm.tqdm', 'tqdm.auto.tqdm', 'tqdm.std.tqdm']) {
  defineOp({
    id,
    summary: `${id}(iterable, desc=..., total=..., ...): iterates as its iterable does (the progress bar is not drawn)`,
    resolve: (args, kw) => {
      for (const k of kw.keys())
        if (!TQDM_KEYWORDS.has(k)) return { error: `tqdm() keyword \`${k}\` is not supported` };
      const it = args[0];
      if (args.length !== 1 || !it || iterItem(it) === undefined)
        return {
          error:
            'tqdm() is supported around an iterable (`for x in tqdm(xs)`); a manual bar (`tqdm(total=n)`, `update`) is not',
        };
      return ok(id, it, [it], 'call', { kw: [...kw.keys()] });
    },
    spell: {
      // The keywords are evaluated, as CPython evaluates them.
      call: (c) =>
        `{ ${((c.detail?.kw as string[] | undefined) ?? []).map((k) => `let _ = &{kw:${k}}; `).join('')}{0} }`,
    },
    tests:
      id === 'tqdm.tqdm'
        ? [
            {
              params: { xs: 'list[int]' },
              body: 'total = 0\nfor x in tqdm.tqdm(xs, desc="summing", total=len(xs), leave=False):\n    total += x\npairs = [(i, x) for i, x in tqdm.tqdm(enumerate(xs), disable=True)]\nreturn total, pairs, len(tqdm.tqdm(xs)), list(tqdm.tqdm(x * 2 for x in xs))',
              samples: [[[1, 2, 3]], [[]]],
              imports: ['import tqdm'],
            },
          ]
        : [
            {
              params: { d: 'dict[str, int]' },
              body: `out = []\nfor k in ${id}(d, unit="key"):\n    out.append(k)\nreturn out`,
              samples: [[{ a: 1, b: 2 }]],
              imports: [`import ${id.replace(/\.tqdm$/, '')}`],
            },
          ],
  });
}
