/**
 * Python's container methods that change the container they are called on (list, dict, set, deque, OrderedDict,
 * Counter), for the passes that decide from the syntax alone whether a statement changes a name's value in place:
 * module-level statements (`lower.ts`), module cells (`globals.ts`), item loops (`itemloops.ts`).
 */
export const CHANGING_METHODS: ReadonlySet<string> = new Set([
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'sort',
  'reverse',
  'update',
  'setdefault',
  'popitem',
  'add',
  'discard',
  'appendleft',
  'popleft',
  'extendleft',
  'rotate',
  'move_to_end',
  'subtract',
  'difference_update',
  'intersection_update',
  'symmetric_difference_update',
]);
