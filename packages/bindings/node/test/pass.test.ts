// The Node target's pieces that need no cargo: the capability table, TS type labels and the Cargo.lock merge.

import { checkCapabilities, nodeCapabilities } from '../src/capabilities';
import { mergeCargoLocks } from '@ingot/bindings-common';
import { TYPE_KINDS, type IngotType, type Manifest } from '../src/manifest';
import { tsInputType, tsOutputType } from '../src/pass';

const str: IngotType = { kind: 'str' };

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
      },
    ],
    resources: [],
  };
  expect(checkCapabilities(m)).toEqual([{ functionName: 'f', where: "parameter 'xs'", message: 'a stream cannot be passed from JS' }]);
});

test.each<[IngotType, string, string]>([
  [{ kind: 'list', item: { kind: 'int' } }, 'number[]', 'number[]'],
  [{ kind: 'optional', item: str }, 'string | null', 'string | null | undefined'],
  [{ kind: 'list', item: { kind: 'optional', item: str } }, '(string | null)[]', '(string | null | undefined)[]'],
  [{ kind: 'dict', key: str, value: { kind: 'float' } }, 'Record<string, number>', 'Record<string, number> | Map<string, number>'],
  [{ kind: 'tuple', items: [str, { kind: 'bool' }] }, '[string, boolean]', '[string, boolean]'],
  [{ kind: 'ndarray', dtype: 'float32' }, "NdArray<'float32', Float32Array>", "NdArrayInput<'float32'>"],
])('TS types of %j', (t, out, input) => {
  expect(tsOutputType(t)).toBe(out);
  expect(tsInputType(t)).toBe(input);
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
