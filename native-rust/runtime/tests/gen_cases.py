#!/usr/bin/env python3
"""Writes tests/cases.jsonl: inputs and CPython's answers for the runtime's tricky
semantics. tests/cpython_cases.rs replays every line against the runtime.

Re-run after adding cases:  python3 tests/gen_cases.py > tests/cases.jsonl
Each line: {"op": name, "args": [...], "out": value} or {"op", "args", "err": "Kind: msg"}.
"""
import json
import math

INT_BIG = 2**63 - 1
lines = []


def case(op, *args, fn):
    try:
        out = fn(*args)
        if isinstance(out, int) and not isinstance(out, bool) and not fits(out):
            # Python ints are unbounded; ours raise instead of giving a wrong answer.
            raise OverflowError("integer overflow: result does not fit in 64 bits")
        rec = {"op": op, "args": list(args), "out": out}
    except Exception as e:  # noqa: BLE001 - we record CPython's exception
        msg = str(e)
        if isinstance(e, KeyError):
            msg = repr(e.args[0])
        rec = {"op": op, "args": list(args), "err": f"{type(e).__name__}: {msg}" if msg else type(e).__name__}
    lines.append(json.dumps(rec, ensure_ascii=False))


def fits(v):
    return isinstance(v, int) and -2**63 <= v < 2**63


