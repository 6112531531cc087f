"""Decorators applied to functions nested in the function that uses them, as pipeline code writes them around a
model call: a counting decorator with a function attribute, a memoising decorator whose cache lives in the
decorator's frame, a tracing decorator factory logging into the enclosing list, a once-only loader, a retry
factory around a pure function, and `functools.wraps` names."""
import functools
from typing import Callable, Dict, List, Tuple


# case: {"prompts": ["Summarise this", "translate me", "Summarise this"]}
# case: {"prompts": []}
def count_model_calls(prompts: List[str]) -> Tuple[int, List[int]]:
    def counted(fn: Callable[[str], List[str]]) -> Callable[[str], List[str]]:
        def wrapper(s: str) -> List[str]:
            wrapper.calls += 1
            return fn(s)

        wrapper.calls = 0
        return wrapper

    @counted
    def tokenize(s: str) -> List[str]:
        return s.lower().split()

    sizes = [len(tokenize(p)) for p in prompts]
    return tokenize.calls, sizes


# case: {"labels": ["pos", "neg", "pos", "neutral", "neg"]}
def memo_label_ids(labels: List[str]) -> Tuple[List[int], int]:
    computed: List[int] = [0]

    def memoize(fn: Callable[[str], int]) -> Callable[[str], int]:
        cache: Dict[str, int] = {}

        @functools.wraps(fn)
        def inner(key: str) -> int:
            if key not in cache:
                cache[key] = fn(key)
            return cache[key]

        return inner

    @memoize
    def label_id(name: str) -> int:
        computed[0] += 1
        return sum(ord(c) for c in name) % 11

    ids = [label_id(x) for x in labels]
    return ids, computed[0]


# case: {"scores": [0.5, 2.25, -1.5]}
def traced_postprocess(scores: List[float]) -> List[str]:
    trace: List[str] = []

    def traced(tag: str) -> Callable[[Callable[[float], float]], Callable[[float], float]]:
        def deco(fn: Callable[[float], float]) -> Callable[[float], float]:
            def run(x: float) -> float:
                y = fn(x)
                trace.append(f"{tag}:{fn.__name__}:{x}->{y}")
                return y

            return run

        return deco

    @traced("pre")
    def shift(x: float) -> float:
        return x + 1.0

    @traced("post")
    def clamp(x: float) -> float:
        return min(max(x, 0.0), 2.0)

    for s in scores:
        clamp(shift(s))
    return trace


# case: {"weights": [1, 2, 3]}
def load_once(weights: List[int]) -> List[int]:
    loads = [0]

    def once(fn: Callable[[], int]) -> Callable[[], int]:
        done = False
        value = 0

        def get() -> int:
            nonlocal done, value
            if not done:
                value = fn()
                done = True
            return value

        return get

    @once
    def load_checkpoint() -> int:
        loads[0] += 1
        return sum(w * w for w in weights)

    first = load_checkpoint()
    second = load_checkpoint()
    return [first, second, loads[0]]


# case: {"text": "hello", "fail": true}
# case: {"text": "hello", "fail": false}
def retry_pure(text: str, fail: bool) -> str:
    def retry(times: int = 2) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
        def deco(fn: Callable[[str], str]) -> Callable[[str], str]:
            def call(x: str) -> str:
                err = ""
                for _ in range(times):
                    try:
                        return fn(x)
                    except ValueError as e:
                        err = str(e)
                return "gave up: " + err

            return call

        return deco

    @retry(times=3)
    def generate(p: str) -> str:
        if fail:
            raise ValueError("rate limited")
        return p[::-1]

    return generate(text)


# case: {"x": 4}
def wrapped_names(x: int) -> List[str]:
    def doubled(fn: Callable[[int], int]) -> Callable[[int], int]:
        @functools.wraps(fn)
        def w(v: int) -> int:
            return 2 * fn(v)

        return w

    def plain(fn: Callable[[int], int]) -> Callable[[int], int]:
        def w(v: int) -> int:
            return fn(v) - 1

        return w

    @doubled
    def logits(v: int) -> int:
        return v + 1

    @plain
    def probs(v: int) -> int:
        return v * 3

    return [logits.__name__, logits.__wrapped__.__name__, probs.__name__, str(logits(x)), str(probs(x))]
