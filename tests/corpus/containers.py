"""Lists, dicts and sets with value semantics."""

WEIGHTS = {"a": 1, "b": 2, "c": 3}


# case: {"text": "abcab"}
# case: {"text": "xyz"}
def score(text: str) -> int:
    total = 0
    for ch in text:
        total += WEIGHTS.get(ch, 0)
    return total


# case: {"words": ["b", "a", "b", "c", "a", "b"]}
def counts(words: list[str]) -> dict[str, int]:
    seen = {}
    for w in words:
        seen[w] = seen.get(w, 0) + 1
    return seen


# case: {"xs": [5, 3, 5, 1]}
def unique_sorted(xs: list[int]) -> list[int]:
    return sorted({x for x in xs})


# case: {"n": 4}
def squares(n: int) -> dict[int, int]:
    return {i: i * i for i in range(n)}


# case: {"xs": [1, 2, 3], "i": 5}
# case: {"xs": [1, 2, 3], "i": -1}
def safe_get(xs: list[int], i: int) -> int:
    return xs[i]


# case: {"d": {"x": 1}, "k": "y"}
def missing_key(d: dict[str, int], k: str) -> int:
    return d[k]


# case: {"xs": [3, 1, 2]}
def pairs(xs: list[int]) -> list[tuple[int, int]]:
    return [(i, x) for i, x in enumerate(xs) if x > 1]


# case: {"a": ["x", "y", "z"], "b": [1, 2]}
def zipped(a: list[str], b: list[int]) -> list[str]:
    return [s * n for s, n in zip(a, b)]


# case: {"words": ["apple", "avocado", "banana", "blueberry", "cherry"]}
def group_by_letter(words: list[str]) -> dict[str, list[str]]:
    groups = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    for k in groups:
        groups[k].sort(reverse=True)
    return groups


# case: {"n": 3}
def grid(n: int) -> list[list[int]]:
    rows = [[0] * n for _ in range(n)]
    for i in range(n):
        rows[i][i] = 1
        rows[i].append(i)
    return rows
