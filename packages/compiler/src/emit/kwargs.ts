/** The Rust of a parameter bound from a `**mapping` at run time (`infer/kwargs.ts`, `rt::kwargs`). */
import type { OpChoice } from '../ir/choice';
import { rustStr } from './constants';

export function kwargsSpell(r: OpChoice): string {
  const d = r.detail!;
  const list = (k: string): string => `&[${(d[k] as string[]).map(rustStr).join(', ')}]`;
  const params = `&rt::kwargs::Params { name: ${rustStr(String(d.fn))}, all: ${list('all')}, given: ${list('given')}, required: ${list('required')} }`;
  const key = rustStr(String(d.key));
  return r.variant === 'take_opt'
    ? `rt::kwargs::take_opt({&0}, ${key}, ${params})?.unwrap_or_else(|| {1})`
    : `rt::kwargs::take({&0}, ${key}, ${params})?`;
}
