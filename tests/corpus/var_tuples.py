"""tuple[T, ...] / Tuple[T, ...]: homogeneous tuples whose length is known only at run time."""
from typing import Tuple


# case: {"shape": [2, 3, 4]}
# case: {"shape": [5]}
# case: {"shape": []}
def numel(shape: tuple[int, ...]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


# case: {"shape": [2, 3, 4], "axis": -1}
# case: {"shape": [2, 3], "axis": 5}
def drop_axis(shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    if axis < 0:
        axis += len(shape)
    if axis >= len(shape):
        raise IndexError(f"axis {axis} out of range for {shape}")
    return shape[:axis] + shape[axis + 1 :]


# case: {"tags": ["b", "a", "b"], "extra": "c"}
# case: {"tags": [], "extra": "a"}
def normalise_tags(tags: Tuple[str, ...], extra: str) -> Tuple[str, ...]:
    out: Tuple[str, ...] = tuple(sorted(set(tags)))
    if extra not in out:
        out = out + (extra,)
    return out


# case: {"ids": [101, 7, 7, 102]}
# case: {"ids": [1]}
def describe(ids: tuple[int, ...]) -> str:
    first = ids[0]
    last = ids[-1]
    return f"{ids!r} len={len(ids)} first={first} last={last} sevens={ids.count(7)} {ids == (101, 7, 7, 102)}"


# case: {"point": [1.5, -2.0, 0.25]}
# case: {"point": [1.0, 2.0]}
def unpack3(point: tuple[float, ...]) -> float:
    try:
        x, y, z = point
    except ValueError as e:
        return float(len(str(e)))
    return x * y + z


# case: {"rows": [["a", "b"], ["a"], ["a", "b"]]}
def dedupe(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, ...]] = []
    for r in rows:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return sorted(out, reverse=True)


# case: {"words": ["x", "yy", "zzz"], "i": 1}
# case: {"words": ["x"], "i": 4}
def pick(words: tuple[str, ...], i: int) -> str:
    try:
        return words[i] * 2 + str(words[::-1])
    except IndexError as e:
        return f"{e} {e.args}"


# case: {"text": "a,b;c"}
# case: {"text": "a b;c", "seps": [" "]}
def split_any(text: str, seps: tuple[str, ...] = (",", ";")) -> tuple[str, ...]:
    parts = [text]
    for sep in seps:
        parts = [p for part in parts for p in part.split(sep)]
    return tuple(parts)


# case: {}
# case: {"stop": ["the"]}
def stopwords(stop: tuple[str, ...] = ()) -> str:
    return f"{stop} {len(stop)} {stop + ('a',)}"
