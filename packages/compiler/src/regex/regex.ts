/**
 * Python's regular-expression syntax at compile time: a literal pattern is checked as
 * CPython 3.11's `re._parser` parses it (same messages and positions), and its groups are
 * described for typing (how many, their names, which always take part in a match).
 *
 * The runtime parses patterns again when it compiles them (native-rust/runtime/src/re/
 * syntax.rs, which also writes them out for fancy-regex); both follow `_parse_sub`/`_parse`
 * step by step and replay the same CPython recordings (native-rust/runtime/tests/
 * re_cases.jsonl, see packages/compiler/test/re-syntax.test.ts).
 */

/** The `re` flags, by every name the module gives them. */
export const RE_FLAGS: Readonly<Record<string, number>> = {
  NOFLAG: 0,
  TEMPLATE: 1,
  T: 1,
  IGNORECASE: 2,
  I: 2,
  LOCALE: 4,
  L: 4,
  MULTILINE: 8,
  M: 8,
  DOTALL: 16,
  S: 16,
  UNICODE: 32,
  U: 32,
  VERBOSE: 64,
  X: 64,
  DEBUG: 128,
  ASCII: 256,
  A: 256,
};

const IGNORECASE = 2;
const LOCALE = 4;
const UNICODE = 32;
const VERBOSE = 64;
const DEBUG = 128;
const ASCII = 256;
const TEMPLATE = 1;
const TYPE_FLAGS = ASCII | LOCALE | UNICODE;
const GLOBAL_FLAGS = DEBUG | TEMPLATE;
const FLAG_CHARS: Record<string, number> = {
  i: IGNORECASE,
  L: LOCALE,
  m: 8,
  s: 16,
  x: VERBOSE,
  a: ASCII,
  t: TEMPLATE,
  u: UNICODE,
};

const MAXREPEAT = 4294967295n;
const MAXWIDTH = 1n << 64n;
const MAXGROUPS = 2147483647n;

/** What a pattern's groups look like, for the types of its matches. */
export interface RegexShape {
  /** The number of capture groups. */
  groups: number;
  /** Group names and numbers, in order. */
  names: [string, number][];
  /** For groups 1..n (index 0 unused): whether the group may not take part in a match. */
  optional: boolean[];
  /** `Pattern.flags`: the flags given, inline global flags, and UNICODE unless ASCII. */
  flags: number;
}

/** How a pattern fails: `re.error` (with a position when CPython gives one), ValueError or OverflowError. */
export interface RegexError {
  type: 'error' | 'ValueError' | 'OverflowError' | 'IndexError';
  message: string;
  pos?: number;
}

/** Patterns whose meaning Ingot's runtime cannot give: the diagnostic says why. */
const UNSUPPORTED_NOTE = '(\\N{...} is not supported)';

type Tok = string; // one char, or a backslash and the char after it
class Fail {
  constructor(readonly err: RegexError) {}
}

