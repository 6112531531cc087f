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
import './ops/numpy';
import './ops/torch';
import './ops/pil';
import './ops/models';
import './ops/rerank';
import './ops/chat';

export { allOps, lookupOp, receiverFamily } from './registry';
export type { ResolveContext, ResolveResult } from './registry';
export type { OpEntry } from './registry';
export type { OpChoice } from '../ir/choice';
