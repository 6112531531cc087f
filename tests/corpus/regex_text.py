"""Text cleaning with `re`, written as pre-processing code usually is: module-level compiled
patterns, re.sub with templates and functions, split, findall and finditer."""
import re
from typing import Optional

ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")
SPACES = re.compile(r"\s+")
TAG = re.compile(r"<[^>]+>")
ENTITY = re.compile(r"&(#\d+|[a-z]+);", re.IGNORECASE)
ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " "}
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"https?://[^\s<>\"']+")
PHONE = re.compile(r"(?<!\d)(?:\+\d{1,3}[ -]?)?(?:\(\d{2,4}\)[ -]?)?\d{3,4}[ -]?\d{3,4}(?!\d)")
DATE = re.compile(r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)")
KV = re.compile(r"""(?P<key>[\w.-]+)\s*[:=]\s*(?P<value>"[^"]*"|'[^']*'|[^\s,;]+)""")
TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]", re.UNICODE)


# case: {"text": "  Hello\u200b   world\t\n\n again\ufeff  "}
# case: {"text": ""}
# case: {"text": "日本語\u3000テキスト  🙂"}
def normalize_whitespace(text: str) -> str:
    text = ZERO_WIDTH.sub("", text)
    return SPACES.sub(" ", text).strip()


def _entity(m: re.Match) -> str:
    name = m.group(1)
    if name.startswith("#"):
        return chr(int(name[1:]))
    return ENTITIES.get(name.lower(), m.group(0))


# case: {"html": "<p>Caf&eacute; &amp; cr&egrave;me<br/>&#8364;5 &LT;b&GT; <a href='x'>link</a></p>"}
# case: {"html": "no tags &unknown; here"}
# case: {"html": ""}
def strip_html(html: str) -> str:
    text = TAG.sub(" ", html)
    text = ENTITY.sub(_entity, text)
    return normalize_whitespace(text)


# case: {"text": "Mail jane.doe+news@example.co.uk or call +44 (020) 7946 0958, see https://ex.com/a?b=1."}
# case: {"text": "Numbers 12345 and 2024 stay; ünïcode@exämple.de is an email"}
# case: {"text": ""}
def mask_pii(text: str) -> str:
    text = URL.sub("<url>", text)
    text = EMAIL.sub("<email>", text)
    return PHONE.sub("<phone>", text)


# case: {"text": "Don't stop—it's state-of-the-art! Naïve café, 3.5%."}
# case: {"text": "   "}
# case: {"text": "L’été à Zürich: 日本語テキスト"}
def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


# case: {"text": "Hello there! How are you? I'm fine. Thanks"}
# case: {"text": "One sentence"}
# case: {"text": "  Trailing space.  Next one!   "}
def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [p for p in parts if p]


# case: {"text": "Due 15.01.2024, paid 2024-02-03, late 1/3/2024 and 99.99.99"}
# case: {"text": "no dates"}
def extract_dates(text: str) -> list[str]:
    out = []
    for m in DATE.finditer(text):
        if m.group("y") is not None:
            out.append(f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}")
        else:
            out.append(m.expand(r"\g<iy>-\g<im>-\g<id>"))
    return out


# case: {"line": "name = \"Ada Lovelace\", year: 1815; lang=en-GB  empty= ; ok='yes'"}
# case: {"line": ""}
def parse_key_values(line: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in KV.finditer(line):
        out[m.group("key").lower()] = m.group("value").strip("\"'")
    return out


# case: {"title": "  Héllo, Wörld! — Ingot's 2nd Release (beta)  "}
# case: {"title": "日本語 タイトル"}
# case: {"title": "---"}
def slugify(title: str, sep: str = "-") -> str:
    s = re.sub(r"[^\w\s-]", "", title.lower())
    return re.sub(r"[-\s_]+", sep, s).strip(sep)


# case: {"text": "soooo goooood!!!! yesss"}
# case: {"text": "aaa bbbb ccccc"}
# case: {"text": ""}
def squeeze_repeats(text: str, keep: int = 2) -> str:
    return re.sub(r"(.)\1{%d,}" % keep, lambda m: m.group(1) * keep, text)


# case: {"name": "parseHTTPResponseCode"}
# case: {"name": "simpleName2Value"}
# case: {"name": "already_snake"}
def camel_to_snake(name: str) -> str:
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


# case: {"text": "alpha, beta;gamma  delta", "limit": 2}
# case: {"text": "a", "limit": 0}
# case: {"text": ",,", "limit": 0}
def split_fields(text: str, limit: int) -> list[str]:
    return re.split(r"\s*[,;]\s*|\s+", text, maxsplit=limit)


# case: {"text": "Order #A-1234 shipped; order #b-99 pending", "word": "order"}
# case: {"text": "nothing", "word": "x.y"}
# case: {"text": "x.y #z-1 xay #q-2", "word": "x.y"}
def find_orders(text: str, word: str) -> list[str]:
    pattern = re.escape(word) + r"\s+#(\w-\d+)"
    return re.findall(pattern, text, flags=re.IGNORECASE)


# case: {"text": "key=1\nbad line\nother = two"}
def first_assignment(text: str) -> Optional[str]:
    m = re.search(r"^\s*(\w+)\s*=", text, re.MULTILINE)
    if m is None:
        return None
    return m.group(1)


# case: {"pattern": "a(b", "text": "ab"}
# case: {"pattern": "(?P<x>\\d+)", "text": "a12b3"}
# case: {"pattern": "[z-a]", "text": ""}
def user_pattern(pattern: str, text: str) -> list[str]:
    try:
        return re.findall(pattern, text)
    except re.error as e:
        return ["invalid: " + str(e)]
