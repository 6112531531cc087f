"""Module-level tables, arrays, lambdas and Enum members as pre- and post-processing code keeps them."""
import math
import re
from enum import Enum, IntEnum, StrEnum
from typing import Optional

import numpy as np

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
INV_STD = 1.0 / IMAGENET_STD
HANN = np.array([0.5 - 0.5 * math.cos(2.0 * math.pi * i / 8) for i in range(8)])
BINS = np.linspace(0.0, 1.0, 6)
IDENTITY = np.ones((3, 3), dtype=np.float32) * 0.5

STOPWORDS = frozenset({"a", "an", "the", "of", "and", "to", "in"})
PUNCT = set(".,;:!?")
STOPWORDS = STOPWORDS | {"is", "are"}
LABELS = ("negative", "neutral", "positive")
LABEL_IDS = {name: i for i, name in enumerate(LABELS)}
SPECIAL = [("<s>", 0), ("</s>", 2), ("<unk>", 3)]
SPECIAL_IDS = dict(SPECIAL)
BUCKETS = {"short": (0, 16), "medium": (16, 64), "long": (64, 512)}
ALIASES = {"colour": ["color"], "grey": ["gray", "grey"]}
ROUTES = ((0.0, "drop"), (0.3, "review"), (0.8, "accept"))

WORD = r"[A-Za-z]+"
NUMBER = r"\d+(?:\.\d+)?"
TOKEN_RES = [re.compile(NUMBER), re.compile(WORD)]
SEP = " | "
HEADER = "id" + SEP + SEP.join(LABELS)
TEMPLATE = "Represent this %s for retrieval: "
QUERY_PREFIX = TEMPLATE % ("query",)
DOC_PREFIX = "{}: {}".format("passage", "")
VERSION_TAG = f"v{2 ** 3}-{len(LABELS)}"
MAX_LEN = 2 ** 9 - 2
HALF_PI = math.pi / 2
SQUARES = [i * i for i in range(6)]

VOCAB = {}
for _i, _w in enumerate(["[PAD]", "[CLS]", "[SEP]", "hello", "world"]):
    VOCAB[_w] = _i
VOCAB["[UNK]"] = len(VOCAB)
ID_TO_TOKEN = {i: w for w, i in VOCAB.items()}
KEEP = []
KEEP.append("hello")
KEEP.extend(["world", "again"])
KEEP += ["more"]
TOTAL_CHARS = 0
for _w in KEEP:
    TOTAL_CHARS += len(_w)

clip01 = lambda x: min(1.0, max(0.0, x))
by_score = lambda pair: pair[1]
shout = lambda s: s.upper() + "!"


class Rotation(IntEnum):
    NONE = 0
    QUARTER = 1
    HALF = 2
    THREE_QUARTERS = 3


class Level(str, Enum):
    DEBUG = "debug"
    INFO = "info"


class Mode(StrEnum):
    FAST = "fast"
    EXACT = "exact"


class Color(Enum):
    RED = 1
    GREEN = 2


# case: {"pixels": [[0.5, 0.5, 0.5], [1.0, 0.0, 0.25]]}
# case: {"pixels": []}
def normalize_pixels(pixels: list[list[float]]) -> list[list[float]]:
    if not pixels:
        return []
    x = np.array(pixels, dtype=np.float32)
    return [[round(v, 4) for v in row] for row in ((x - IMAGENET_MEAN) * INV_STD).tolist()]


# case: {"signal": [1.0, 2.0, 3.0, 4.0, 4.0, 3.0, 2.0, 1.0]}
# case: {"signal": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]}
def windowed_energy(signal: list[float]) -> float:
    x = np.array(signal) * HANN
    return round(float((x * x).sum()), 6)


# case: {"scores": [0.05, 0.2, 0.21, 0.99, 1.0, 0.5]}
# case: {"scores": []}
def histogram(scores: list[float]) -> list[int]:
    counts = [0] * (len(BINS) - 1)
    for s in scores:
        for i in range(len(BINS) - 1):
            if BINS[i] <= s < BINS[i + 1] or (i == len(BINS) - 2 and s == BINS[-1]):
                counts[i] += 1
                break
    return counts


# case: {"v": [1.0, 2.0, 3.0]}
def half_sum(v: list[float]) -> list[float]:
    return (IDENTITY @ np.array(v, dtype=np.float32)).tolist()


# case: {"text": "The cat and the dog are in a box, of course!"}
# case: {"text": ""}
# case: {"text": "Ünïcode is fun; TO the END."}
def content_words(text: str) -> list[str]:
    words = "".join(c for c in text if c not in PUNCT).lower().split()
    return [w for w in words if w not in STOPWORDS]


# case: {"label": "positive"}
# case: {"label": "unknown"}
def label_id(label: str) -> int:
    return LABEL_IDS.get(label, -1)


# case: {"tokens": ["<s>", "hi", "</s>"]}
# case: {"tokens": []}
def special_mask(tokens: list[str]) -> list[int]:
    return [1 if t in SPECIAL_IDS else 0 for t in tokens]


# case: {"n": 10}
# case: {"n": 64}
# case: {"n": 1000}
def bucket_of(n: int) -> str:
    for name, (lo, hi) in BUCKETS.items():
        if lo <= n < hi:
            return name
    return "overflow"


