"""Plain classes and dataclasses with methods, as pre- and post-processing code writes them."""
import math
import re
from dataclasses import dataclass, field


class Vocab:
    """A token vocabulary built once from a corpus of words."""

    PAD = "<pad>"
    UNK = "<unk>"

    def __init__(self, words: list[str], min_count: int = 1):
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        kept = sorted(w for w, c in counts.items() if c >= min_count)
        self.itos = [self.PAD, self.UNK] + kept
        self.stoi = {t: i for i, t in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def __getitem__(self, token: str) -> int:
        return self.stoi.get(token, self.stoi[self.UNK])

    def encode(self, text: str, max_len: int = 8) -> list[int]:
        ids = [self[t] for t in text.lower().split()][:max_len]
        return ids + [self.stoi[self.PAD]] * (max_len - len(ids))

    def decode(self, ids: list[int]) -> str:
        return " ".join(self.itos[i] for i in ids if i != 0)


# case: {"corpus": ["the cat sat", "the dog sat", "a cat ran"], "text": "The cat flew"}
# case: {"corpus": [], "text": ""}
# case: {"corpus": ["é ü", "é"], "text": "É ü x"}
def encode_text(corpus: list[str], text: str) -> list[int]:
    vocab = Vocab([w for line in corpus for w in line.lower().split()])
    return vocab.encode(text)


# case: {"corpus": ["a b b c c c"], "text": "c b a d", "min_count": 2}
# case: {"corpus": ["x y"], "text": "y x y", "min_count": 1}
def roundtrip(corpus: list[str], text: str, min_count: int) -> tuple[int, list[int], str, bool, bool]:
    vocab = Vocab(" ".join(corpus).split(), min_count=min_count)
    ids = vocab.encode(text, max_len=6)
    return len(vocab), ids, vocab.decode(ids), "c" in vocab, "q" not in vocab


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0

    @property
    def width(self) -> float:
        return max(0.0, self.x1 - self.x0)

    @property
    def height(self) -> float:
        return max(0.0, self.y1 - self.y0)

    def area(self) -> float:
        return self.width * self.height

    def iou(self, other: "Box") -> float:
        ix = max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))
        iy = max(0.0, min(self.y1, other.y1) - max(self.y0, other.y0))
        inter = ix * iy
        union = self.area() + other.area() - inter
        return inter / union if union > 0 else 0.0

    def scaled(self, sx: float, sy: float) -> "Box":
        return Box(self.x0 * sx, self.y0 * sy, self.x1 * sx, self.y1 * sy, self.score)

    @staticmethod
    def from_xywh(x: float, y: float, w: float, h: float, score: float = 1.0) -> "Box":
        return Box(x, y, x + w, y + h, score)


# case: {"boxes": [[0, 0, 10, 10, 0.9], [1, 1, 10, 10, 0.8], [20, 20, 5, 5, 0.7], [21, 21, 5, 5, 0.95]], "threshold": 0.5}
# case: {"boxes": [], "threshold": 0.5}
# case: {"boxes": [[0, 0, 0, 0, 0.5], [0, 0, 0, 0, 0.4]], "threshold": 0.1}
def nms(boxes: list[list[float]], threshold: float) -> list[list[float]]:
    cands = [Box.from_xywh(b[0], b[1], b[2], b[3], score=b[4]) for b in boxes]
    cands.sort(key=lambda b: -b.score)
    kept: list[Box] = []
    for c in cands:
        if all(c.iou(k) <= threshold for k in kept):
            kept.append(c)
    return [[k.x0, k.y0, k.width, k.height, round(k.score, 3)] for k in kept]


# case: {"a": [0, 0, 4, 4], "b": [2, 2, 6, 6], "scale": 0.5}
def box_stats(a: list[float], b: list[float], scale: float) -> Box:
    first = Box(a[0], a[1], a[2], a[3])
    second = Box(b[0], b[1], b[2], b[3])
    small = first.scaled(scale, scale)
    return Box(small.area(), second.area(), first.iou(second), small.iou(second), round(first.width, 2))


class LabelMap:
    def __init__(self, names: list[str], default: str):
        self.names = names
        self.default = default

    @classmethod
    def from_dict(cls, mapping: dict[str, int], default: str = "other") -> "LabelMap":
        names = [""] * (max(mapping.values()) + 1 if mapping else 0)
        for name, idx in mapping.items():
            names[idx] = name
        return cls(names, default)

    def __call__(self, idx: int) -> str:
        if 0 <= idx < len(self.names) and self.names[idx]:
            return self.names[idx]
        return self.default

    def top(self, scores: list[float], k: int = 2) -> list[tuple[str, float]]:
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
        return [(self(i), round(scores[i], 4)) for i in order]


# case: {"mapping": {"cat": 0, "dog": 2, "bird": 1}, "scores": [0.1, 0.7, 0.15, 0.05]}
# case: {"mapping": {}, "scores": [0.5, 0.5]}
def label_scores(mapping: dict[str, int], scores: list[float]) -> list[tuple[str, float]]:
    labels = LabelMap.from_dict(mapping)
    return labels.top(scores, k=3)