interface Item {
  kind: 'at' | 'repeat' | 'other';
  lo: bigint;
  hi: bigint;
  groups: number[];
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const cap = (x: bigint): bigint => min(x, MAXWIDTH);

function isIdentifier(s: string): boolean {
  const cs = Array.from(s);
  if (cs.length === 0) return false;
  if (!(cs[0] === '_' || /\p{Alphabetic}/u.test(cs[0]!))) return false;
  return cs
    .slice(1)
    .every((c) => c === '_' || /[\p{Alphabetic}\p{N}]/u.test(c) || (c.codePointAt(0)! > 127 && !/[\s\p{Cc}]/u.test(c)));
}

/** Python's repr of a str, for messages (`'name'`). */
function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const c of s) {
    if (c === '\\') out += '\\\\';
    else if (c === q) out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c.codePointAt(0)! < 32 || c.codePointAt(0) === 127)
      out += `\\x${c.codePointAt(0)!.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return out + q;
}

/** CPython's Tokenizer over code points. */
class Tokenizer {
  readonly s: string[];
  index = 0;
  next: Tok | undefined;
  constructor(text: string) {
    this.s = Array.from(text);
    this.advance();
  }
  advance(): void {
    const i = this.index;
    const c = this.s[i];
    if (c === undefined) {
      this.next = undefined;
      return;
    }
    if (c === '\\') {
      const d = this.s[i + 1];
      if (d === undefined)
        throw new Fail({ type: 'error', message: 'bad escape (end of pattern)', pos: this.s.length - 1 });
      this.index = i + 2;
      this.next = c + d;
    } else {
      this.index = i + 1;
      this.next = c;
    }
  }
  tell(): number {
    return this.index - (this.next === undefined ? 0 : this.next.length);
  }
  err(message: string, offset = 0): Fail {
    return new Fail({ type: 'error', message, pos: this.tell() - offset });
  }
  match(c: string): boolean {
    if (this.next === c) {
      this.advance();
      return true;
    }
    return false;
  }
  get(): Tok | undefined {
    const t = this.next;
    this.advance();
    return t;
  }
  seek(index: number): void {
    this.index = index;
    this.advance();
  }
  nextIn(set: string): boolean {
    return this.next !== undefined && this.next.length === 1 && set.includes(this.next);
  }
  getwhile(n: number, set: string): string {
    let out = '';
    for (let k = 0; k < n && this.nextIn(set); k++) {
      out += this.next;
      this.advance();
    }
    return out;
  }
  getuntil(term: string, name: string): string {
    let out = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === undefined) {
        if (!out) throw this.err(`missing ${name}`);
        throw this.err(`missing ${term}, unterminated name`, Array.from(out).length);
      }
      if (c === term) {
        if (!out) throw this.err(`missing ${name}`, 1);
        return out;
      }
      out += c;
    }
  }
}

class Checker {
  readonly t: Tokenizer;
  flags: number;
  readonly names: [string, number][] = [];
  readonly index = new Map<string, number>();
  /** Widths of closed groups (undefined while open); index 0 is the whole pattern. */
  readonly widths: ([bigint, bigint] | undefined)[] = [undefined];
  readonly optional: boolean[] = [false];
  lookbehindGroups: number | undefined;
  readonly grouprefPos = new Map<bigint, number>();
  compileError: string | undefined;

  constructor(pattern: string, flags: number) {
    this.t = new Tokenizer(pattern);
    this.flags = flags;
  }

  get groups(): number {
    return this.widths.length;
  }
  checkGroup(g: number): boolean {
    return g < this.groups && this.widths[g] !== undefined;
  }
  checkGroupName(name: string, offset: number): void {
    if (!isIdentifier(name))
      throw this.t.err(`bad character in group name ${pyRepr(name)}`, Array.from(name).length + offset);
  }
  checkLookbehindGroup(g: number): void {
    if (this.lookbehindGroups === undefined) return;
    if (!this.checkGroup(g)) throw this.t.err('cannot refer to an open group');
    if (g >= this.lookbehindGroups) throw this.t.err('cannot refer to group defined in the same lookbehind subpattern');
  }
  markOptional(groups: number[]): void {
    for (const g of groups) this.optional[g] = true;
  }

  parseSub(verbose: boolean, nested: number): Item {
    const branches: Item[][] = [];
    for (;;) {
      const [seq, v] = this.parse(verbose, nested + 1, nested === 0 && branches.length === 0);
      branches.push(seq);
      if (nested === 0) verbose = v;
      if (!this.t.match('|')) break;
      if (nested === 0) verbose = (this.flags & VERBOSE) !== 0;
    }
    const widths = branches.map(seqWidth);
    const groups = branches.flatMap((b) => b.flatMap((i) => i.groups));
    if (branches.length === 1) return { kind: 'other', lo: widths[0]![0], hi: widths[0]![1], groups };
    this.markOptional(groups);
    return {
      kind: 'other',
      lo: widths.reduce((a, w) => min(a, w[0]), MAXWIDTH),
      hi: widths.reduce((a, w) => max(a, w[1]), 0n),
      groups,
    };
  }

  parse(verbose: boolean, nested: number, first: boolean): [Item[], boolean] {
    const seq: Item[] = [];
    const t = this.t;
    for (;;) {
      const self = t.next;
      if (self === undefined || self === '|' || self === ')') break;
      t.advance();
      if (verbose && self.length === 1) {
        if (' \t\n\r\v\f'.includes(self)) continue;
        if (self === '#') {
          for (;;) {
            const c = t.get();
            if (c === undefined || c === '\n') break;
          }
          continue;
        }
      }
      if (self.length === 2) {
        seq.push(this.escape(self));
        continue;
      }
      if (!'.\\[{()*+?^$|'.includes(self)) {
        seq.push(unit());
        continue;
      }
      switch (self) {
        case '[':
          seq.push(this.set());
          break;
        case '*':
        case '+':
        case '?':
        case '{': {
          const here = t.tell();
          let lo = 0n;
          let hi = MAXREPEAT;
          if (self === '?') hi = 1n;
          else if (self === '+') lo = 1n;
          else if (self === '{') {
            if (t.next === '}') {
              seq.push(unit());
              continue;
            }
            let a = '';
            let b = '';
            while (t.nextIn('0123456789')) a += t.get();
            if (t.match(',')) {
              while (t.nextIn('0123456789')) b += t.get();
            } else b = a;
            if (!t.match('}')) {
              seq.push(unit());
              t.seek(here);
              continue;
            }
            if (a) {
              lo = BigInt(a);
              if (lo >= MAXREPEAT)
                throw new Fail({ type: 'OverflowError', message: 'the repetition number is too large' });
            }
            if (b) {
              hi = BigInt(b);
              if (hi >= MAXREPEAT)
                throw new Fail({ type: 'OverflowError', message: 'the repetition number is too large' });
              if (hi < lo) throw t.err('min repeat greater than max repeat', t.tell() - here);
            }
          }
          const off = t.tell() - here + 1;
          const item = seq.pop();
          if (!item || item.kind === 'at') throw t.err('nothing to repeat', off);
          if (item.kind === 'repeat') throw t.err('multiple repeat', off);
          if (!t.match('?')) t.match('+');
          if (lo === 0n) this.markOptional(item.groups);
          seq.push({
            kind: 'repeat',
            groups: item.groups,
            lo: cap(item.lo * lo),
            hi: hi === MAXREPEAT && item.hi > 0n ? MAXWIDTH : cap(item.hi * hi),
          });
          break;
        }
        case '.':
          seq.push(unit());
          break;
        case '(': {
          const g = this.group(verbose, nested, first && seq.length === 0);
          if (g === 'flags') verbose = (this.flags & VERBOSE) !== 0;
          else if (g) seq.push(g);
          break;
        }
        default:
          seq.push({ kind: 'at', lo: 0n, hi: 0n, groups: [] });
          break; // ^ $
      }
    }
    return [seq, verbose];
  }

  /** After `(`; 'flags' for global inline flags, undefined for a comment. */
  group(verbose: boolean, nested: number, atStart: boolean): Item | 'flags' | undefined {
    const t = this.t;
    const start = t.tell() - 1;
    let capture = true;
    let name: string | undefined;
    let add = 0;
    let del = 0;
    if (t.match('?')) {
      const ch = t.get();
      if (ch === undefined) throw t.err('unexpected end of pattern');
      if (ch === 'P') {
        if (t.match('<')) {
          name = t.getuntil('>', 'group name');
          this.checkGroupName(name, 1);
        } else if (t.match('=')) {
          const n = t.getuntil(')', 'group name');
          this.checkGroupName(n, 1);
          const len = Array.from(n).length;
          const gid = this.index.get(n);
          if (gid === undefined) throw t.err(`unknown group name ${pyRepr(n)}`, len + 1);
          if (!this.checkGroup(gid)) throw t.err('cannot refer to an open group', len + 1);
          this.checkLookbehindGroup(gid);
          const [lo, hi] = this.widths[gid]!;
          return { kind: 'other', lo, hi, groups: [] };
        } else {
          const c = t.get();
          if (c === undefined) throw t.err('unexpected end of pattern');
          throw t.err(`unknown extension ?P${c}`, c.length + 2);
        }
      } else if (ch === ':') {
        capture = false;
      } else if (ch === '#') {
        for (;;) {
          if (t.next === undefined) throw t.err('missing ), unterminated comment', t.tell() - start);
          if (t.get() === ')') break;
        }
        return undefined;
      } else if (ch === '=' || ch === '!' || ch === '<') {
        let kind = ch;
        let outer: number | undefined | null = null;
        if (ch === '<') {
          const c = t.get();
          if (c === undefined) throw t.err('unexpected end of pattern');
          if (c !== '=' && c !== '!') throw t.err(`unknown extension ?<${c}`, c.length + 2);
          kind = c;
          outer = this.lookbehindGroups;
          if (this.lookbehindGroups === undefined) this.lookbehindGroups = this.groups;
        }
        const p = this.parseSub(verbose, nested + 1);
        if (outer === undefined) this.lookbehindGroups = undefined;
        if (!t.match(')')) throw t.err('missing ), unterminated subpattern', t.tell() - start);
        if (outer !== null && p.lo !== p.hi) this.compileError ??= 'look-behind requires fixed-width pattern';
        // A negative assertion's groups never hold anything after it succeeds.
        if (kind === '!') this.markOptional(p.groups);
        return { kind: 'other', lo: 0n, hi: 0n, groups: p.groups };
      } else if (ch === '(') {
        const cond = t.getuntil(')', 'group name');
        const len = Array.from(cond).length;
        let gid: number;
        if (isIdentifier(cond)) {
          const g = this.index.get(cond);
          if (g === undefined) throw t.err(`unknown group name ${pyRepr(cond)}`, len + 1);
          gid = g;
        } else {
          if (!/^[0-9]+$/.test(cond)) throw t.err(`bad character in group name ${pyRepr(cond)}`, len + 1);
          const n = BigInt(cond);
          if (n === 0n) throw t.err('bad group number', len + 1);
          if (n >= MAXGROUPS) throw t.err(`invalid group reference ${n}`, len + 1);
          if (!this.grouprefPos.has(n)) this.grouprefPos.set(n, t.tell() - len - 1);
          gid = Number(n);
        }
        this.checkLookbehindGroup(gid);
        const [yes] = this.parse(verbose, nested + 1, false);
        let no: Item[] | undefined;
        if (t.match('|')) {
          [no] = this.parse(verbose, nested + 1, false);
          if (t.next === '|') throw t.err('conditional backref with more than two branches');
        }
        if (!t.match(')')) throw t.err('missing ), unterminated subpattern', t.tell() - start);
        const groups = [...yes, ...(no ?? [])].flatMap((i) => i.groups);
        this.markOptional(groups);
        const [ylo, yhi] = seqWidth(yes);
        const [nlo, nhi] = no ? seqWidth(no) : [0n, 0n];
        return { kind: 'other', lo: no ? min(ylo, nlo) : 0n, hi: max(yhi, nhi), groups };
      } else if (ch === '>') {
        capture = false;
      } else if (ch.length === 1 && (ch in FLAG_CHARS || ch === '-')) {
        const f = this.parseFlags(ch);
        if (f === undefined) {
          if (!atStart) throw t.err('global flags not at the start of the expression', t.tell() - start);
          return 'flags';
        }
        [add, del] = f;
        capture = false;
      } else {
        throw t.err(`unknown extension ?${ch}`, ch.length + 1);
      }
    }
    let gid: number | undefined;
    if (capture) {
      gid = this.groups;
      this.widths.push(undefined);
      this.optional.push(false);
      if (name !== undefined) {
        const old = this.index.get(name);
        if (old !== undefined)
          throw t.err(
            `redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${old}`,
            Array.from(name).length + 1,
          );
        this.index.set(name, gid);
        this.names.push([name, gid]);
      }
    }
    const subVerbose = (verbose || (add & VERBOSE) !== 0) && (del & VERBOSE) === 0;
    const p = this.parseSub(subVerbose, nested + 1);
    if (!t.match(')')) throw t.err('missing ), unterminated subpattern', t.tell() - start);
    if (gid !== undefined) this.widths[gid] = [p.lo, p.hi];
    return { kind: 'other', lo: p.lo, hi: p.hi, groups: gid !== undefined ? [gid, ...p.groups] : p.groups };
  }

  /** Inline flags after `(?`: undefined for global flags, else the scoped [add, del]. */
  parseFlags(first: string): [number, number] | undefined {
    const t = this.t;
    let add = 0;
    let del = 0;
    let c: Tok = first;
    const known = (x: Tok): boolean => x.length === 1 && x in FLAG_CHARS;
    const alpha = (x: Tok): boolean => x.length === 1 && /\p{Alphabetic}/u.test(x);
    if (c !== '-') {
      for (;;) {
        const f = FLAG_CHARS[c]!;
        if (c === 'L') throw t.err("bad inline flags: cannot use 'L' flag with a str pattern");
        add |= f;
        if ((f & TYPE_FLAGS) !== 0 && (add & TYPE_FLAGS) !== f)
          throw t.err("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        const n = t.get();
        if (n === undefined) throw t.err('missing -, : or )');
        if (n === ')' || n === '-' || n === ':') {
          c = n;
          break;
        }
        if (!known(n)) throw t.err(alpha(n) ? 'unknown flag' : 'missing -, : or )', n.length);
        c = n;
      }
    }
    if (c === ')') {
      this.flags |= add;
      return undefined;
    }
    if (add & GLOBAL_FLAGS) throw t.err('bad inline flags: cannot turn on global flag', 1);
    if (c === '-') {
      const n = t.get();
      if (n === undefined) throw t.err('missing flag');
      if (!known(n)) throw t.err(alpha(n) ? 'unknown flag' : 'missing flag', n.length);
      c = n;
      for (;;) {
        const f = FLAG_CHARS[c]!;
        if (f & TYPE_FLAGS) throw t.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        del |= f;
        const m = t.get();
        if (m === undefined) throw t.err('missing :');
        if (m === ':') break;
        if (!known(m)) throw t.err(alpha(m) ? 'unknown flag' : 'missing :', m.length);
        c = m;
      }
    }
    if (del & GLOBAL_FLAGS) throw t.err('bad inline flags: cannot turn off global flag', 1);
    if (add & del) throw t.err('bad inline flags: flag turned on and off', 1);
    return [add, del];
  }

  set(): Item {
    const t = this.t;
    const here = t.tell() - 1;
    t.match('^');
    let empty = true;
    for (;;) {
      const self = t.get();
      if (self === undefined) throw t.err('unterminated character set', t.tell() - here);
      if (self === ']' && !empty) break;
      empty = false;
      const code1 = self.length === 2 ? this.classEscape(self) : self.codePointAt(0)!;
      if (t.match('-')) {
        const that = t.get();
        if (that === undefined) throw t.err('unterminated character set', t.tell() - here);
        if (that === ']') break;
        const code2 = that.length === 2 ? this.classEscape(that) : that.codePointAt(0)!;
        const msg = `bad character range ${self}-${that}`;
        if (code1 === 'category' || code2 === 'category' || code2 < code1)
          throw t.err(msg, self.length + 1 + that.length);
      }
    }
    return unit();
  }

  /** A code point, or 'category' for `\d` and the like. */
  classEscape(esc: string): number | 'category' {
    const c = esc[1]!;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if ('dDsSwW'.includes(c)) return 'category';
    const v = this.numericEscape(c, true);
    if (v !== undefined) return v;
    if (/[0-9A-Za-z]/.test(c)) throw this.t.err(`bad escape \\${c}`, 2);
    return c.codePointAt(0)!;
  }

  numericEscape(c: string, inClass: boolean): number | undefined {
    const t = this.t;
    const HEX = '0123456789abcdefABCDEF';
    if (c === 'x' || c === 'u' || c === 'U') {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const digits = t.getwhile(n, HEX);
      const esc = `\\${c}${digits}`;
      if (digits.length !== n) throw t.err(`incomplete escape ${esc}`, esc.length);
      const v = parseInt(digits, 16);
      if (v > 0x10ffff) throw t.err(`bad escape ${esc}`, esc.length);
      return v;
    }
    if (c === 'N') {
      if (!t.match('{')) throw t.err('missing {');
      const name = t.getuntil('}', 'character name');
      throw t.err(`undefined character name ${pyRepr(name)} ${UNSUPPORTED_NOTE}`, Array.from(name).length + 4);
    }
    if (inClass && '01234567'.includes(c)) {
      const esc = `\\${c}${t.getwhile(2, '01234567')}`;
      const v = parseInt(esc.slice(1), 8);
      if (v > 0o377) throw t.err(`octal escape value ${esc} outside of range 0-0o377`, esc.length);
      return v;
    }
    if (c === '0') return parseInt(`0${t.getwhile(2, '01234567')}`, 8);
    return undefined;
  }

  escape(esc: string): Item {
    const t = this.t;
    const c = esc[1]!;
    if ('AZbB'.includes(c)) return { kind: 'at', lo: 0n, hi: 0n, groups: [] };
    if ('dDsSwW'.includes(c) || SIMPLE_ESCAPES[c] !== undefined) return unit();
    if (this.numericEscape(c, false) !== undefined) return unit();
    if (/[0-9]/.test(c)) {
      let digits = c;
      if (t.nextIn('0123456789')) {
        const d = t.get()!;
        digits += d;
        if ('01234567'.includes(c) && '01234567'.includes(d) && t.nextIn('01234567')) {
          digits += t.get();
          if (parseInt(digits, 8) > 0o377)
            throw t.err(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
          return unit();
        }
      }
      const g = Number(digits);
      if (g < this.groups) {
        if (!this.checkGroup(g)) throw t.err('cannot refer to an open group', digits.length + 1);
        this.checkLookbehindGroup(g);
        const [lo, hi] = this.widths[g]!;
        return { kind: 'other', lo, hi, groups: [] };
      }
      throw t.err(`invalid group reference ${g}`, digits.length);
    }
    if (/[A-Za-z]/.test(c)) throw t.err(`bad escape \\${c}`, 2);
    return unit();
  }
}

/** `\b` is a backspace inside a set; outside it is a word boundary (handled first). */
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

function unit(): Item {
  return { kind: 'other', lo: 1n, hi: 1n, groups: [] };
}

function seqWidth(seq: Item[]): [bigint, bigint] {
  let lo = 0n;
  let hi = 0n;
  for (const i of seq) {
    lo = cap(lo + i.lo);
    hi = cap(hi + i.hi);
  }
  return [lo, hi];
}

/** Checks `pattern` as `re.compile(pattern, flags)` would; the shape of its groups, or the error CPython raises. */
export function checkRegex(pattern: string, flags: number): RegexShape | { error: RegexError } {
  try {
    const c = new Checker(pattern, flags);
    c.parseSub((flags & VERBOSE) !== 0, 0);
    let f = c.flags;
    if (f & LOCALE) return { error: { type: 'ValueError', message: 'cannot use LOCALE flag with a str pattern' } };
    if (!(f & ASCII)) f |= UNICODE;
    else if (f & UNICODE) return { error: { type: 'ValueError', message: 'ASCII and UNICODE flags are incompatible' } };
    if (c.t.next !== undefined) throw c.t.err('unbalanced parenthesis');
    for (const [g, pos] of c.grouprefPos) {
      if (g >= BigInt(c.groups)) return { error: { type: 'error', message: `invalid group reference ${g}`, pos } };
    }
    if (c.compileError) return { error: { type: 'error', message: c.compileError } };
    return { groups: c.groups - 1, names: c.names, optional: c.optional, flags: f };
  } catch (e) {
    if (e instanceof Fail) return { error: e.err };
    throw e;
  }
}

/** `str(re.error)`: the message with ` at position N` (and the line and column for a multi-line pattern). */
export function regexErrorText(pattern: string, e: RegexError): string {
  if (e.pos === undefined) return e.message;
  let out = `${e.message} at position ${e.pos}`;
  const cps = Array.from(pattern);
  if (cps.includes('\n')) {
    const before = cps.slice(0, e.pos);
    const line = before.filter((c) => c === '\n').length + 1;
    const col = e.pos - before.lastIndexOf('\n');
    out += ` (line ${line}, column ${col})`;
  }
  return out;
}

/**
 * Checks a replacement string (`re.sub`'s repl) against a pattern's groups as CPython's
 * `parse_template`; the group numbers it uses, or the error.
 */
export function checkTemplate(repl: string, shape: RegexShape): number[] | { error: RegexError } {
  try {
    const t = new Tokenizer(repl);
    const used: number[] = [];
    const addGroup = (index: bigint, offset: number): void => {
      if (index > BigInt(shape.groups)) throw t.err(`invalid group reference ${index}`, offset);
      used.push(Number(index));
    };
    for (;;) {
      const self = t.get();
      if (self === undefined) break;
      if (self.length === 1) continue;
      const c = self[1]!;
      if (c === 'g') {
        if (!t.match('<')) throw t.err('missing <');
        const name = t.getuntil('>', 'group name');
        const len = Array.from(name).length;
        if (isIdentifier(name)) {
          const g = shape.names.find(([n]) => n === name);
          if (!g) return { error: { type: 'IndexError', message: `unknown group name ${pyRepr(name)}` } };
          addGroup(BigInt(g[1]), len + 1);
        } else {
          if (!/^[0-9]+$/.test(name)) throw t.err(`bad character in group name ${pyRepr(name)}`, len + 1);
          const n = BigInt(name);
          if (n >= MAXGROUPS) throw t.err(`invalid group reference ${n}`, len + 1);
          addGroup(n, len + 1);
        }
      } else if (c === '0') {
        if (t.nextIn('01234567')) {
          t.get();
          if (t.nextIn('01234567')) t.get();
        }
      } else if (/[1-9]/.test(c)) {
        let digits = c;
        let octal = false;
        if (t.nextIn('0123456789')) {
          const d = t.get()!;
          digits += d;
          if (c <= '7' && d <= '7' && t.nextIn('01234567')) {
            digits += t.get();
            octal = true;
            if (parseInt(digits, 8) > 0o377)
              throw t.err(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
          }
        }
        if (!octal) addGroup(BigInt(digits), digits.length);
      } else if (SIMPLE_ESCAPES[c] === undefined && /[A-Za-z]/.test(c)) {
        throw t.err(`bad escape \\${c}`, 2);
      }
    }
    return used;
  } catch (e) {
    if (e instanceof Fail) return { error: e.err };
    throw e;
  }
}

/**
 * The `detail` of an `re.Pattern` / `re.Match` type: its groups in order, each by name or
 * number, `?` after one that may not take part (`re.Match[1, year, 3?]`); empty for no groups.
 */
export function shapeDetail(shape: RegexShape): string {
  const parts: string[] = [];
  for (let g = 1; g <= shape.groups; g++) {
    const name = shape.names.find(([, i]) => i === g)?.[0];
    parts.push(`${name ?? g}${shape.optional[g] ? '?' : ''}`);
  }
  return parts.join(', ');
}

/** The groups a type's `detail` describes (flags are not part of a type). */
export function detailShape(detail: string): RegexShape {
  const parts = detail === '' ? [] : detail.split(', ');
  const names: [string, number][] = [];
  const optional = [false];
  parts.forEach((p, i) => {
    const opt = p.endsWith('?');
    const name = opt ? p.slice(0, -1) : p;
    if (name !== String(i + 1)) names.push([name, i + 1]);
    optional.push(opt);
  });
  return { groups: parts.length, names, optional, flags: 0 };
}
