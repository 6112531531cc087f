"""Lambdas: instantiated per call site, late-binding captures, and as sort keys."""


# case: {"n": 3, "x": 2.5}
def twice(n: int, x: float) -> tuple[int, float, str]:
    double = lambda v: v + v
    return double(n), double(x), double("ab")


# case: {"scores": {"a": 0.5, "b": 0.9, "c": 0.5, "d": 0.1}, "k": 2}
def top_k(scores: dict[str, float], k: int) -> list[str]:
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return [name for name, _ in ranked[:k]]


# case: {"words": ["pear", "Fig", "apple", "kiwi"]}
def by_length_then_name(words: list[str]) -> list[str]:
    words.sort(key=lambda w: (len(w), w.lower()))
    return words


# case: {"xs": [3, -7, 5], "offset": 2}
def late_binding(xs: list[int], offset: int) -> list[int]:
    shift = lambda v: v + offset
    out = [shift(x) for x in xs]
    offset = 100
    out.append(shift(0))
    return out


# case: {"words": ["bb", "a", "ccc"]}
def longest(words: list[str]) -> str:
    return max(words, key=len)


# case: {"words": ["b", "a", "c", "a", "b", "a"]}
def most_common(words: list[str]) -> tuple[str, list[str]]:
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return max(counts, key=counts.get), sorted(counts, key=counts.get)


# case: {"words": ["Banana", "apple", "Cherry"]}
def case_insensitive(words: list[str]) -> list[str]:
    return sorted(words, key=str.lower) + list(map(str.upper, words))


# case: {"probs": [0.1, 0.7, 0.2], "words": ["b", "a", "c"]}
# case: {"probs": [0.5], "words": []}
def special_methods_by_name(probs: list[float], words: list[str]) -> tuple[int, int, bool, float, str]:
    best = max(range(len(probs)), key=probs.__getitem__)
    return best, words.__len__(), probs.__eq__(sorted(probs)), probs[0].__add__(1.0), (-3).__abs__().__repr__()