ints = [0, 1, -1, 7, -7, 3, -3, 2**62, -2**63, INT_BIG, 10**18 + 7]
for a in ints:
    for b in [1, -1, 2, -2, 3, -3, 7, -7, 0, 10**9 + 7]:
        if fits(a // b if b else 0):
            case("int.floordiv", a, b, fn=lambda a, b: a // b)
        case("int.mod", a, b, fn=lambda a, b: a % b)
        case("int.truediv", a, b, fn=lambda a, b: a / b)
for a, b in [(2**53 + 1, 3), (2**63 - 1, 7), (-(2**63), 3), (12345678901234567, 10), (2**62 + 12345, 2**40 + 3), (1, 2**62 + 1)]:
    case("int.truediv", a, b, fn=lambda a, b: a / b)
for a, b in [(2, 10), (-3, 5), (10, 18), (-2, 63), (0, 0), (7, 0), (-1, 2**40)]:
    case("int.pow", a, b, fn=lambda a, b: a ** b)

floats = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 7.3, -7.3, 1e300, 0.1, math.inf, -math.inf, math.nan]
for a in floats:
    for b in [1.0, -1.0, 0.3, -0.3, 2.0, 0.0, -0.0, math.inf, -math.inf, 1e-300]:
        case("float.floordiv", a, b, fn=lambda a, b: a // b)
        case("float.mod", a, b, fn=lambda a, b: a % b)
        case("float.truediv", a, b, fn=lambda a, b: a / b)
for a in [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 10.0, math.inf, -math.inf, math.nan, 1e300, -8.0]:
    for b in [0.0, 1.0, -1.0, 2.0, 3.0, 0.5, -0.5, -3.0, math.inf, -math.inf, math.nan, 1000.0]:
        if a < 0 and b != int(b) if math.isfinite(b) else False:
            continue  # complex result in CPython; we raise ValueError
        case("float.pow", a, b, fn=lambda a, b: a ** b)

for x in [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.4999, 1e15 + 0.5, 2**52 + 0.5, 1e18, 1e19, -9.3e18, math.nan, math.inf, -math.inf, 0.49999999999999994]:
    case("float.round", x, fn=lambda x: round(x))
    case("float.to_int", x, fn=lambda x: int(x))
for x in [2.675, 0.125, 0.375, 1.005, 2.5, -2.5, 12345.6789, -0.0001, 1e300, 5e-324, 0.5, 1.7976931348623157e308, 150.0, 250.0, -250.0, 5.0, 4.0, 123456789.123456789]:
    for n in [0, 1, 2, 3, -1, -2, -3, 5, 17, -308, -400, 400]:
        case("float.round_ndigits", x, n, fn=lambda x, n: round(x, n))
for x in [1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 1.5e-7, 0.0001, 0.00001, 1e-5, -0.0, 0.0, math.inf, -math.inf, math.nan,
          1/3, 2/3, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 9999999999999998.0, 0.3, 100.0, 1234.5678, -1e-10]:
    case("float.repr", x, fn=repr)
for s in ["1.5", " -2e3 ", "1_000.5", "inf", "-Infinity", "nan", "1__0", "abc", "", ".5", "5.", "1e", "١٢٣"]:
    case("float.parse", s, fn=float)
for s in ["12", " -7 ", "1_000", "0x1f", "٣", "1__0", "", "+", "9223372036854775807", "00", "0_0", "12a"]:
    case("int.parse", s, 10, fn=int)
for s in ["0x1f", "0b101", "0o17", "010", "0", "1_0"]:
    case("int.parse", s, 0, fn=lambda s, b: int(s, b))

texts = ["", "abc", "héllo wörld", "日本語テキスト", "a😀b😀c", "Ωmega"]
slices = [(None, None, None), (1, None, None), (None, -1, None), (None, None, -1), (-2, None, -2), (5, 1, -1), (None, None, 2), (1, 100, 3), (-100, 100, -3), (3, 3, None)]
for t in texts:
    for a, b, c in slices:
        case("str.slice", t, a, b, c, fn=lambda t, a, b, c: t[a:b:c])
    for i in [0, -1, 2, 10, -10]:
        case("str.getitem", t, i, fn=lambda t, i: t[i])
    case("str.len", t, fn=len)
case("str.slice", "abc", None, None, 0, fn=lambda t, a, b, c: t[a:b:c])

for t, sub, a, b in [("hello world", "o", None, None), ("hello world", "o", 5, None), ("hello", "", None, None), ("hello", "", 5, None),
                     ("hello", "", 6, None), ("héllo", "l", -2, None), ("aaaa", "aa", None, None), ("日本日本", "本", 2, None), ("abc", "c", None, -1)]:
    case("str.find", t, sub, a, b, fn=lambda t, s, a, b: t.find(s, a, b))
    case("str.rfind", t, sub, a, b, fn=lambda t, s, a, b: t.rfind(s, a, b))
    case("str.count", t, sub, a, b, fn=lambda t, s, a, b: t.count(s, a, b))
    case("str.index", t, sub, a, b, fn=lambda t, s, a, b: t.index(s, a, b))

split_texts = ["  a b  c  ", "a,b,,c", "", "   ", "one\ttwo\nthree\u2003four\x1cfive\u00a0six", ",a,", "a, b, c"]
for t in split_texts:
    for sep in [None, ",", ", ", ""]:
        for m in [-1, 0, 1, 2]:
            case("str.split", t, sep, m, fn=lambda t, s, m: t.split(s, m))
            case("str.rsplit", t, sep, m, fn=lambda t, s, m: t.rsplit(s, m))
for t in ["a\nb\r\nc\rd\x0be\x1cf\u2028g", "x\n", "", "\n\n", "no breaks"]:
    for k in [False, True]:
        case("str.splitlines", t, k, fn=lambda t, k: t.splitlines(k))

case_texts = ["hello world", "HELLO wORLD", "they're bill's friends", "ǆemal ǅ", "straße ﬁnd", "ΑΣ ΟΔΟΣ σ", "123abc ABC",
              "ﬀ ŉ İstanbul", "a1b2 c3", "ǈ", "", "Hello World", "Hello world", "hELLO", "ß"]
for t in case_texts:
    for name in ["lower", "upper", "title", "capitalize", "swapcase", "casefold", "isupper", "islower", "istitle",
                 "isalpha", "isdigit", "isnumeric", "isalnum", "isspace", "isdecimal"]:
        case("str." + name, t, fn=lambda t, name=name: getattr(t, name)())
for t in ["123", "١٢٣", "²", "½", "Ⅻ", "ⅰ", " \t\x1c\u3000", "\u200b", "abc\u0301", "x²", "\u00a0", "a b"]:
    for name in ["isalpha", "isdigit", "isnumeric", "isalnum", "isspace", "isdecimal", "isprintable"]:
        case("str." + name, t, fn=lambda t, name=name: getattr(t, name)())

for t in ["  xx  ", "xxhixx", "\u3000hi\x1c", "日本日"]:
    for chars in [None, "x", "日", " x"]:
        case("str.strip", t, chars, fn=lambda t, c: t.strip(c))
        case("str.lstrip", t, chars, fn=lambda t, c: t.lstrip(c))
        case("str.rstrip", t, chars, fn=lambda t, c: t.rstrip(c))
for t, old, new, n in [("aaa", "a", "b", -1), ("aaa", "a", "b", 2), ("ab", "", "-", -1), ("ab", "", "-", 2), ("héhé", "é", "e", 1), ("abc", "x", "y", -1)]:
    case("str.replace", t, old, new, n, fn=lambda t, o, nw, n: t.replace(o, nw, n))
for t in ["42", "-42", "+42", "", "abc", "日本", "-"]:
    for w in [0, 1, 5, 8]:
        case("str.zfill", t, w, fn=lambda t, w: t.zfill(w))
        case("str.center", t, w, "*", fn=lambda t, w, f: t.center(w, f))
        case("str.ljust", t, w, "·", fn=lambda t, w, f: t.ljust(w, f))
        case("str.rjust", t, w, " ", fn=lambda t, w, f: t.rjust(w, f))
for t in ["a=b=c", "abc", "=", ""]:
    for sep in ["=", ""]:
        case("str.partition", t, sep, fn=lambda t, s: list(t.partition(s)))
        case("str.rpartition", t, sep, fn=lambda t, s: list(t.rpartition(s)))
for t in ["a\tb", "\t\tx\ny\tz", "abcd\te", "日本\tx"]:
    for n in [8, 4, 0]:
        case("str.expandtabs", t, n, fn=lambda t, n: t.expandtabs(n))
for t in ["abc", "it's", 'say "hi"', "both ' and \"", "tab\there\n", "\x00\x7f\x80\xa0", "日本\u200b\U0001f600\U000e0001", "back\\slash", "\u2028"]:
    case("str.repr", t, fn=repr)

int_specs = ["", "d", "5d", "<5", "^7", "=+8", "05", "08,", "09,", ",", "_", "_b", "#x", "#X", "#o", "#b", "#010x", "011_x",
             "+d", " d", "c", "e", ".2f", "%", ".1%", "g", "n", ".2d", "+c", "#c", "z", ",x", "_n", ",_", "abc", "<<<", "*>10,d", "x<5"]
for v in [0, 5, -5, 1234567, -1234567, 65, 2**63 - 1, -(2**63)]:
    for s in int_specs:
        case("format.int", v, s, fn=format)
float_specs = ["", ".3f", "8.2f", ">8.2e", ".1%", ",", ",.2f", "09,.2f", "010", "+.3g", "g", ".2", ".3", ".1", "#.0f", "#.0e", "#g", "#.3g",
               "e", "E", "G", ".0f", "z.1f", "=+10.1f", "*^12.3g", "d", "x", ".10g", "n", ".0%", "08.1%", "_.3f", "#", ".0", "12", "<12.4", "F"]
for v in [0.0, -0.0, 1.0, 1.5, 2.5, -1234.5678, 0.0001234, 1e16, 123456789.0, 1e-7, 12.0, 100.0, math.nan, math.inf, -math.inf, -0.04, 0.1, 9.9999]:
    for s in float_specs:
        case("format.float", v, s, fn=format)
for v in ["abc", "", "日本語", "a😀"]:
    for s in ["", "s", "<10", ">10", "^10", "*^9", "5", "05", ".2", "10.1", "+", "=5", "d", "z", "#", ","]:
        case("format.str", v, s, fn=format)
for v in [True, False]:
    for s in ["", "d", ">6", "s", "5", "x", "^7"]:
        case("format.bool", v, s, fn=format)

for i, f in [(1, 1.0), (2**53 + 1, 2.0**53), (2**63 - 1, 2.0**63), (-2**63, -2.0**63), (3, 3.5), (-3, -3.5), (0, -0.0), (5, math.nan), (5, math.inf), (5, -math.inf), (-1, -0.5)]:
    case("cmp.int_float", i, f, fn=lambda i, f: [i < f, i <= f, i == f, i > f, i >= f])

for start, stop, step in [(0, 10, 3), (10, 0, -3), (0, 0, 1), (5, 1, 1), (-5, 5, 2), (0, 10, 0), (2**63 - 3, 2**63 - 1, 1)]:
    case("range", start, stop, step, fn=lambda a, b, c: list(range(a, b, c)))
for xs in [[1, 2, 3, 4, 5], [], [1]]:
    for a, b, c in slices:
        case("list.slice", xs, a, b, c, fn=lambda xs, a, b, c: xs[a:b:c])
for xs in [[3.0, 1.0, 2.0], [1.0, math.nan, 2.0], [math.nan, 1.0], [-0.0, 0.0], [0.0, -0.0]]:
    case("max", xs, fn=max)
    case("min", xs, fn=min)

print("\n".join(lines))
