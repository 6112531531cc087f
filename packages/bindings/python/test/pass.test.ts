// The uniffi pass and the Python pass as plain data: how each manifest type crosses, and what the capability check rejects.

import {
  assertCapabilities,
  TYPE_KINDS,
  uniffi,
  type FunctionRole,
  type IngotType,
  type Manifest,
} from '@ingot/bindings-common';
import { pythonCapabilities } from '../src/capabilities';
import { lowerPythonBinding } from '../src/pass';

function manifestOf(params: IngotType[], returns: IngotType, role: FunctionRole = 'entry'): Manifest {
  return {
    abi_version: 1,
    name: 'm',
    crate: { package: 'ingot-m', lib: 'ingot_m' },
    source: { file: 'm.py', sha256: '' },
    structs: [],
    enums: [],
    functions: [
      {
        name: 'f',
        signature: 'f(...)',
        params: params.map((type, i) => ({ name: `a${i}`, type, default: null, has_default: false })),
        returns,
        stream: returns.kind === 'stream',
        c_symbol: null,
        role,
        rust: { function: 'f', stream: returns.kind === 'stream' ? '__stream_f' : null },
      },
    ],
    resources: [],
  };
}

const float: IngotType = { kind: 'float' };
const str: IngotType = { kind: 'str' };

test.each<[string, string, string, IngotType]>([
  ['float', 'native', 'f64', float],
  ['list[str]', 'native', 'Vec<String>', { kind: 'list', item: str }],
  ['list[list[float]]', 'native', 'Vec<Vec<f64>>', { kind: 'list', item: { kind: 'list', item: float } }],
  ['Optional[int]', 'native', 'Option<i64>', { kind: 'optional', item: { kind: 'int' } }],
  ['list[tuple[int, str]]', 'json', 'String', { kind: 'list', item: { kind: 'tuple', items: [{ kind: 'int' }, str] } }],
  ['dict[str, int]', 'json', 'String', { kind: 'dict', key: str, value: { kind: 'int' } }],
  ['ndarray', 'json', 'String', { kind: 'ndarray', dtype: 'float32' }],
])('a %s parameter crosses as %s (%s)', (_, crossing, rustType, type) => {
  const c = uniffi.lowerUniffiCrate(manifestOf([type], float), pythonCapabilities);
  expect(c.functions[0]!.params[0]).toMatchObject({ crossing, rustType, ffiName: 'p0' });
});

test.each<[string, string, string, IngotType]>([
  ['None', 'none', '()', { kind: 'none' }],
  ['float32 ndarray', 'matrix', 'IngotF32Matrix', { kind: 'ndarray', dtype: 'float32' }],
  ['int64 ndarray', 'json', 'String', { kind: 'ndarray', dtype: 'int64' }],
  ['set[str]', 'json', 'String', { kind: 'set', item: str }],
])('a %s return crosses as %s (%s)', (_, crossing, rustType, type) => {
  const c = uniffi.lowerUniffiCrate(manifestOf([], type), pythonCapabilities);
  expect(c.functions[0]!.ret).toMatchObject({ crossing, rustType });
});

test('the function the manifest gives the embedding role gets the client', () => {
  const m = manifestOf([{ kind: 'list', item: str }], { kind: 'ndarray', dtype: 'float32' }, 'embedding');
  const c = uniffi.lowerUniffiCrate(m, pythonCapabilities);
  expect(c.embed?.pyName).toBe('f');
  expect(lowerPythonBinding(m, c, { projectName: '@acme/my-embed' })).toMatchObject({
    importName: 'my_embed',
    distName: 'my-embed',
    client: { modelName: 'my-embed', ffiName: 'ingot_call_0', trailingArgs: [] },
  });
});

test('a function shaped like an embedder but without the role gets no client: readers never guess', () => {
  const m = manifestOf([{ kind: 'list', item: str }], { kind: 'ndarray', dtype: 'float32' });
  const c = uniffi.lowerUniffiCrate(m, pythonCapabilities);
  expect(c.embed).toBeNull();
  expect(lowerPythonBinding(m, c, {}).client).toBeNull();
});

test('the capability check rejects a stream parameter before any generator runs', () => {
  expect(() =>
    assertCapabilities(manifestOf([{ kind: 'stream', item: float }], float), pythonCapabilities, 'Python'),
  ).toThrow("the Python target cannot bind m:\n  f(): parameter 'a0': a stream cannot be passed from Python");
});

test('the table answers every manifest kind', () => {
  expect(Object.keys(pythonCapabilities).sort()).toEqual([...TYPE_KINDS].sort());
});
