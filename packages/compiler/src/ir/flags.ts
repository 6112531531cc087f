/**
 * `enum.Flag` and `enum.IntFlag` classes (Python 3.11 semantics). A value of such a class is any combination of its
 * one-bit ("canonical") members, so the class is emitted as a Rust newtype over its int (`emit/flags.ts`) rather than a
 * Rust enum; its members are associated constants, so `Cls::MEMBER`, `.value()`, `.name()`, `from_py`, `from_name` are
 * spelled as for any Enum. `infer/flags.ts` types the operators CPython defines on flags.
 */
import type { IrEnum } from './ir';

/** The one-bit members of a Flag class in definition order: what iterating the class (or a value) yields. */
export function flagCanonicalMembers(en: IrEnum | undefined): string[] {
  if (!en) return [];
  const seen = new Set<bigint>();
  return en.members.flatMap((m) => {
    if (m.value.kind !== 'int') return [];
    const v = m.value.value;
    if (v <= 0n || (v & (v - 1n)) !== 0n || seen.has(v)) return [];
    seen.add(v);
    return [m.name];
  });
}
