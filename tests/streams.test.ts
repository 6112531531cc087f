/**
 * Generator functions as streams through the C ABI (docs/contracts.md, "Streams"), as a
 * generic loader and a C program see them: items arrive one at a time and before a later
 * error, an early return ends the stream, an infinite generator can be abandoned, and the
 * body runs only on demand. tests/corpus/streams.py also runs differentially (as lists).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureTools, runnerPath } from '@ingot/compiler';
import { compileFile } from './harness/differential';

const file = path.join(__dirname, 'corpus', 'streams.py');
let libPath: string;

beforeAll(async () => {
  libPath = (await compileFile(file)).libPath;
  await ensureTools(() => undefined);
});

/** `ingot-runner --stream`: the items it printed (one value JSON per line), its stderr and exit code. */
function stream(fn: string, args: unknown, take?: number): { items: unknown[]; stderr: string; status: number | null } {
  const flags = take === undefined ? ['--stream'] : ['--stream', '--take', String(take)];
  // A collecting (eager) implementation never ends on the infinite generators: time out instead of hanging.
  const p = spawnSync(runnerPath(), [...flags, libPath, fn, JSON.stringify(args)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const items = p.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
  return { items, stderr: p.stderr.trim(), status: p.status };
}

describe('the stream ABI through a generic loader (ingot-runner --stream)', () => {
  test('items arrive before a later error, which fails the stream with its message', () => {
    expect(stream('shout', { words: ['a', 'b', '', 'c'] })).toEqual({
      items: ['A!', 'B!'],
      stderr: 'ValueError: empty word after 2 words',
      status: 1,
    });
  });

  test('an early return ends the stream', () => {
    expect(stream('until_negative', { xs: [3, 1, -1, 4] })).toEqual({ items: [30, 10], stderr: '', status: 0 });
  });

  test('an infinite generator gives the items asked for and is abandoned safely', () => {
    expect(stream('naturals', { start: 5 }, 3)).toEqual({ items: [5, 6, 7], stderr: '', status: 0 });
  });

  test('an item yielded before an endless loop is received: the body runs only on demand', () => {
    expect(stream('first_then_spin', { x: 7 }, 1)).toEqual({ items: [7], stderr: '', status: 0 });
  });

  test('yield inside try/except/finally, and helpers that are generators', () => {
    expect(stream('guarded_div', { xs: [4, 0, 5] }).items).toEqual([25, -1, 20]);
    expect(stream('squares_of_helper', { n: 4 }).items).toEqual([0, 4, 0]);
  });

  test('a name that is not a generator function is status 4', () => {
    expect(stream('nope', {})).toEqual({ items: [], stderr: "no generator function named 'nope'", status: 3 });
  });

  test('<prefix>call_json still returns the list of the yielded items', () => {
    const p = spawnSync(runnerPath(), [libPath, 'until_negative', '{"xs": [3, 1, -1, 4]}'], { encoding: 'utf8' });
    expect([p.status, p.stdout.trim()]).toEqual([0, '[30,10]']);
  });
});

const C_PROGRAM = String.raw`
#include <stdio.h>
#include "ingot_streams.h"

static const char *err(void) { const char *e = ingot_streams_last_error(); return e ? e : "-"; }

int main(void) {
  ingot_streams_stream *s = NULL;
  int64_t v = 0;
  int st;
  /* A typed entry opens the stream; typed next for int items. */
  if (ingot_streams_fn_naturals(41, &s) != 0) return 10;
  for (int i = 0; i < 3; i++) { st = ingot_streams_stream_next_int(s, &v); printf("naturals %d %lld\n", st, (long long)v); }
  /* The wrong typed next is status 2 and does not advance the stream. */
  char *text = NULL;
  st = ingot_streams_stream_next_str(s, &text);
  printf("wrong-kind %d %s\n", st, err());
  st = ingot_streams_stream_next_int(s, &v);
  printf("after-wrong %d %lld\n", st, (long long)v);
  ingot_streams_stream_free(s); /* abandons an infinite generator */

  /* str items; an error after two items; then the stream stays finished. */
  if (ingot_streams_fn_letters("ab3c", &s) != 0) return 11;
  for (int i = 0; i < 4; i++) {
    char *c = NULL;
    st = ingot_streams_stream_next_str(s, &c);
    printf("letters %d %s\n", st, st == 0 ? c : err());
    if (st == 0) ingot_streams_string_free(c);
  }
  ingot_streams_stream_free(s);

  /* By name with value-JSON arguments; an early return. */
  if (ingot_streams_stream_open_json("until_negative", "{\"xs\": [3, 1, -1, 4]}", &s) != 0) return 12;
  for (int i = 0; i < 4; i++) {
    char *j = NULL;
    st = ingot_streams_stream_next_json(s, &j);
    printf("json %d %s\n", st, st == 0 ? j : "-");
    if (st == 0) ingot_streams_string_free(j);
  }
  ingot_streams_stream_free(s);

  s = NULL;
  st = ingot_streams_stream_open_json("nope", "{}", &s);
  printf("unknown %d %s %s\n", st, err(), s ? "written" : "untouched");
  st = ingot_streams_stream_open_json("naturals", "{}", &s);
  printf("missing %d %s\n", st, err());
  st = ingot_streams_stream_next_int(NULL, &v);
  printf("null %d %s\n", st, err());
  ingot_streams_stream_free(NULL);

  /* The first item of a generator that then loops forever. */
  if (ingot_streams_fn_first_then_spin(7, &s) != 0) return 13;
  st = ingot_streams_stream_next_int(s, &v);
  printf("spin %d %lld\n", st, (long long)v);
  ingot_streams_stream_free(s);
  return 0;
}
`;

describe('the stream ABI from C, through the generated header', () => {
  test('typed entries and typed next, errors, abandoning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-stream-c-'));
    try {
      const libDir = path.dirname(libPath);
      const include = path.join(path.dirname(libDir), 'include');
      fs.writeFileSync(path.join(dir, 'main.c'), C_PROGRAM);
      const cc = spawnSync(
        'cc',
        [
          '-std=c99',
          '-Wall',
          '-Werror',
          '-o',
          path.join(dir, 'main'),
          path.join(dir, 'main.c'),
          `-I${include}`,
          `-L${libDir}`,
          '-lingot_streams',
          `-Wl,-rpath,${libDir}`,
        ],
        { encoding: 'utf8' },
      );
      expect(cc.stderr).toBe('');
      const run = spawnSync(path.join(dir, 'main'), [], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split('\n')).toEqual([
        'naturals 0 41',
        'naturals 0 42',
        'naturals 0 43',
        'wrong-kind 2 this stream does not yield str items; use stream_next_int',
        'after-wrong 0 44',
        'letters 0 a',
        'letters 0 b',
        'letters 1 RuntimeError: a digit: 3',
        'letters 5 -',
        'json 0 30',
        'json 0 10',
        'json 5 -',
        'json 5 -',
        "unknown 4 no generator function named 'nope' untouched",
        "missing 2 TypeError: naturals() missing required argument: 'start'",
        "null 2 argument 'stream' is null",
        'spin 0 7',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
