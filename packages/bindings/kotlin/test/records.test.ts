// Dataclasses, pydantic models and Enums in the Kotlin target: generate the `records` fixture's package (its JVM jar built
// with kotlinc), run test/jvm/RecordsMain.kt on the JVM against the generated data and enum classes, and check what it printed.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runJvmMain } from './jvmMain';

let lines: Map<string, string>;
let wrapper: string;
let cleanup: () => void;

beforeAll(async () => {
  const run = await runJvmMain('records', 'RecordsMain');
  lines = run.lines;
  cleanup = run.cleanup;
  wrapper = readFileSync(path.join(run.packageDir, 'src', 'main', 'kotlin', 'ingot', 'records', 'Records.kt'), 'utf8');
});

afterAll(() => cleanup?.());

describe('struct and enum results are data and enum classes', () => {
  test('a dataclass result, its default filled in, and a list of them', () => {
    expect(lines.get('best')).toBe('Match(label=b, score=0.9, rank=2)');
    expect(lines.get('best.eq')).toBe('true');
    expect(lines.get('allMatches')).toBe('[Match(label=x, score=0.5, rank=0), Match(label=y, score=0.5, rank=0)]');
  });

  test('a pydantic result with its Literal field, an enum field and a nested optional dataclass', () => {
    expect(lines.get('classify.high')).toBe(
      'Verdict(label=spam, confidence=0.9, priority=HIGH, tags=[a, b], best=Match(label=top, score=0.9, rank=0))',
    );
    expect(lines.get('classify.low')).toBe('Verdict(label=ham, confidence=0.2, priority=LOW, tags=[a, b], best=null)');
    expect(lines.get('classify.types')).toBe('Priority|Match|true');
  });

  test('an enum result is a member carrying its Python value', () => {
    expect(lines.get('triage')).toBe('HIGH|2|LOW');
    expect(lines.get('flip')).toBe('DOCUMENT|document|QUERY');
  });
});

describe('struct and enum arguments', () => {
  test('cross as value JSON: fields, defaults, members', () => {
    expect(lines.get('describe')).toBe('z:1.5:0|z:1.5:4|q:0.25:1');
    expect(lines.get('explain')).toBe('spam/HIGH/2|ham/LOW/1');
    expect(lines.get('prompt')).toBe('query: mars|document: mars');
    expect(lines.get('rankOf')).toBe('20');
    expect(lines.get('nan')).toBe('n:nan:0');
  });

  test('a pydantic model rejects a value outside its Literal on construction', () => {
    expect(lines.get('literal')).toBe(
      "IllegalArgumentException|Verdict.label must be one of 'spam', 'ham', got 'eggs'",
    );
  });

  test('the wrapper declares typed signatures and classes', () => {
    expect(wrapper).toContain('enum class Task(val value: String) {');
    expect(wrapper).toContain('enum class Priority(val value: Long) {');
    expect(wrapper).toContain(
      'data class Match(\n    val label: String,\n    val score: Double,\n    val rank: Long = 0L,\n)',
    );
    expect(wrapper).toContain('fun best(labels: List<String>, scores: List<Double>): Match =');
    expect(wrapper).toContain('fun allMatches(labels: List<String>): List<Match> =');
    expect(wrapper).toContain('fun flip(task: Task): Task =');
    expect(wrapper).toContain('fun describe(m: Match): String =');
  });
});
