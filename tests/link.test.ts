/**
 * Several compiled modules in one program (docs/contracts.md, "Several modules in one program"): each
 * library's C symbols start with its own prefix, so a C program links the static libraries of three
 * different modules (scalar functions, generator streams, numpy arrays on ingot-tensor) side by side
 * with `cc -Wall -Werror` and calls each through its own header, as an iOS or embedded app would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile, parseSourceSpec, renderDiagnostics } from '@ingot/compiler';

interface Module {
  lib: string;
  staticLib: string;
  include: string;
}

const FILES = {
  fma: path.join(__dirname, '..', 'examples', 'fma', 'fma.py'),
  streams: path.join(__dirname, 'corpus', 'streams.py'),
  softmax: path.join(__dirname, 'corpus', 'numpy_softmax.py'),
};

const modules: Record<string, Module> = {};

// `ingot compile`'s full output (the run cache keeps no static libraries), one folder per module.
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-link-'));

beforeAll(async () => {
  for (const [key, file] of Object.entries(FILES)) {
    const r = await compile(parseSourceSpec(file), { outDir: path.join(outRoot, key) });
    if (r.buildError) throw new Error(`cargo failed: ${fs.readFileSync(r.buildError.logFile, 'utf8').slice(-4000)}`);
    if (!r.staticLibPath || !r.manifest || !r.headerPath) throw new Error(renderDiagnostics(r.diagnostics, r.sources));
    modules[key] = { lib: r.manifest.crate.lib, staticLib: r.staticLibPath, include: path.dirname(r.headerPath) };
  }
});

afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

const C_PROGRAM = String.raw`
#include <stdio.h>
#include <string.h>
#include "ingot_fma.h"
#include "ingot_streams.h"
#include "ingot_numpy_softmax.h"

int main(void) {
  /* Each module answers under its own prefix, with its own manifest. */
  printf("versions %u %u %u\n", ingot_fma_abi_version(), ingot_streams_abi_version(), ingot_numpy_softmax_abi_version());
  printf("prefixes %s %s %s\n", INGOT_FMA_SYMBOL_PREFIX, INGOT_STREAMS_SYMBOL_PREFIX, INGOT_NUMPY_SOFTMAX_SYMBOL_PREFIX);
  printf("manifests %d %d\n", strstr(ingot_fma_manifest(), "\"name\":\"fma\"") != NULL,
         strstr(ingot_streams_manifest(), "\"name\":\"streams\"") != NULL);

  /* A typed scalar entry of the first module. */
  double r = 0;
  int st = ingot_fma_fn_fma(2.0, 3.0, 4.0, &r);
  printf("fma %d %g\n", st, r);

  /* A generator of the second, through its own stream type. */
  ingot_streams_stream *s = NULL;
  int64_t v = 0;
  if (ingot_streams_fn_naturals(41, &s) != 0) return 10;
  for (int i = 0; i < 2; i++) { st = ingot_streams_stream_next_int(s, &v); printf("naturals %d %lld\n", st, (long long)v); }
  ingot_streams_stream_free(s);

  /* The third module, on numpy arrays, by name with value JSON; and each module's errors. */
  char *out = NULL;
  st = ingot_numpy_softmax_call_json("softmax",
      "{\"logits\": {\"ndarray\": {\"dtype\": \"float32\", \"shape\": [1, 2], \"data\": [0.0, 0.0]}}}", &out);
  printf("softmax %d %s\n", st, st == 0 ? out : ingot_numpy_softmax_last_error());
  if (st == 0) ingot_numpy_softmax_string_free(out);
  out = NULL;
  st = ingot_fma_call_json("softmax", "{}", &out);
  printf("fma-unknown %d %s\n", st, ingot_fma_last_error());
  st = ingot_numpy_softmax_call_json("fma", "{}", &out);
  printf("softmax-unknown %d %s\n", st, ingot_numpy_softmax_last_error());
  return 0;
}
`;

/** The system libraries a Rust static library needs on this platform (rustc --print native-static-libs). */
function nativeLibs(): string[] {
  if (process.platform === 'darwin') return ['-lSystem', '-lc', '-lm'];
  return ['-lgcc_s', '-lutil', '-lrt', '-lpthread', '-lm', '-ldl', '-lc'];
}

const posix = process.platform === 'win32' ? describe.skip : describe;

posix('three compiled modules linked statically into one C program', () => {
  test('links without duplicate symbols and each module answers through its own prefix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-link-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.c'), C_PROGRAM);
      const all = Object.values(modules);
      const exe = path.join(dir, 'main');
      const cc = spawnSync(
        'cc',
        [
          '-std=c99',
          '-Wall',
          '-Werror',
          '-o',
          exe,
          path.join(dir, 'main.c'),
          ...all.map((m) => `-I${m.include}`),
          // The archives themselves, not -l: a directory with both kinds would make the linker pick the shared one.
          ...all.map((m) => m.staticLib),
          ...nativeLibs(),
        ],
        { encoding: 'utf8' },
      );
      expect(cc.stderr).toBe('');
      expect(cc.status).toBe(0);
      // Statically linked: the program runs without any of the shared libraries on the loader's path.
      const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim().split('\n')).toEqual([
        'versions 2 2 2',
        'prefixes ingot_fma_ ingot_streams_ ingot_numpy_softmax_',
        'manifests 1 1',
        'fma 0 10',
        'naturals 0 41',
        'naturals 0 42',
        'softmax 0 {"ndarray":{"dtype":"float32","shape":[1,2],"data":[0.5,0.5]}}',
        "fma-unknown 4 unknown function 'softmax'",
        "softmax-unknown 4 unknown function 'fma'",
      ]);
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
