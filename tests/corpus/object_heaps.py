"""Heaps of objects ordered by their class: a `@dataclass(order=True)` whose fields with compare=False are left out,
and a class with `__lt__` (Dijkstra-style frontiers, schedulers), through heappush, heappop, heapify, heapreplace
and heappushpop."""
import heapq
from dataclasses import dataclass, field
from typing import Dict, List, Tuple


@dataclass(order=True)
class Task:
    priority: int
    arrival: float
    name: str = field(compare=False)


class Path:
    def __init__(self, cost: float, node: str, hops: int) -> None:
        self.cost = cost
        self.node = node
        self.hops = hops

    def __lt__(self, other: "Path") -> bool:
        if self.cost != other.cost:
            return self.cost < other.cost
        return self.hops < other.hops


# case: {"jobs": [[2, 0.5, "embed"], [1, 1.5, "chat"], [1, 0.25, "rerank"], [3, 0.0, "index"], [2, 0.5, "tie"]]}
# case: {"jobs": []}
def run_order(jobs: List[Tuple[int, float, str]]) -> List[str]:
    heap: List[Task] = []
    for p, t, n in jobs:
        heapq.heappush(heap, Task(p, t, n))
    return [heapq.heappop(heap).name for _ in range(len(heap))]


# case: {"edges": [["a", "b", 1.5], ["a", "c", 4.0], ["b", "c", 1.5], ["c", "d", 1.0], ["b", "d", 5.0]], "src": "a"}
# case: {"edges": [["x", "y", 2.0]], "src": "y"}
def shortest(edges: List[Tuple[str, str, float]], src: str) -> Dict[str, float]:
    graph: Dict[str, List[Tuple[str, float]]] = {}
    for u, v, w in edges:
        graph.setdefault(u, []).append((v, w))
    dist: Dict[str, float] = {}
    frontier = [Path(0.0, src, 0)]
    while frontier:
        p = heapq.heappop(frontier)
        if p.node in dist:
            continue
        dist[p.node] = p.cost
        for v, w in graph.get(p.node, []):
            if v not in dist:
                heapq.heappush(frontier, Path(p.cost + w, v, p.hops + 1))
    return dist


# case: {"scores": [[0.5, "a"], [2.5, "b"], [1.5, "c"], [0.25, "d"]], "k": 2}
# case: {"scores": [[1.0, "x"]], "k": 3}
def keep_top(scores: List[Tuple[float, str]], k: int) -> List[str]:
    heap = [Task(0, s, n) for s, n in scores[:k]]
    heapq.heapify(heap)
    for s, n in scores[k:]:
        if s > heap[0].arrival:
            heapq.heapreplace(heap, Task(0, s, n))
        else:
            heapq.heappushpop(heap, Task(0, s, n))
    return sorted(t.name for t in heap)
