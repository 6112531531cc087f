"""iter(callable, sentinel) over stateful callables: batches pulled from a cursor until an empty one, countdowns kept
in nonlocal state, token streams ending at an end marker."""
from functools import partial


# case: {"items": [1, 2, 3, 4, 5, 6, 7], "size": 3}
# case: {"items": [], "size": 2}
def batch_sums(items: list[int], size: int) -> list[int]:
    cursor = 0

    def next_batch() -> list[int]:
        nonlocal cursor
        batch = items[cursor : cursor + size]
        cursor += size
        return batch

    sums: list[int] = []
    for batch in iter(next_batch, []):
        sums.append(sum(batch))
    return sums + [cursor]


# case: {"n": 6}
# case: {"n": 1}
def countdown(n: int) -> list[int]:
    left = [n]

    def tick() -> int:
        left[0] -= 1
        return left[0]

    return list(iter(tick, 0))


# case: {"tokens": ["the", "cat", "</s>", "sat"]}
# case: {"tokens": ["a", "b"]}
def until_eos(tokens: list[str]) -> list[str]:
    pos = 0

    def read_token(default: str) -> str:
        nonlocal pos
        if pos >= len(tokens):
            return default
        tok = tokens[pos]
        pos += 1
        return tok

    out: list[str] = []
    for tok in iter(partial(read_token, "</s>"), "</s>"):
        if tok == "skip":
            continue
        out.append(tok.upper())
    else:
        out.append(f"stopped at {pos}")
    return out


# case: {"scores": [0.9, 0.4, 0.7, 0.0, 0.8]}
def kept_until_zero(scores: list[float]) -> list[float]:
    i = -1

    def advance() -> float:
        nonlocal i
        i += 1
        return scores[i] if i < len(scores) else 0.0

    kept = [round(s * 100) / 100 for s in iter(advance, 0.0) if s >= 0.5]
    return kept + [float(i)]


# case: {"stack": [3, 1, 4, 1, 5]}
def pop_until_one(stack: list[int]) -> list[int]:
    popped: list[int] = []
    for v in iter(lambda: stack.pop() if stack else 1, 1):
        popped.append(v)
    return popped + stack
