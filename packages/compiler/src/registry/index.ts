/**
 * Loads every op family into the registry. Import this module (not the family files) to
 * get a populated registry; the order of families does not matter.
 */
import './ops/operators';
import './ops/builtins';
import './ops/methods';
import './ops/math';
import './ops/re';
import './ops/sets';
import './ops/text';
import './ops/collections';
import './ops/deque';
import './ops/copy';
import './ops/dataclasses';
import './ops/heapq';
import './ops/random';
import './ops/threading';
import './ops/numpy_random';
import './ops/bytes';
import './ops/datetime';
import './ops/calendar';
import './ops/textwrap';
import './ops/difflib';
import './ops/csv_write';
import './ops/csv';
import './ops/posixpath';
import './ops/html';
import './ops/urllib';
import './ops/unicodedata';
import './ops/functools';
import './ops/statistics';
import './ops/json';
import './ops/dynamic';
import './ops/hasattr';
import './ops/tuples';
import './ops/vartuple';
import './ops/exceptions';
import './ops/iterators';
import './ops/itertools';
import './ops/numpy';
import './ops/numpy_lib';
import './ops/numpy_dtypes';
import './ops/complex';
import './ops/torch';
import './ops/torch_api';
import './ops/torch_losses';
import './ops/torch_inplace';
import './ops/pil';
import './ops/models';
import './ops/rerank';
import './ops/chat';
import './ops/process';

export { allOps, declinedReason, lookupOp, receiverFamily } from './registry';
export { resolveComplex } from './ops/complex';
export type { ResolveContext, ResolveResult } from './registry';
export type { OpEntry } from './registry';
export type { OpChoice } from '../ir/choice';
