/**
 * The calendar family: Python's `calendar` module functions that pre- and post-processing code
 * uses (`isleap`, `leapdays`, `weekday`, `monthrange`, `monthcalendar`, the name tables and the
 * weekday constants). Input: argument types from infer; output: op choices spelled as calls of
 * the runtime's `rt::datetime` calendar helpers (the same proleptic Gregorian arithmetic as the
 * datetime family). `IllegalMonthError` is raised as the ValueError it derives from.
 */
import { T, type Type } from '../../types/types';
import { defineOp, overloads, sig } from '../registry';
import { ok } from './numpy';

const { int, bool } = T;
const IMPORTS = ['import calendar'];

defineOp({
  id: 'calendar.isleap',
  summary: 'calendar.isleap(year)',
  ...overloads('calendar.isleap', [sig([int], bool, 'rt::datetime::is_leap({0})')]),
  tests: [
    {
      params: { y: 'int' },
      expr: 'calendar.isleap(y)',
      samples: [[2024], [1900], [2000], [2023], [0], [-4]],
      imports: IMPORTS,
    },
  ],
});
defineOp({
  id: 'calendar.leapdays',
  summary: 'calendar.leapdays(y1, y2): leap years in [y1, y2)',
  ...overloads('calendar.leapdays', [sig([int, int], int, 'rt::datetime::leapdays({0}, {1})')]),
  tests: [
    {
      params: { a: 'int', b: 'int' },
      expr: 'calendar.leapdays(a, b)',
      samples: [
        [1900, 2000],
        [2000, 2001],
        [2000, 1900],
        [-400, 400],
        [2024, 2024],
      ],
      imports: IMPORTS,
    },
  ],
});
defineOp({
  id: 'calendar.weekday',
  summary: 'calendar.weekday(year, month, day): Monday is 0; years outside 1..9999 by 400-year cycles',
  ...overloads('calendar.weekday', [sig([int, int, int], int, 'rt::datetime::weekday({0}, {1}, {2})?')]),
  tests: [
    {
      params: { y: 'int', m: 'int', d: 'int' },
      expr: 'calendar.weekday(y, m, d)',
      samples: [
        [2024, 1, 5],
        [0, 1, 1],
        [10000, 1, 1],
        [2024, 2, 30],
        [2024, 13, 1],
        [-1, 12, 31],
      ],
      imports: IMPORTS,
    },
  ],
});
defineOp({
  id: 'calendar.monthrange',
  summary: 'calendar.monthrange(year, month): (weekday of the 1st, days in the month)',
  ...overloads('calendar.monthrange', [sig([int, int], T.tuple([int, int]), 'rt::datetime::monthrange({0}, {1})?')]),
  tests: [
    {
      params: { y: 'int', m: 'int' },
      expr: 'calendar.monthrange(y, m)',
      samples: [
        [2024, 2],
        [2023, 2],
        [1900, 2],
        [0, 1],
        [2024, 12],
        [2024, 13],
        [2024, 0],
      ],
      imports: IMPORTS,
    },
  ],
});
defineOp({
  id: 'calendar.monthcalendar',
  summary: 'calendar.monthcalendar(year, month): weeks from Monday, 0 outside the month',
  ...overloads('calendar.monthcalendar', [
    sig([int, int], T.list(T.list(int)), 'rt::datetime::monthcalendar({0}, {1})?'),
  ]),
  tests: [
    {
      params: { y: 'int', m: 'int' },
      expr: 'calendar.monthcalendar(y, m)',
      samples: [
        [2024, 2],
        [2021, 2],
        [10000, 1],
        [2024, 0],
        [2024, 9],
      ],
      imports: IMPORTS,
    },
  ],
});
defineOp({
  id: 'calendar.firstweekday',
  summary: 'calendar.firstweekday(): 0 (Monday); setfirstweekday is not supported',
  ...overloads('calendar.firstweekday', [sig([], int, '0i64')]),
  tests: [{ params: {}, expr: 'calendar.firstweekday()', samples: [[]], imports: IMPORTS }],
});

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const strs = (xs: string[]): string => `vec![${xs.map((x) => `${JSON.stringify(x)}.to_string()`).join(', ')}]`;
for (const [name, values] of [
  ['day_name', DAYS],
  ['day_abbr', DAYS.map((d) => d.slice(0, 3))],
  ['month_name', ['', ...MONTHS]],
  ['month_abbr', ['', ...MONTHS.map((m) => m.slice(0, 3))]],
] as const) {
  const id = `calendar.${name}`;
  defineOp({
    id,
    summary: `calendar.${name}: the C locale's names as a list (${values.length} items${name.startsWith('month') ? ', item 0 empty' : ''})`,
    resolve: (args) => (args.length === 0 ? ok(id, T.list(T.str), [], 'constant') : { error: `${id} is not callable` }),
    spell: { constant: () => strs([...values]) },
    tests: [
      {
        params: { i: 'int' },
        expr: `(calendar.${name}[i], list(calendar.${name}), len(calendar.${name}))`,
        samples: [[0], [1], [6], [-1], [12], [13]],
        imports: IMPORTS,
      },
    ],
  });
}
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
for (const [k, name] of WEEKDAYS.entries()) {
  const id = `calendar.${name}`;
  defineOp({
    id,
    summary: `calendar.${name} (${k})`,
    resolve: (args: Type[]) => (args.length === 0 ? ok(id, int, [], 'constant') : { error: `${id} is not callable` }),
    spell: { constant: () => `${k}i64` },
    tests: [{ params: {}, expr: `calendar.${name} + 0`, samples: [[]], imports: IMPORTS }],
  });
}
