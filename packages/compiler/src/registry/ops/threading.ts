/**
 * `threading.Lock()` and `threading.RLock()` (runtime `native-rust/runtime/src/sync.rs`): an opaque shared handle, so
 * every copy of a lock is the lock, with `acquire(blocking=True, timeout=-1)`, `release()` and (Lock) `locked()` as
 * CPython has them, errors included. Code that guards module-level state with one (`_lock = threading.Lock()`, then
 * `with _lock:`; lowering makes the `with` an `acquire()` and a `release()` in a `finally`) serialises the threads
 * that call a compiled library as it serialises CPython's.
 */
import { defineOp, overloads, sig, T } from '../registry';

const { bool, float, none } = T;
const IMPORTS = ['import threading'];

for (const [cls, reentrant] of [
  ['Lock', false],
  ['RLock', true],
] as const) {
  const LOCK = T.opaque(`threading.${cls}`, 'rt::sync::Lock');
  defineOp({
    id: `threading.${cls}`,
    summary: `threading.${cls}(): a ${reentrant ? 'reentrant ' : ''}lock, shared by every name that holds it`,
    ...overloads(`threading.${cls}`, [sig([], LOCK, `rt::sync::Lock::new(${reentrant})`)]),
    tests: [
      {
        params: { n: 'int' },
        body: `lock = threading.${cls}()\nother = lock\nfirst = lock.acquire()\nagain = other.acquire(False)\ngot = [lock.acquire(timeout=0.001) for _ in range(n)]\nreturn first, again, got`,
        samples: [[0], [2]],
        imports: IMPORTS,
      },
    ],
  });
  defineOp({
    id: `threading.${cls}.acquire`,
    summary: `${cls}.acquire(blocking=True, timeout=-1)`,
    ...overloads(
      `threading.${cls}.acquire`,
      [
        sig([LOCK], bool, '{&0}.acquire({1}, {2})?', [
          { type: bool, default: 'true' },
          { type: float, default: '-1.0' },
        ]),
      ],
      [undefined, 'blocking', 'timeout'],
    ),
    tests: [
      {
        params: { blocking: 'bool', timeout: 'float' },
        body: `lock = threading.${cls}()\nheld = lock.acquire(blocking, timeout)\nreturn held, lock.acquire(blocking=False)`,
        samples: [
          [true, -1],
          [true, 0.5],
          [false, -1],
          [false, 1.5],
          [true, -2],
        ],
        imports: IMPORTS,
      },
    ],
  });
  defineOp({
    id: `threading.${cls}.release`,
    summary: `${cls}.release()`,
    ...overloads(`threading.${cls}.release`, [sig([LOCK], none, '{&0}.release()?')]),
    tests: [
      {
        params: { times: 'int' },
        body: `lock = threading.${cls}()\nlock.acquire()\nfor _ in range(times):\n    lock.release()\nreturn lock.acquire(False)`,
        samples: [[0], [1], [2]],
        imports: IMPORTS,
      },
    ],
  });
}

defineOp({
  id: 'threading.Lock.locked',
  summary: 'Lock.locked()',
  ...overloads('threading.Lock.locked', [sig([T.opaque('threading.Lock', 'rt::sync::Lock')], bool, '{&0}.locked()')]),
  tests: [
    {
      params: { take: 'bool' },
      body: 'lock = threading.Lock()\nif take:\n    lock.acquire()\nbefore = lock.locked()\nif take:\n    lock.release()\nreturn before, lock.locked()',
      samples: [[true], [false]],
      imports: IMPORTS,
    },
  ],
});
