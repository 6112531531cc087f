#!/usr/bin/env python3
"""Writes tests/re_cases.jsonl: patterns, inputs and CPython's answers for the runtime's `re`
module. tests/re_cases.rs replays every line against the runtime, and the compiler's
pattern checker (packages/compiler/test/re-syntax.test.ts) replays the "compile" lines.

Re-run after adding cases:  python3 tests/gen_re_cases.py > tests/re_cases.jsonl
Each line: {"op", "pattern", "flags", "args": [...], "out": value} or {..., "err": "Kind: msg"}.
The first line lists the sample texts; an argument {"t": k} stands for text k.
"""
import json
import re
import sys
import warnings

warnings.simplefilter("ignore")
assert sys.version_info[:2] == (3, 11), "the recorded answers are CPython 3.11's"

lines = []


def record(op, pattern, flags, args, fn):
    shown = [{"t": ALL_TEXTS.index(a)} if isinstance(a, str) and a in ALL_TEXTS else a for a in args]
    try:
        out = fn()
        rec = {"op": op, "pattern": pattern, "flags": flags, "args": shown, "out": out}
    except Exception as e:  # noqa: BLE001 - CPython's exception is the answer
        rec = {"op": op, "pattern": pattern, "flags": flags, "args": shown, "err": f"{type(e).__name__}: {e}"}
    lines.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))


def match_json(m):
    if m is None:
        return None
    n = len(m.groups())
    return {"spans": [list(m.span(i)) for i in range(n + 1)], "groups": [m.group(i) for i in range(n + 1)]}


def spans_json(m):
    """A match in finditer's answer: the groups' spans, flattened (-1 where a group did not take part)."""
    return [x for i in range(len(m.groups()) + 1) for x in m.span(i)]


TEXTS = [
    "",
    "abc",
    "Hello, World! 42 times",
    "  leading and trailing  \n",
    "line one\nline two\n\nline four",
    "naïve café, Straße ÉCOLE 日本語 テキスト 🙂 emoji",
    "x1 y22 z333 ٣٤ ²",
    "aaa bbb aaa",
    "foo@example.com, bar.baz@test.org; nobody@",
    "2024-01-15 and 1999-12-31",
    "tab\tsep\x0bvt\x1cfs\u00a0nbsp\u2003em",
    "e\u0301 combining, \u200d zwj, under_score",
    "KELVIN \u212a k K",
    "\n",
    "ab\n",
]

STD_TEXTS = ["Hello, World! 42 times", "line one\nline two\n\nline four", "foo@example.com, x=1; y = 'two' <a href=\"u\">"]
ALL_TEXTS = TEXTS + [t for t in STD_TEXTS if t not in TEXTS]
lines.append(json.dumps({"op": "texts", "pattern": "", "flags": 0, "args": ALL_TEXTS, "out": None}, ensure_ascii=False, separators=(",", ":")))

