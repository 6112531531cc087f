"""Pre- and post-processing helpers built on itertools, functools, heapq, bisect, operator, statistics and json."""

import bisect
import json
import heapq
import itertools
import operator
import statistics
import string
from collections import defaultdict
from functools import partial, reduce
from itertools import accumulate, groupby, islice, pairwise
from operator import itemgetter
from typing import Any, Callable

BUCKETS = [0.25, 0.5, 0.75, 0.9]


# case: {"scores": {"doc-a": 0.91, "doc-b": 0.15, "doc-c": 0.66, "doc-d": 0.66}, "k": 2}
# case: {"scores": {}, "k": 3}
# case: {"scores": {"x": -1.0}, "k": 0}
def top_k_documents(scores: dict[str, float], k: int) -> list[tuple[str, float]]:
    return heapq.nlargest(k, scores.items(), key=itemgetter(1))


# case: {"lengths": [3, 1, 4, 1, 5, 9, 2, 6]}
# case: {"lengths": []}
def chunk_offsets(lengths: list[int]) -> list[int]:
    return list(accumulate(lengths, initial=0))


# case: {"tokens": ["the", "the", "cat", "sat", "sat", "sat", "on", "the"]}
# case: {"tokens": []}
def collapse_repeats(tokens: list[str]) -> list[str]:
    return [f"{tok}x{len(list(run))}" if tok != "on" else tok for tok, run in groupby(tokens)]


# case: {"probs": [0.1, 0.3, 0.55, 0.8, 0.95, 1.0]}
# case: {"probs": []}
def bucketize(probs: list[float]) -> list[int]:
    return [bisect.bisect_right(BUCKETS, p) for p in probs]


# case: {"xs": [1.0, 2.5, 2.5, 4.0, 10.0]}
# case: {"xs": [3.0]}
# case: {"xs": []}
def summarize(xs: list[float]) -> dict[str, float]:
    if not xs:
        return {}
    out = {"mean": statistics.mean(xs), "median": statistics.median(xs), "min": min(xs)}
    if len(xs) > 1:
        out["stdev"] = round(statistics.stdev(xs), 6)
    return out


# case: {"values": [1, 2, 3, 4]}
# case: {"values": [7]}
# case: {"values": []}
def product_or_zero(values: list[int]) -> int:
    return reduce(operator.mul, values, 1) if values else 0


# case: {"words": ["alpha", "beta", "gamma", "delta", "epsilon"], "size": 2}
# case: {"words": ["one"], "size": 3}
def windows(words: list[str], size: int) -> list[str]:
    return [" ".join(islice(words, start, start + size)) for start in range(0, len(words), size)]


# case: {"points": [0, 3, 7, 12, 20]}
# case: {"points": [5]}
def gaps(points: list[int]) -> list[int]:
    return [b - a for a, b in pairwise(points)]


# case: {"rows": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}
# case: {"rows": [[1, 2], [3]]}
def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows)]


# case: {"pairs": [["b", 2], ["a", 5], ["c", 1]]}
def split_pairs(pairs: list[tuple[str, int]]) -> tuple[list[str], int]:
    labels, counts = zip(*pairs)
    return sorted(labels), max(counts)


# case: {"streams": [[1, 4, 9], [2, 3, 10], []]}
def merge_sorted(streams: list[list[int]]) -> list[int]:
    merged: list[int] = []
    for s in streams:
        merged = list(heapq.merge(merged, s))
    return merged


# case: {"tasks": [["write", 3], ["test", 1], ["ship", 2], ["plan", 1]]}
def schedule(tasks: list[tuple[str, int]]) -> list[str]:
    heap = []
    for order, (name, priority) in enumerate(tasks):
        heapq.heappush(heap, (priority, order, name))
    done = []
    while heap:
        _, _, name = heapq.heappop(heap)
        done.append(name)
    return done


# case: {"labels": ["a", "b", "c"], "sizes": [1, 2]}
def grid(labels: list[str], sizes: list[int]) -> list[str]:
    return [f"{label}{size}" for label, size in itertools.product(labels, sizes)]


# case: {"items": ["x", "y", "z", "w"]}
def pair_keys(items: list[str]) -> list[str]:
    return ["-".join(c) for c in itertools.combinations(sorted(items), 2)]


# case: {"lines": ["# header", "# more", "data 1", "# inline", "data 2"]}
def strip_preamble(lines: list[str]) -> list[str]:
    return list(itertools.dropwhile(lambda line: line.startswith("#"), lines))


# case: {"a": [1, 2, 3], "b": ["x"]}
def align(a: list[int], b: list[str]) -> list[str]:
    return [f"{x}:{y}" for x, y in itertools.zip_longest(a, b)]


# case: {"history": [0.5, 0.7, 0.6, 0.9, 0.4]}
def running_best(history: list[float]) -> list[float]:
    return list(itertools.accumulate(history, max))


# case: {"data": [3, 1, 3, 2, 1, 3]}
# case: {"data": []}
def most_common_value(data: list[int]) -> int:
    try:
        return statistics.mode(data)
    except statistics.StatisticsError:
        return -1


def _normalize(text: str, fn: Callable[[str], str]) -> str:
    return fn(text.strip())


# case: {"text": "  Hello World  "}
def clean_text(text: str) -> str:
    return _normalize(text, lambda s: s.lower().replace(" ", "_"))


# case: {"line": "id,name,score,extra"}
# case: {"line": "only"}
def split_header(line: str) -> tuple[str, list[str]]:
    first, *rest = line.split(",")
    return first, rest


# case: {"text": "3 7"}
# case: {"text": "3"}
def parse_pair(text: str) -> int:
    try:
        a, b = (int(p) for p in text.split())
    except ValueError:
        return -1
    return a * b


# case: {"words": ["b", "a", "b", "c", "b"]}
def word_index(words: list[str]) -> dict[str, list[int]]:
    where: defaultdict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        where[w].append(i)
    return dict(where)


# case: {"payload": "{\"labels\": [\"b\", \"a\"], \"scores\": [0.25, 0.75]}"}
# case: {"payload": "{\"labels\": []"}
def rank_payload(payload: str) -> str:
    try:
        data: dict[str, Any] = json.loads(payload)
    except json.JSONDecodeError:
        return json.dumps({"error": "bad payload"})
    labels: list[str] = data["labels"]
    scores: list[float] = data["scores"]
    pairs = sorted(zip(labels, scores), key=itemgetter(1), reverse=True)
    return json.dumps([{"label": label, "score": score} for label, score in pairs], indent=2)


# case: {"record": {"name": "Zoë", "tags": ["x", "y"], "weight": 0.5}}
def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"))


def _scale(x: float, factor: float) -> float:
    return x * factor


# case: {"xs": [1.5, -2.0, 0.0], "factor": 3.0}
def rescale(xs: list[float], factor: float) -> list[float]:
    return list(map(partial(_scale, factor=factor), xs))


# case: {"name": "box", "w": 3, "h": 4}
def describe_box(name: str, w: int, h: int) -> tuple[tuple[str, int], bool, bool]:
    box = (name, w, h, w * h)
    return box[::3], hasattr(name, "title"), hasattr(box, "append")


# case: {"text": "Hello, World! (42) — ok?"}
# case: {"text": ""}
def strip_punctuation(text: str) -> str:
    kept = "".join(ch for ch in text if ch not in string.punctuation)
    return "".join(ch for ch in kept if ch in string.ascii_letters + string.digits + " ")
