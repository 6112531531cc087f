/** The Rust of `enum.Flag`/`enum.IntFlag` classes (`ir/flags.ts`) and of infer's flag op choices (`infer/flags.ts`). */
import type { IrEnum } from '../ir/ir';
import type { OpChoice } from '../ir/choice';
import type { ConstValue } from '../ir/consts';
import { flagCanonicalMembers } from '../ir/flags';
import { rustIdent } from './names';
import { rustStr } from './constants';

/** The Rust of a flag choice (infer's own choices are spelled by emit). */
export function flagSpell(r: OpChoice): string {
  switch (r.variant) {
    case 'binary': {
      const d = r.detail!;
      const side = (k: number, isFlag: boolean): string => (isFlag ? `{${k}}.0` : `({${k}} as i64)`);
      return `${String(d.cls)}(${side(0, !!d.left)} ${String(d.op)} ${side(1, !!d.right)})`;
    }
    case 'invert':
      return '{0}.invert()';
    case 'bool':
      return '({0}.0 != 0)';
    case 'len':
      return '{0}.count()';
    case 'members':
      return '{0}.members()';
    case 'in':
      return '{1}.contains({0})';
    case 'not_in':
      return '!{1}.contains({0})';
    default:
      throw new Error(`unknown flag op ${String(r.variant)}`);
  }
}

/**
 * A Flag or IntFlag class: a Copy newtype over its int whose members are associated constants, with the API every
 * emitted Enum has (`value`, `name`, `from_py`, `from_name`, value JSON, repr/str, hash, truth) and the flag
 * operations (`members`, `count`, `contains`, `invert`).
 */
export function emitFlagEnum(en: IrEnum, file: string): string[] {
  const int = (v: ConstValue): string => (v.kind === 'int' ? `${v.value}i64` : '0i64');
  const canonical = new Set(flagCanonicalMembers(en));
  const mask = en.members
    .filter((m) => canonical.has(m.name) && m.value.kind === 'int')
    .reduce((a, m) => a | (m.value as { value: bigint }).value, 0n);
  const table = en.members.map((m) => `(${rustStr(m.name)}, ${int(m.value)})`).join(', ');
  const n = en.name;
  const int_ = en.mixin === 'int';
  return [
    `// ${file}:${en.span.line}: class ${n} (a Flag: any combination of its members)`,
    '#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]',
    `pub struct ${n}(pub i64);`,
    '',
    '#[allow(non_upper_case_globals, dead_code)]',
    `impl ${n} {`,
    ...en.members.map((m) => `    pub const ${rustIdent(m.name)}: ${n} = ${n}(${int(m.value)});`),
    `    const MEMBERS: &'static [(&'static str, i64)] = &[${table}];`,
    `    const MASK: i64 = ${mask}i64;`,
    '    pub fn value(self) -> i64 {',
    '        self.0',
    '    }',
    "    /// `Class(value)`: any combination of the members' bits (a Flag rejects others, as CPython's STRICT boundary).",
    '    pub fn from_py(x: i64) -> rt::PyResult<Self> {',
    `        Ok(${n}(rt::flags::check(${rustStr(n)}, x, Self::MASK, ${!int_})?))`,
    '    }',
    "    /// `.name`: Python's None (for 0) reads as the text `None`, as formatting it gives.",
    '    pub fn name(self) -> String {',
    '        rt::flags::name(self.0, Self::MEMBERS).unwrap_or_else(|| "None".to_string())',
    '    }',
    "    /// `Class[name]`: the member of this name, or CPython's KeyError.",
    '    pub fn from_name(x: &str) -> rt::PyResult<Self> {',
    `        Self::MEMBERS.iter().find(|(k, _)| *k == x).map(|&(_, v)| ${n}(v)).ok_or_else(|| rt::PyErr::key_error(x))`,
    '    }',
    '    /// Iteration: the one-bit members set, in definition order.',
    '    pub fn members(self) -> Vec<Self> {',
    `        rt::flags::canonical(self.0, Self::MEMBERS).into_iter().map(${n}).collect()`,
    '    }',
    // `len(value)` is 3.11's `value.bit_count()`: an IntFlag's bits no member has count too.
    '    pub fn count(self) -> i64 {',
    '        self.0.unsigned_abs().count_ones() as i64',
    '    }',
    '    pub fn contains(self, other: Self) -> bool {',
    '        other.0 & self.0 == other.0',
    '    }',
    '    pub fn invert(self) -> Self {',
    `        ${n}(Self::MASK & !self.0)`,
    '    }',
    '}',
    '',
    `impl rt::IntoValue for ${n} {`,
    '    fn into_value(self) -> rt::Value {',
    '        rt::IntoValue::into_value(self.0)',
    '    }',
    '}',
    '',
    `impl rt::FromValue for ${n} {`,
    '    fn from_value(v: &rt::Value, path: &str) -> rt::PyResult<Self> {',
    `        ${n}::from_py(<i64 as rt::FromValue>::from_value(v, path)?)`,
    '    }',
    '}',
    '',
    ...(int_
      ? [
          `impl PartialOrd for ${n} {`,
          '    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {',
          '        Some(self.0.cmp(&other.0))',
          '    }',
          '}',
          '',
          `impl rt::cmp::PyOrd for ${n} {`,
          '    fn py_cmp(&self, other: &Self) -> std::cmp::Ordering {',
          '        self.0.cmp(&other.0)',
          '    }',
          '}',
          '',
        ]
      : []),
    // CPython's hash of a Flag value is its name's; an IntFlag's its int's.
    `impl rt::PyHash for ${n} {`,
    '    fn py_hash(&self) -> i64 {',
    int_ ? '        rt::PyHash::py_hash(&self.0)' : '        rt::pyhash::hash_str(&self.name())',
    '    }',
    '}',
    '',
    `impl rt::builtins::PyTruth for ${n} {`,
    '    fn py_bool(&self) -> bool {',
    '        self.0 != 0',
    '    }',
    '}',
    '',
    `impl rt::PyRepr for ${n} {`,
    '    fn py_repr(&self) -> String {',
    `        rt::flags::repr(${rustStr(n)}, self.0, Self::MEMBERS)`,
    '    }',
    '    fn py_str(&self) -> String {',
    int_ ? '        self.0.to_string()' : `        rt::flags::str(${rustStr(n)}, self.0, Self::MEMBERS)`,
    '    }',
    '}',
    '',
  ];
}