PATTERNS = [
    (r"a", 0), (r"", 0), (r"x*", 0), (r"a*", 0), (r"a*?", 0), (r"|a", 0), (r"a|", 0), (r"\b", 0), (r"\B", 0),
    (r"\w+", 0), (r"\W+", 0), (r"\d+", 0), (r"\D+", 0), (r"\s+", 0), (r"\S+", 0), (r"\w+", re.ASCII),
    (r"\d", re.A), (r"\s", re.A), (r"\bfoo\b", 0), (r"\b\w", 0), (r"\w\b", re.A),
    (r"^", 0), (r"$", 0), (r"^", re.M), (r"$", re.M), (r"^\w+", re.M), (r"\w+$", 0), (r"\w+$", re.M),
    (r"\A\w", 0), (r"\w\Z", 0), (r".", 0), (r".", re.S), (r".+", 0), (r".+", re.DOTALL),
    (r"(a)|(b)", 0), (r"(a)(b)?", 0), (r"(\w)(\w)?(\w)", 0), (r"(?P<word>\w+)", 0), (r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", 0),
    (r"(\w+)@(\w+)\.(\w+)", 0), (r"[\w.]+@[\w.]+", 0), (r"(\w)\1", 0), (r"(?P<c>\w)(?P=c)", 0), (r"(?i)(a)\1", 0),
    (r"[aeiou]", 0), (r"[^aeiou\s]+", 0), (r"[a-c]+", 0), (r"[]a]", 0), (r"[^]a]", 0), (r"[a-]", 0), (r"[\]]", 0),
    (r"[\w-]+", 0), (r"[\W\d]+", 0), (r"[^\W\d]+", 0), (r"[\s,;]+", 0), (r"[.]", 0), (r"[\b]", 0), (r"[\x41-\x43]", 0),
    (r"[&~|]+", 0), (r"[[]", 0), (r"a{2}", 0), (r"a{1,2}", 0), (r"a{,2}", 0), (r"a{2,}", 0), (r"a{}", 0), (r"a{1,x}", 0),
    (r"{", 0), (r"x{,}", 0), (r"a{2}?", 0), (r"a++", 0), (r"a*+a", 0), (r"(?>a*)a", 0), (r"(?>ab|a)b", 0),
    (r"(?=a)", 0), (r"(?!a)\w", 0), (r"(?<=a)b", 0), (r"(?<!a)b", 0), (r"(?<=\d{4}-)\d\d", 0), (r"(?=(a))", 0),
    (r"(?=a)*", 0), (r"(?:)*", 0), (r"(?:a|)+", 0), (r"(a|)+", 0), (r"(a*)*", 0), (r"(a*)+b", 0),
    (r"(a)?(?(1)b|c)", 0), (r"(?P<q>')?\w+(?(q)')", 0), (r"(?i)hello", 0), (r"hello", re.I), (r"HeLLo", re.IGNORECASE),
    (r"(?i:h)ello", 0), (r"(?-i:h)ello", re.I), (r"k", re.I), (r"straße", re.I), (r"ÉCOLE", re.I), (r"[a-z]+", re.I),
    (r"(?m)^l\w+", 0), (r"(?s).", 0), (r"(?x) a b c # comment", 0), (r"a b # c", re.X), (r"a\ b", re.X), (r"[ ]a", re.X),
    (r"(?x)a|b c", 0), (r"(?x: a b )c", 0), (r"\x41\u0042\U00000043", 0), (r"\101", 0), (r"\0", 0), (r"\t", 0),
    (r"\.", 0), (r"\-\#", 0), (r"é+", 0), (r"日本", 0), (r"🙂", 0), (r"(?a)\w+", 0), (r"(?u)\w+", 0),
    (r"(\d+)-(\d+)", 0), (r"(?:(\d)|x)+", 0), (r"((a)|b)+", 0), (r"(a)|b", 0), (r"\s*", 0), (r"\s*$", 0),
    (r"^\s+|\s+$", 0), (r"[^\x00-\x7f]", 0), (r"[\u3040-\u30ff]+", 0), (r"(?<=\b)\w", 0), (r"a|ab", 0), (r"ab|a", 0),
    (r"(?:a|ab)(?:c|bcd)(d*)", 0), (r"a.c", 0), (r"\$\d+(?:\.\d\d)?", 0), (r"https?://\S+", 0), (r"<[^>]+>", 0),
    (r"\d+(?=%)", 0), (r"(?<![\w.])\d+(?![\w.])", 0), (r"[\U0001F300-\U0001FAFF]", 0), (r"(\s)\1+", 0),
    # Errors.
    (r"(", 0), (r")", 0), (r"a)", 0), (r"*", 0), (r"a**", 0), (r"+a", 0), (r"a{2}{3}", 0), (r"a{3,2}", 0),
    (r"[a", 0), (r"[", 0), (r"[z-a]", 0), (r"[\d-z]", 0), (r"\q", 0), (r"\\", 0), ("a\\", 0), (r"\x4", 0),
    (r"\u12", 0), (r"\U00110000", 0), (r"(?P<1a>x)", 0), (r"(?P<a>x)(?P<a>y)", 0), (r"(?P=a)", 0), (r"(?P<a>(?P=a))", 0),
    (r"(?Px)", 0), (r"(?<x)", 0), (r"(?y)", 0), (r"(?", 0), (r"a(?i)b", 0), (r"(?i", 0), (r"(?-i)", 0), (r"(?i-i:a)", 0),
    (r"(?L)a", 0), (r"(?au)a", 0), (r"(?-a:a)", 0), (r"\1", 0), (r"(a)\2", 0), (r"(a\1)", 0), (r"(?<=a+)b", 0),
    (r"(?<=a|bc)d", 0), (r"(?(2)a|b)", 0), (r"(?(x)a|b)", 0), (r"(?(0)a)", 0), (r"(?(1)a|b|c)", 0), (r"(?#comment", 0),
    (r"^*", 0), (r"\b+", 0), (r"a|*", 0), (r"(?:*)", 0), (r"x{99999999999}", 0), (r"\N{EM DASH}", 0), (r"[\A]", 0),
    (r"\8", 0), (r"[\8]", 0), (r"\400", 0), ("a\n(", 0), ("ab\ncd\n)", 0), (r"a", re.L), (r"a", re.A | re.U),
    (r"(?P<名>x)(?P=名)", 0), (r"(?P<a b>x)", 0), (r"(?P<>x)", 0), (r"(?P<a", 0),
]

for pattern, flags in PATTERNS:
    def comp(pattern=pattern, flags=flags):
        p = re.compile(pattern, flags)
        return {"groups": p.groups, "groupindex": dict(p.groupindex), "flags": p.flags}
    record("compile", pattern, flags, [], comp)
    try:
        p = re.compile(pattern, flags)
    except Exception:  # noqa: BLE001
        continue
    for k, t in enumerate(TEXTS):
        record("search", pattern, flags, [t], lambda: match_json(p.search(t)))
        if k % 3 == 0:
            record("match", pattern, flags, [t], lambda: match_json(p.match(t)))
            record("fullmatch", pattern, flags, [t], lambda: match_json(p.fullmatch(t)))
        record("finditer", pattern, flags, [t], lambda: [spans_json(m) for m in p.finditer(t)])
        if k % 2 == 0 and p.groups <= 1:
            record("findall", pattern, flags, [t], lambda: p.findall(t))
        elif k % 2 == 0:
            record("findall_groups", pattern, flags, [t], lambda: [list(x) for x in p.findall(t)])
        else:
            record("split", pattern, flags, [t, 0], lambda: p.split(t))
            record("sub", pattern, flags, ["<\\g<0>>", t, 0], lambda: p.sub("<\\g<0>>", t))
        if k % 3 == 1:
            record("subn", pattern, flags, ["-", t, 2], lambda: list(p.subn("-", t, 2)))

# Counts, maxsplit and replacement templates.
for pattern, repl, text, count in [
    (r"a", "b", "aaa", 1), (r"a", "b", "aaa", -1), (r"a", "b", "aaa", 0), (r"(\w+) (\w+)", r"\2 \1", "hello world foo bar", 0),
    (r"(?P<first>\w+) (?P<last>\w+)", r"\g<last>, \g<first>", "Jane Doe", 0), (r"(a)|b", r"[\1]", "ab", 0),
    (r"x*", "-", "abxd", 0), (r"\s+", " ", "  a  b\t\nc  ", 0), (r"(\d)", r"\g<1>0", "a1b2", 0), (r"a", r"\n\t\\", "a", 0),
    (r"a", r"\.", "a", 0), (r"a", r"\q", "a", 0), (r"a", "\\", "a", 0), (r"a", r"\g<2>", "a", 0), (r"a", r"\g<x>", "a", 0),
    (r"a", r"\g<1x>", "a", 0), (r"a", r"\g", "a", 0), (r"a", r"\g<", "a", 0), (r"a", r"\g<>", "a", 0), (r"(a)", r"\10", "a", 0),
    (r"(a)", r"\101", "a", 0), (r"(a)", r"\0", "a", 0), (r"(a)", r"\08", "a", 0), (r"(a)", r"\777", "a", 0), (r"(a)", "\\g<1>\\", "a", 0),
    (r"é", "e", "éé naïve é", 1), (r"", "-", "日本", 0), (r"\b", "|", "ab cd", 0),
]:
    record("sub", pattern, 0, [repl, text, count], lambda: re.sub(pattern, repl, text, count=count))
    record("subn", pattern, 0, [repl, text, count], lambda: list(re.subn(pattern, repl, text, count=count)))
for pattern, text, maxsplit in [
    (r",", "a,b,c,d", 2), (r",", "a,b", -1), (r"(,)", "a,b,c", 1), (r"x*", "axbc", 0), (r"\W+", "Words, words, words.", 0),
    (r"(\W+)", "Words, words, words.", 0), (r"\W+", "Words, words, words.", 1), (r"(a)|b", "xaybz", 0), (r"", "abc", 0),
    (r"\s*", "a b", 0), (r"^", "a\nb", 0),
]:
    record("split", pattern, 0, [text, maxsplit], lambda: re.split(pattern, text, maxsplit=maxsplit))
for s in ["", "a.b", "1+1=2", "a b\tc", "日本 (x)", "[]{}?*+-|^$\\.&~#", "under_score", "é"]:
    record("escape", "", 0, [s], lambda: re.escape(s))
for pattern, template, text in [(r"(\w+)=(\d+)", r"\2:\1", "key=42"), (r"(?P<k>\w+)=(?P<v>\w*)", r"\g<v>\g<k>", "a="), (r"(a)|b", r"<\1>", "b")]:
    record("expand", pattern, 0, [template, text], lambda: re.search(pattern, text).expand(template))



def stdlib_patterns():
    """Literal patterns (with constant flags) passed to re functions in CPython's own library."""
    import ast
    import os
    names = {n: int(getattr(re, n)) for n in "I IGNORECASE M MULTILINE S DOTALL X VERBOSE A ASCII U UNICODE".split()}

    def flags_of(node):
        if node is None:
            return 0
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re" and node.attr in names:
            return names[node.attr]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            a, b = flags_of(node.left), flags_of(node.right)
            return None if a is None or b is None else a | b
        return None

    found = set()
    root = os.path.dirname(os.__file__)
    for folder, _dirs, files in os.walk(root):
        if "site-packages" in folder or "test" in folder:
            continue
        for f in files:
            if not f.endswith(".py"):
                continue
            try:
                tree = ast.parse(open(os.path.join(folder, f), encoding="utf8").read())
            except (SyntaxError, UnicodeDecodeError):
                continue
            for n in ast.walk(tree):
                if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and n.func.value.id == "re"):
                    continue
                if n.func.attr not in ("compile", "match", "search", "sub", "findall", "split", "fullmatch", "finditer"):
                    continue
                if not (n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                    continue
                kw = [k.value for k in n.keywords if k.arg == "flags"]
                positional = n.args[1] if n.func.attr == "compile" and len(n.args) > 1 else None
                flags = flags_of(kw[0] if kw else positional)
                if flags is not None:
                    found.add((n.args[0].value, flags))
    return sorted(found)


# Patterns from real code: CPython's standard library.
for pattern, flags in stdlib_patterns():
    def comp(pattern=pattern, flags=flags):
        p = re.compile(pattern, flags)
        return {"groups": p.groups, "groupindex": dict(p.groupindex), "flags": p.flags}
    record("compile", pattern, flags, [], comp)
    try:
        p = re.compile(pattern, flags)
    except Exception:  # noqa: BLE001
        continue
    for t in STD_TEXTS:
        record("finditer", pattern, flags, [t], lambda: [spans_json(m) for m in p.finditer(t)])

print("\n".join(lines))
