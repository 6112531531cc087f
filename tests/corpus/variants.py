"""Variants: a variable re-bound to another type, heterogeneous containers, unlike branches, Union parameters."""
from typing import Optional, Union


# case: {"n": 21}
# case: {"n": -4}
def rebind(n: int) -> str:
    x = n * 2
    x = str(x)
    return x + "!"


# case: {"flag": true}
# case: {"flag": false}
def heterogeneous(flag: bool) -> list:
    items = [1, "two", 3.5, True]
    out = []
    for it in items:
        out.append(it)
    if flag:
        out.append("extra")
    return out


# case: {"v": "abc"}
# case: {"v": 41}
def describe(v: Union[int, str]) -> str:
    if isinstance(v, str):
        return v.upper()
    return f"int {v + 1}"


# case: {"c": true}
# case: {"c": false}
def pick(c: bool):
    y = 3 if c else "three"
    return y


# case: {"xs": [1, "ab", 3, "cde"]}
# case: {"xs": []}
def weighted(xs: list[Union[int, str]]) -> int:
    total = 0
    for x in xs:
        if isinstance(x, int):
            total += x
        else:
            total += len(x)
    return total


# case: {"name": "minilm", "dim": 384}
def config(name: str, dim: int) -> dict:
    d = {"name": name, "dim": dim, "normalize": True, "scale": 0.5}
    d["dim"] = dim * 2
    return d


# case: {"v": 3}
# case: {"v": "x"}
# case: {"v": 2.5}
def doubled(v: int | float | str):
    return v * 2


# case: {"words": ["a", "bb", "ccc"]}
def lengths_or_words(words: list[str]) -> list:
    out = []
    for w in words:
        if len(w) % 2 == 1:
            out.append(len(w))
        else:
            out.append(w)
    return out


# case: {"v": "7"}
# case: {"v": 7}
def as_int(v: Union[str, int]) -> int:
    if isinstance(v, str):
        v = int(v)
    return v + 1


# case: {"values": [3, 0, 5]}
def first_truthy(values: list[int]):
    label = values[0] or "none"
    other = values[1] or "zero"
    return [label, other]


# case: {"x": 5}
# case: {"x": -5}
def sign_repr(x: int) -> str:
    result = "negative" if x < 0 else x
    return f"{result}|{result!r}|{str(result)}"


# case: {"scores": [0.25, 0.5]}
def formatted(scores: list[float]) -> list[str]:
    row = [len(scores), scores[0], "end"]
    return [f"{v}" for v in row] + [f"{row[1]:.3f}", f"{row[0]:03d}"]


# case: {"v": "abc"}
# case: {"v": 5}
def member_error(v: Union[int, str]) -> str:
    return v.upper()


# case: {"v": null}
# case: {"v": 3}
# case: {"v": "q"}
def optional_union(v: Optional[Union[int, str]]) -> str:
    if v is None:
        return "none"
    return str(v) * 2


# case: {"a": 1, "b": "1"}
# case: {"a": 2, "b": 2}
def compare(a: Union[int, str], b: Union[int, str]) -> list[bool]:
    return [a == b, a != b, a in [1, "1"], b == 2]


# case: {"n": 3}
def tuple_variant(n: int):
    pair = (n, "n")
    if n > 2:
        pair = ("big", n)
    return pair


# case: {"xs": [1, 2], "ys": ["a"]}
def concat(xs: list[int], ys: list[str]) -> list:
    both = xs + ys
    both.append(0.5)
    return both + [len(both)]


# case: {"rows": [["a", 1], ["b", 2]]}
def records(rows: list[tuple[str, int]]) -> list[dict]:
    out = []
    for name, score in rows:
        rec = {"name": name}
        rec["score"] = score
        rec["ok"] = score > 1
        out.append(rec)
    return out


# case: {"s": "3"}
# case: {"s": "x"}
# case: {"s": "2.5"}
def parse(s: str):
    if s.isdigit():
        return int(s)
    try:
        return float(s)
    except ValueError:
        return s


# case: {"n": 4}
def running(n: int) -> list:
    acc = []
    value = 0
    for i in range(n):
        if i % 2 == 0:
            value = i
        else:
            value = f"odd{i}"
        acc.append(value)
    return acc


# case: {"flag": true}
# case: {"flag": false}
def iterate_variant(flag: bool) -> list:
    v = [1, 2] if flag else "ab"
    out = []
    for c in v:
        out.append(c)
    return out + [len(v)]


# case: {"xs": [3, 1.5, 2]}
def numeric_order(xs: list[float]) -> list:
    ys = [int(xs[0])] + xs[1:]
    return [sorted(ys), max(ys), min(ys)]


# case: {"n": 4}
def generator_variant(n: int):
    for i in range(n):
        yield i if i else "zero"


# case: {"v": "ab"}
# case: {"v": 3}
# case: {"v": null}
def optional_variant_methods(v: Optional[Union[int, str]]) -> list:
    return [len(v), v.upper()]
