"""Unicode-aware pre-processing with unicodedata and string.Template: accent folding, width-aware
padding for CJK text, numeral parsing across scripts, emoji naming, script-direction checks and
prompt templates."""
import string
import unicodedata
from typing import Optional

PROMPT = string.Template("Classify the $kind below.\n---\n${text}\n---\nAnswer with one of: $labels")


# case: {"s": "Crème Brûlée à la Ǆemal — ﬁnal №5"}
# case: {"s": ""}
def fold_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


# case: {"s": "日本語abcｶﾀｶﾅ한국어", "width": 20}
# case: {"s": "plain", "width": 3}
def display_width(s: str, width: int) -> tuple[int, str]:
    w = 0
    for c in s:
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w, s + " " * max(0, width - w)


# case: {"s": "Price: ٣٫٥ or ३५ or 35 or ½ or Ⅻ or ²"}
def numerals(s: str) -> list[tuple[str, Optional[int], Optional[int], Optional[float]]]:
    out = []
    for c in s:
        v = unicodedata.numeric(c, None)
        if v is not None:
            out.append((c, unicodedata.decimal(c, None), unicodedata.digit(c, None), v))
    return out


# case: {"s": "٣٥٠ + ۱۲"}
# case: {"s": "12a"}
def parse_any_digits(s: str) -> int:
    total = 0
    for c in s.replace(" ", "").replace("+", ""):
        total = total * 10 + unicodedata.decimal(c)
    return total


# case: {"s": "I ❤️ 🍕 & ☕!"}
def describe(s: str) -> list[str]:
    return [unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in s if not c.isspace()]


# case: {"names": ["GREEK SMALL LETTER ALPHA", "snowman", "LINE FEED", "KEYCAP DIGIT ONE", "NO SUCH THING"]}
def from_names(names: list[str]) -> list[str]:
    out = []
    for n in names:
        try:
            out.append(unicodedata.lookup(n))
        except KeyError as e:
            out.append(f"missing: {e}")
    return out


# case: {"s": "Hello שלום مرحبا (1)"}
def direction_runs(s: str) -> list[str]:
    runs: list[str] = []
    for c in s:
        d = unicodedata.bidirectional(c)
        kind = "rtl" if d in ("R", "AL") else "ltr" if d == "L" else "neutral"
        if unicodedata.mirrored(c):
            kind += "*"
        if not runs or runs[-1] != kind:
            runs.append(kind)
    return runs


# case: {"s": "é"}
# case: {"s": "e\u0301"}
# case: {"s": "가"}
def normal_forms(s: str) -> dict[str, bool]:
    return {f: unicodedata.is_normalized(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")}


# case: {"kind": "review", "text": "Great phone, $100 well spent", "labels": ["pos", "neg"]}
def render_prompt(kind: str, text: str, labels: list[str]) -> str:
    return PROMPT.substitute(kind=kind, text=text, labels=", ".join(labels))


# case: {"template": "Hi $name, your ${item} ships $when. Cost: $$$cost", "values": {"name": "Zoë", "item": "book"}}
# case: {"template": "$ broken", "values": {}}
def fill_partial(template: str, values: dict[str, str]) -> tuple[str, list[str], bool]:
    t = string.Template(template)
    missing = [n for n in t.get_identifiers() if n not in values]
    return t.safe_substitute(values), missing, t.is_valid()


# case: {"template": "$a-$b", "a": 1}
def fill_strict(template: str, a: int) -> str:
    return string.Template(template).substitute({"a": a})
