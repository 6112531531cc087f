// The Node target's pieces that need no cargo: the capability table, TS type labels and the Cargo.lock merge.

import { checkCapabilities, nodeCapabilities } from '../src/capabilities';
import { mergeCargoLocks } from '@ingot/bindings-common';
import { TYPE_KINDS, type IngotType, type Manifest } from '@ingot/bindings-common';
import { lowerNodeBinding, tsInputType, tsOutputType } from '../src/pass';

const str: IngotType = { kind: 'str' };

/** The manifest keys these tests do not exercise. */
const EMPTY = {
  crate: { package: 'ingot-m', lib: 'ingot_m' },
  source: { file: 'm.py', sha256: '' },
  structs: [],
  enums: [],
  resources: [],
};

test('the capability table answers for every manifest type kind', () => {
  expect(Object.keys(nodeCapabilities).sort()).toEqual([...TYPE_KINDS].sort());
});

test('a parameter the target cannot pass is rejected before generation, naming the function and parameter', () => {
  const m: Manifest = {
    abi_version: 1,
    name: 'm',
    functions: [
      {
        name: 'f',
        signature: 'f(xs: Iterator[str]) -> int',
        params: [{ name: 'xs', type: { kind: 'stream', item: str }, default: null, has_default: false }],
        returns: { kind: 'int' },
        stream: false,
        c_symbol: null,
        role: 'entry',
        rust: { function: 'f', stream: null },
      },
    ],
    ...EMPTY,
  };
  expect(checkCapabilities(m)).toEqual([
    { functionName: 'f', where: "parameter 'xs'", message: 'a stream cannot be passed from JS' },
  ]);
});

test.each<[IngotType, string, string]>([
  [{ kind: 'list', item: { kind: 'int' } }, 'number[]', 'number[]'],
  [{ kind: 'optional', item: str }, 'string | null', 'string | null | undefined'],
  [{ kind: 'list', item: { kind: 'optional', item: str } }, '(string | null)[]', '(string | null | undefined)[]'],
  [
    { kind: 'dict', key: str, value: { kind: 'float' } },
    'Record<string, number>',
    'Record<string, number> | Map<string, number>',
  ],
  [{ kind: 'tuple', items: [str, { kind: 'bool' }] }, '[string, boolean]', '[string, boolean]'],
  [{ kind: 'ndarray', dtype: 'float32' }, "NdArray<'float32', Float32Array>", "NdArrayInput<'float32'>"],
])('TS types of %j', (t, out, input) => {
  expect(tsOutputType(t)).toBe(out);
  expect(tsInputType(t)).toBe(input);
});

test('a float32 ndarray return crosses as a Float32Array over the Rust buffer; other dtypes and params as value JSON', () => {
  const fn = (name: string, dtype: string | null): Manifest['functions'][number] => ({
    name,
    signature: `${name}() -> ndarray`,
    params: [{ name: 'a', type: { kind: 'ndarray', dtype: 'float32' }, default: null, has_default: false }],
    returns: { kind: 'ndarray', dtype },
    stream: false,
    c_symbol: null,
    role: 'entry',
    rust: { function: name, stream: null },
  });
  const b = lowerNodeBinding(
    {
      abi_version: 1,
      name: 'm',
      functions: [fn('f32', 'float32'), fn('f64', 'float64'), fn('any', null)],
      ...EMPTY,
    },
    {},
  );
  expect(b.functions.map((f) => [f.ret.crossing, f.ret.napiRustType, f.params[0]!.crossing])).toEqual([
    ['float32', 'IngotFloat32NdArray', 'json'],
    ['json', 'String', 'json'],
    ['json', 'String', 'json'],
  ]);
  expect(b.usesFloat32).toBe(true);
  expect(b.functions[0]!.ret.tsType).toBe("NdArray<'float32', Float32Array>");
});

test('merging locks keeps both versions of a crate and qualifies references that become ambiguous', () => {
  const a = `version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "syn",
]

[[package]]
name = "syn"
version = "2.0.1"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "aa"
`;
  const b = `version = 4

[[package]]
name = "napi-derive"
version = "3.7.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "bb"
dependencies = [
 "syn",
]

[[package]]
name = "syn"
version = "3.0.9"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "cc"
`;
  const merged = mergeCargoLocks(a, b);
  expect(merged).toContain('name = "app"\nversion = "0.1.0"\ndependencies = [\n "syn 2.0.1",\n]');
  expect(merged).toContain('name = "napi-derive"\nversion = "3.7.0"');
  expect(merged).toContain(' "syn 3.0.9",');
  expect(merged.match(/name = "syn"/g)).toHaveLength(2);
});

test('a struct or enum the manifest does not describe is rejected; described ones are checked through their fields', () => {
  const fn = (t: IngotType): Manifest['functions'][number] => ({
    name: 'f',
    signature: 'f(x) -> None',
    params: [{ name: 'x', type: t, default: null, has_default: false }],
    returns: { kind: 'none' },
    stream: false,
    c_symbol: null,
    role: 'entry',
    rust: { function: 'f', stream: null },
  });
  const bare: Manifest = {
    abi_version: 1,
    name: 'm',
    functions: [fn({ kind: 'struct', name: 'Match' }), fn({ kind: 'enum', name: 'Task' })],
    ...EMPTY,
  };
  expect(checkCapabilities(bare).map((p) => p.message)).toEqual([
    `struct 'Match' is not described in the manifest's "structs"`,
    `enum 'Task' is not described in the manifest's "enums"`,
  ]);
  const described: Manifest = {
    ...bare,
    structs: [
      {
        name: 'Match',
        origin: 'dataclass',
        fields: [{ name: 'xs', type: { kind: 'stream', item: str }, default: null, has_default: false, allowed: null }],
      },
    ],
    enums: [{ name: 'Task', value_type: str, members: [{ name: 'QUERY', value: 'query' }] }],
  };
  expect(checkCapabilities(described)).toEqual([
    { functionName: 'f', where: "parameter 'x', field 'Match.xs'", message: 'a stream cannot appear inside a struct' },
  ]);
  expect([
    tsOutputType({ kind: 'struct', name: 'Match' }),
    tsInputType({ kind: 'list', item: { kind: 'struct', name: 'Match' } }, new Set(['Match'])),
  ]).toEqual(['Match', 'MatchInput[]']);
});