class RunningStats:
    """Mean and standard deviation, computed once when the object is built."""

    def __init__(self, values: list[float]):
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0
        for x in values:
            self.n += 1
            delta = x - self.mean
            self.mean += delta / self.n
            self.m2 += delta * (x - self.mean)

    @property
    def variance(self) -> float:
        return self.m2 / (self.n - 1) if self.n > 1 else 0.0

    @property
    def std(self) -> float:
        return math.sqrt(self.variance)

    def zscore(self, x: float) -> float:
        return (x - self.mean) / self.std if self.std > 0 else 0.0

    def __repr__(self) -> str:
        return f"RunningStats(n={self.n}, mean={self.mean:.3f}, std={self.std:.3f})"


# case: {"values": [1.0, 2.0, 4.0, 8.0], "probe": 5.0}
# case: {"values": [3.5], "probe": 1.0}
# case: {"values": [], "probe": 0.0}
def standardize(values: list[float], probe: float) -> tuple[str, float, list[float]]:
    stats = RunningStats(values)
    return repr(stats), round(stats.zscore(probe), 6), [round(stats.zscore(v), 4) for v in values]


_SPACE = re.compile(r"\s+")


class Normalizer:
    """A text normaliser configured once and then called on many strings."""

    def __init__(self, lowercase: bool = True, strip_punct: bool = False, max_chars: int = 0):
        self.lowercase = lowercase
        self.strip_punct = strip_punct
        self.max_chars = max_chars

    def __call__(self, text: str) -> str:
        if self.lowercase:
            text = text.lower()
        if self.strip_punct:
            text = "".join(ch for ch in text if ch.isalnum() or ch.isspace())
        text = _SPACE.sub(" ", text).strip()
        if self.max_chars > 0:
            text = text[: self.max_chars]
        return text


class StrictNormalizer(Normalizer):
    def __init__(self, max_chars: int):
        super().__init__(lowercase=True, strip_punct=True, max_chars=max_chars)
        self.name = "strict"

    def __call__(self, text: str) -> str:
        return super().__call__(text).replace(" ", "_")


# case: {"texts": ["  Hello,   World! ", "Ünïcode\tTEXT", ""], "strict": false}
# case: {"texts": ["  Hello,   World! ", "a.b.c  d"], "strict": true}
def normalize_all(texts: list[str], strict: bool) -> list[str]:
    if strict:
        norm = StrictNormalizer(8)
        return [norm(t) for t in texts]
    plain = Normalizer(strip_punct=False)
    return [plain(t) for t in texts]


class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: "Point") -> "Point":
        return Point(self.x - other.x, self.y - other.y)

    def __eq__(self, other: "Point") -> bool:
        return self.x == other.x and self.y == other.y

    def norm(self) -> float:
        return math.hypot(self.x, self.y)

    def __str__(self) -> str:
        return f"({self.x:g}, {self.y:g})"


# case: {"xs": [0.0, 3.0, 3.0], "ys": [0.0, 4.0, 0.0]}
# case: {"xs": [1.5], "ys": [-2.0]}
def path_length(xs: list[float], ys: list[float]) -> tuple[float, str, bool, bool]:
    points = [Point(x, y) for x, y in zip(xs, ys)]
    total = 0.0
    for a, b in zip(points, points[1:]):
        total += (b - a).norm()
    end = points[0]
    for p in points[1:]:
        end = end + p
    return round(total, 6), f"{end} <- {points[0]}", points[0] == points[-1], points[0] != points[-1]


@dataclass
class Entity:
    start: int
    end: int
    label: str
    text: str = ""
    length: int = field(init=False, default=0)
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.end < self.start:
            self.start, self.end = self.end, self.start
        self.length = self.end - self.start
        self.label = self.label.upper()
        self.aliases = sorted({a.strip().lower() for a in self.aliases if a.strip()})

    def overlaps(self, other: "Entity") -> bool:
        return self.start < other.end and other.start < self.end

    def __lt__(self, other: "Entity") -> bool:
        return (self.start, -self.length) < (other.start, -other.length)


# case: {"spans": [[0, 4, "per"], [10, 6, "loc"], [2, 8, "org"]], "text": "Ada met Bob in Rome"}
# case: {"spans": [], "text": ""}
def entities(spans: list[tuple[int, int, str]], text: str) -> list[Entity]:
    ents = [Entity(s, e, lab, aliases=[" X ", "x", ""]) for s, e, lab in spans]
    kept: list[Entity] = []
    for ent in ents:
        if not any(ent.overlaps(k) and k < ent for k in kept):
            kept.append(Entity(ent.start, ent.end, ent.label, text=text[ent.start : ent.end], aliases=ent.aliases))
    return kept


class Batch:
    """Texts grouped for a model, iterated in chunks."""

    def __init__(self, texts: list[str], size: int):
        self.texts = [t for t in texts if t.strip()]
        self.size = max(1, size)

    def __len__(self) -> int:
        return (len(self.texts) + self.size - 1) // self.size

    def __iter__(self):
        for i in range(0, len(self.texts), self.size):
            yield self.texts[i : i + self.size]


# case: {"texts": ["a", " ", "b", "c", "d", "e"], "size": 2}
# case: {"texts": ["", "  "], "size": 3}
# case: {"texts": ["x"], "size": 0}
# case: {"texts": [], "size": 1}
def batch_lengths(texts: list[str], size: int) -> tuple[int, list[int], bool, bool]:
    batch = Batch(texts, size)
    sizes = [len(chunk) for chunk in batch]
    joined = []
    for chunk in batch:
        joined.append("+".join(chunk))
    return len(batch), sizes, bool(batch), not batch
