"""Job queues: an `itertools.count()` kept in a local or a field as the tie-breaker of heap entries (`next(seq)`),
and a dict of objects listed in key order (`sorted(d.items())` never compares the objects)."""
import heapq
import itertools
from typing import Dict, List, Tuple


class Worker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.done: List[str] = []


class Queue:
    def __init__(self, start: int = 0) -> None:
        self._seq = itertools.count(start)
        self.heap: List[Tuple[int, int, str]] = []

    def push(self, priority: int, job: str) -> int:
        ticket = next(self._seq)
        heapq.heappush(self.heap, (priority, ticket, job))
        return ticket

    def pop(self) -> str:
        return heapq.heappop(self.heap)[2]


# case: {"jobs": [[2, "embed"], [1, "chat"], [2, "rerank"], [1, "summarize"], [3, "index"]], "workers": 2}
# case: {"jobs": [], "workers": 3}
def assign(jobs: List[Tuple[int, str]], workers: int) -> List[Tuple[str, List[str]]]:
    q = Queue(100)
    tickets = [q.push(p, j) for p, j in jobs]
    pool: Dict[str, Worker] = {f"w{i}": Worker(f"w{i}") for i in reversed(range(workers))}
    names = sorted(pool)
    turn = itertools.count()
    while q.heap:
        w = pool[names[next(turn) % len(names)]]
        w.done.append(q.pop())
    out = [(name, w.done) for name, w in sorted(pool.items())]
    out.append(("tickets", [str(t) for t in tickets]))
    return out


# case: {"n": 4}
# case: {"n": 0}
def ids(n: int) -> List[float]:
    step = itertools.count(0.5, 0.25)
    return [next(step) for _ in range(n)]


# case: {"tasks": ["a", "b", "c", "d", "e"], "workers": ["w1", "w2"]}
# case: {"tasks": ["a"], "workers": []}
def round_robin(tasks: List[str], workers: List[str]) -> List[Tuple[str, str]]:
    turns = itertools.cycle(workers)
    pad = itertools.repeat("-")
    first = next(turns, None)
    out = [(t, w) for t, w in zip(tasks, turns)]
    out.append((str(first), next(pad)))
    return out
