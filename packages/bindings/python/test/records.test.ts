// Dataclasses, pydantic models and Enums in the Python target: generate the `records` fixture's wheel (its crate is
// `ingot compile records.py` output), install it into a fresh venv offline, and call it from a plain `python` process.

import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { FIXTURES, outDir, Venv } from './venv';

let venv: Venv;

beforeAll(async () => {
  const { wheel } = await generatePythonPackage({
    compileDir: path.join(FIXTURES, 'records'),
    outDir: outDir('records'),
  });
  venv = new Venv();
  venv.install(wheel);
});

afterAll(() => {
  venv?.remove();
});

/** Runs `code` in the venv with the package's names imported; returns the JSON it prints last. */
function py(code: string): unknown {
  return venv.run(code, 'import json, dataclasses, enum\nfrom records import *');
}

/** The exception a call raises, as `[class, builtin bases it is an instance of, message]`. */
function raised(call: string): unknown {
  return py(
    `try:\n    ${call}\n    out = None\nexcept Exception as e:\n    out = [type(e).__name__, [b.__name__ for b in (TypeError, ValueError) if isinstance(e, b)], str(e)]\nprint(json.dumps(out))`,
  );
}

describe('struct and enum results are the generated classes', () => {
  test('a dataclass result is an instance of the generated @dataclass, with its default filled in', () => {
    expect(
      py(
        'm = best(["a", "b", "c"], [0.2, 0.9, 0.5])\nxs = all_matches(["x", "y"])\n' +
          'print(json.dumps([dataclasses.is_dataclass(m), type(m).__name__, m.label, m.score, m.rank, m == Match("b", 0.9, 2), repr(m),\n' +
          '  [dataclasses.asdict(x) for x in xs], all(isinstance(x, Match) for x in xs)]))',
      ),
    ).toEqual([
      true,
      'Match',
      'b',
      0.9,
      2,
      true,
      "Match(label='b', score=0.9, rank=2)",
      [
        { label: 'x', score: 0.5, rank: 0 },
        { label: 'y', score: 0.5, rank: 0 },
      ],
      true,
    ]);
  });

  test('a pydantic result keeps its Literal field, decodes its enum field into the Enum and its nested dataclass', () => {
    expect(
      py(
        'v = classify(0.9)\nw = classify(0.2)\n' +
          'print(json.dumps([type(v).__name__, v.label, v.confidence, v.priority is Priority.HIGH, v.tags, isinstance(v.best, Match), v.best.label,\n' +
          '  w.label, w.priority is Priority.LOW, w.best, Verdict.__annotations__["label"]]))',
      ),
    ).toEqual(['Verdict', 'spam', 0.9, true, ['a', 'b'], true, 'top', 'ham', true, null, "Literal['spam', 'ham']"]);
  });

  test('an enum result is a member of the generated Enum', () => {
    expect(
      py(
        'print(json.dumps([triage(0.9) is Priority.HIGH, triage(0.1) is Priority.LOW, issubclass(Priority, enum.IntEnum), flip(Task.QUERY) is Task.DOCUMENT,\n' +
          '  flip("document") is Task.QUERY, issubclass(Task, enum.Enum), Task.QUERY == "query", [m.name for m in Task], [m.value for m in Priority]]))',
      ),
    ).toEqual([true, true, true, true, true, true, true, ['QUERY', 'DOCUMENT'], [1, 2]]);
  });
});

describe('struct and enum arguments', () => {
  test('take the generated classes, dicts of fields (defaults filled in) and member values', () => {
    expect(
      py(
        'print(json.dumps([describe(Match("z", 1.5)), describe({"label": "z", "score": 1.5}), describe({"label": "z", "score": 1.5, "rank": 4}),\n' +
          '  describe(best(["q"], [0.25])), prompt(Task.QUERY, "mars"), prompt("document", "mars"), rank_of(Priority.HIGH), rank_of(1),\n' +
          '  explain(classify(0.8)), explain({"label": "ham", "confidence": 1.0, "priority": Priority.LOW, "tags": ["t"], "best": None}),\n' +
          '  explain(Verdict(label="spam", confidence=0.5, priority=2, tags=[], best={"label": "b", "score": 0.1}))]))',
      ),
    ).toEqual([
      'z:1.5:0',
      'z:1.5:0',
      'z:1.5:4',
      'q:0.25:1',
      'query: mars',
      'document: mars',
      20,
      10,
      'spam/HIGH/2',
      'ham/LOW/1',
      'spam/HIGH/0',
    ]);
  });

  test('bad input raises TypeError or ValueError naming the parameter and the field', () => {
    expect(raised('describe({"label": "z"})')).toEqual([
      'TypeError',
      ['TypeError'],
      "argument 'm': missing field 'score' of Match",
    ]);
    expect(raised('describe({"label": "z", "score": 1.0, "colour": "red"})')).toEqual([
      'TypeError',
      ['TypeError'],
      "argument 'm': Match has no field 'colour' (its fields are label, score, rank)",
    ]);
    expect(raised('describe("z")')).toEqual([
      'TypeError',
      ['TypeError'],
      "argument 'm' must be a Match or a dict of its fields, got str",
    ]);
    expect(raised('explain({"label": "eggs", "confidence": 1.0, "priority": 1, "tags": [], "best": None})')).toEqual([
      'ValueError',
      ['ValueError'],
      "argument 'v.label': input should be 'spam' or 'ham', got 'eggs'",
    ]);
    expect(raised('explain({"label": "ham", "confidence": 1.0, "priority": 3, "tags": [], "best": None})')).toEqual([
      'ValueError',
      ['ValueError'],
      "argument 'v.priority': 3 is not a valid Priority (one of 1, 2)",
    ]);
    expect(raised('prompt("poem", "mars")')).toEqual([
      'ValueError',
      ['ValueError'],
      "argument 'task': 'poem' is not a valid Task (one of 'query', 'document')",
    ]);
    expect(raised('prompt(Priority.LOW, "mars")')).toEqual([
      'TypeError',
      ['TypeError'],
      "argument 'task' must be a Task or one of its values, got Priority",
    ]);
    // A field of the wrong type is found by the compiled code, which names the argument and the field.
    expect(raised('describe({"label": 1, "score": 1.0})')).toEqual([
      'TypeError',
      ['TypeError'],
      expect.stringMatching(/^TypeError: .*'m'.*label/),
    ]);
    // The generated pydantic class checks its Literal fields on construction, as pydantic does.
    expect(raised('Verdict(label="eggs", confidence=1.0, priority=Priority.LOW, tags=[], best=None)')).toEqual([
      'ValueError',
      ['ValueError'],
      expect.stringContaining('1 validation error for Verdict\nlabel\n'),
    ]);
  });
});
