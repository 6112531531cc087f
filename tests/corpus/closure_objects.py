"""Factories of closures that keep state between calls, as serving and training code writes them: a step
counter, an exponential moving average, a vocabulary id allocator and a patience-based early stopper, each
returned as a function and called several times by the caller."""
from typing import Callable, Dict, List


def make_step_counter(start: int) -> Callable[[], int]:
    step = start

    def tick() -> int:
        nonlocal step
        step += 1
        return step

    return tick


# case: {"start": 0, "n": 3}
# case: {"start": 41, "n": 1}
def count_steps(start: int, n: int) -> List[int]:
    tick = make_step_counter(start)
    other = make_step_counter(100)
    out: List[int] = []
    for _ in range(n):
        out.append(tick())
    out.append(other())
    out.append(tick())
    return out


def make_ema(alpha: float) -> Callable[[float], float]:
    value = 0.0
    seen = False

    def update(x: float) -> float:
        nonlocal value, seen
        value = x if not seen else alpha * x + (1.0 - alpha) * value
        seen = True
        return round(value, 6)

    return update


# case: {"losses": [2.5, 2.0, 1.5, 1.75], "alpha": 0.5}
def smooth_losses(losses: List[float], alpha: float) -> List[float]:
    ema = make_ema(alpha)
    return [ema(x) for x in losses]


def make_id_allocator() -> Callable[[str], int]:
    ids: Dict[str, int] = {}

    def get_id(token: str) -> int:
        if token not in ids:
            ids[token] = len(ids)
        return ids[token]

    return get_id


# case: {"tokens": ["the", "cat", "the", "mat", "cat"]}
def allocate_ids(tokens: List[str]) -> List[int]:
    alloc = make_id_allocator()
    return [alloc(t) for t in tokens]


def make_early_stopper(patience: int) -> Callable[[float], bool]:
    best = float("inf")
    waited = 0

    def should_stop(loss: float) -> bool:
        nonlocal best, waited
        if loss < best:
            best = loss
            waited = 0
        else:
            waited += 1
        return waited >= patience

    return should_stop


# case: {"losses": [1.5, 1.25, 1.3, 1.4, 1.2, 1.3, 1.35], "patience": 2}
# case: {"losses": [1.0], "patience": 1}
def stop_epoch(losses: List[float], patience: int) -> int:
    stop = make_early_stopper(patience)
    for epoch, loss in enumerate(losses):
        if stop(loss):
            return epoch
    return -1