# case: {"word": "grey"}
# case: {"word": "colour"}
# case: {"word": "blue"}
def spellings(word: str) -> list[str]:
    return sorted(set([word] + ALIASES.get(word, [])))


# case: {"score": 0.1}
# case: {"score": 0.3}
# case: {"score": 0.95}
def route(score: float) -> str:
    decision = "drop"
    for threshold, name in ROUTES:
        if score >= threshold:
            decision = name
    return decision


# case: {"text": "pay 12.50 for 3 apples"}
# case: {"text": ""}
def tokenize(text: str) -> list[str]:
    out = []
    for pattern in TOKEN_RES:
        out.extend(pattern.findall(text))
    return out


# case: {"row": ["1", "0.2", "0.3", "0.5"]}
def table_text(row: list[str]) -> list[str]:
    return [HEADER, SEP.join(row), QUERY_PREFIX + "cats", DOC_PREFIX + "dogs", VERSION_TAG]


# case: {"ids": [5, 600, 7]}
# case: {"ids": []}
def clamp_ids(ids: list[int]) -> list[int]:
    return [min(i, MAX_LEN) for i in ids] + SQUARES[:2]


# case: {"angle": 1.0}
def quarter_turns(angle: float) -> int:
    return int(angle // HALF_PI)


# case: {"xs": [-0.5, 0.25, 1.5]}
def clipped(xs: list[float]) -> list[float]:
    return [clip01(x) for x in xs]


# case: {"pairs": [["a", 0.2], ["b", 0.9], ["c", 0.5]]}
# case: {"pairs": [["only", 1.0]]}
def ranked(pairs: list[tuple[str, float]]) -> list[str]:
    best = max(pairs, key=by_score)
    rest = sorted(pairs, key=by_score, reverse=True)
    return [shout(best[0])] + [p[0] for p in rest]


# case: {"r": 1}
# case: {"r": 3}
# case: {"r": 7}
def rotation_degrees(r: int) -> float:
    return Rotation(r) * 90.0


# case: {"r": 2}
def rotation_text(r: int) -> list[str]:
    rot = Rotation(r)
    return [str(rot), f"{rot}", repr(rot), rot.name, str(rot + 1), str(rot == 2), str(rot > Rotation.QUARTER)]


# case: {"verbose": true}
# case: {"verbose": false}
def log_line(verbose: bool) -> str:
    level = Level.DEBUG if verbose else Level.INFO
    return "[" + level + "] " + level.upper() + f" {level} " + str(level == "debug")


# case: {"fast": true}
def mode_text(fast: bool) -> list[str]:
    m = Mode.FAST if fast else Mode.EXACT
    return [str(m), f"{m}", m + "-path", m.title()]


# case: {}
def color_text() -> list[str]:
    return [str(Color.RED), repr(Color.GREEN), Color.RED.name, str(Color.RED == Color.RED)]


# case: {}
# case: {"items": ["x", "y"]}
def count_items(items: list[str] = "nothing here") -> int:
    return len(items)


# case: {}
# case: {"limit": 3}
def describe_limit(limit: int = None, scale: float = 2.5, tags: Optional[list[str]] = ["a"]) -> str:
    return f"{limit} {scale} {tags}"


# case: {"a": ["x", "y"], "b": ["z"]}
def total_length(a: list[str], b: list[str]) -> list:
    return len(a) + len(b)


# case: {"flag": true}
# case: {"flag": false}
def flag_value(flag: bool) -> str:
    x = 1
    if flag:
        x = "on"
    return x


# case: {"tokens": ["hello", "there", "world"]}
# case: {"tokens": []}
def encode_tokens(tokens: list[str]) -> list[int]:
    ids = [VOCAB["[CLS]"]] + [VOCAB.get(t, VOCAB["[UNK]"]) for t in tokens] + [VOCAB["[SEP]"]]
    return ids + [len(KEEP), TOTAL_CHARS]


# case: {"ids": [1, 3, 4, 2, 99]}
def decode_ids(ids: list[int]) -> str:
    return " ".join(ID_TO_TOKEN.get(i, "?") for i in ids if i not in [VOCAB["[CLS]"], VOCAB["[SEP]"]])


# case: {}
# case: {"extra": ["a", "b"]}
def with_extra(extra: list[str] = None) -> list[str]:
    if extra is None:
        extra = []
    extra.append("end")
    return extra


# case: {}
# case: {"strict": 0}
def strictness(strict: int = True) -> str:
    return repr(strict)


# case: {"r": 2}
# case: {"r": 0}
def rotation_table(r: int) -> list[str]:
    rot = Rotation(r)
    costs = {Rotation.NONE: 0.0, Rotation.HALF: 1.5}
    return [
        f"{rot:>3}",
        "%d turns" % rot,
        "%s" % Level.INFO,
        str(costs.get(rot, -1.0)),
        str(sorted([Rotation.HALF, Rotation.QUARTER, rot])),
        str(max(Rotation.QUARTER, rot)),
        str(rot in [1, 2]),
        str([m.name for m in Rotation]),
        str(len(list(Mode))),
    ]
