// The `encoding_format` extension formats (int8, uint8, binary, ubinary) against sentence-transformers'
// `quantize_embeddings` itself: tools/quantize/record.py ran it (with the fixed ranges [-1, 1] the contract uses) on
// vectors chosen to catch slips (every bucket edge and one float32 ulp either side, values outside the range, signed
// zeros, widths that are not a multiple of 8), and this replays them through the contract's runtime (the server and
// the Node client) and the Python client's template. Kotlin and Swift are held to the conformance cases.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openai } from '@ingot/contract';

interface Recorded {
  cases: ({ vector: number[] } & Record<openai.QuantizedFormat, number[]>)[];
}
const recorded = JSON.parse(readFileSync(path.join(__dirname, 'quantize.recorded.json'), 'utf8')) as Recorded;
const FORMATS: openai.QuantizedFormat[] = ['int8', 'uint8', 'binary', 'ubinary'];

test('the recording covers every bucket edge and odd widths', () => {
  expect(recorded.cases.some((c) => c.vector.length === 256)).toBe(true);
  expect(recorded.cases.some((c) => c.vector.length % 8 !== 0)).toBe(true);
  // Both signs of the packed bytes occur, so a bit-order slip shows.
  expect(new Set(recorded.cases.flatMap((c) => c.ubinary)).size).toBeGreaterThan(20);
});

test.each(FORMATS)('the runtime quantises %s as sentence-transformers does', (format) => {
  for (const c of recorded.cases)
    expect(openai.quantizeEmbedding(Float32Array.from(c.vector), format)).toEqual(c[format]);
});

test('the runtime encodes through encoding_format', () => {
  const v = Float32Array.from(recorded.cases[0]!.vector);
  expect(openai.encodeEmbedding(v, 'float')).toEqual(Array.from(v));
  expect(openai.encodeEmbedding(v, 'base64')).toBe(openai.toBase64(v));
  expect(openai.encodeEmbedding(v, 'ubinary')).toEqual(recorded.cases[0]!.ubinary);
});

test('the Python client quantises every format as sentence-transformers does', () => {
  const client = path.resolve(__dirname, '..', '..', '..', 'bindings-templates', 'python', '_ingot_client.py');
  const script = `
import importlib.util, json, sys
from array import array
spec = importlib.util.spec_from_file_location("ingot_client", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
cases = json.load(open(sys.argv[2]))["cases"]
print(json.dumps([{f: m._quantize(array("f", c["vector"]), f) for f in ("int8", "uint8", "binary", "ubinary")} for c in cases]))
`;
  const out = execFileSync('python3', ['-c', script, client, path.join(__dirname, 'quantize.recorded.json')], {
    encoding: 'utf8',
  });
  const got = JSON.parse(out) as Record<openai.QuantizedFormat, number[]>[];
  expect(got).toHaveLength(recorded.cases.length);
  got.forEach((g, i) => {
    for (const f of FORMATS) expect(g[f]).toEqual(recorded.cases[i]![f]);
  });
});
