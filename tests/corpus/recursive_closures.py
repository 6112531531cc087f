"""Recursive nested helpers that keep state in the enclosing function: a memo dict filled by a top-down DP, a
`nonlocal` best score updated by a backtracking search, a visited set and a call counter of a graph walk."""
from typing import Dict, List, Set, Tuple


# case: {"grid": [[1, 3, 1], [1, 5, 1], [4, 2, 1]]}
# case: {"grid": [[7]]}
def min_path_cost(grid: List[List[int]]) -> Tuple[int, int]:
    memo: Dict[Tuple[int, int], int] = {}
    calls = [0]

    def best(i: int, j: int) -> int:
        calls[0] += 1
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(grid) - 1 and j == len(grid[0]) - 1:
            r = grid[i][j]
        elif i == len(grid) - 1:
            r = grid[i][j] + best(i, j + 1)
        elif j == len(grid[0]) - 1:
            r = grid[i][j] + best(i + 1, j)
        else:
            r = grid[i][j] + min(best(i + 1, j), best(i, j + 1))
        memo[(i, j)] = r
        return r

    total = best(0, 0)
    return total, calls[0]


# case: {"weights": [3, 4, 5, 9], "values": [4, 5, 6, 11], "cap": 12}
# case: {"weights": [], "values": [], "cap": 5}
def knapsack_search(weights: List[int], values: List[int], cap: int) -> List[int]:
    best_value = 0
    best_pick: List[int] = []
    nodes = 0

    def search(i: int, room: int, value: int, pick: List[int]) -> None:
        nonlocal best_value, best_pick, nodes
        nodes += 1
        if value > best_value:
            best_value = value
            best_pick = list(pick)
        if i == len(weights):
            return
        if weights[i] <= room:
            search(i + 1, room - weights[i], value + values[i], pick + [i])
        search(i + 1, room, value, pick)

    search(0, cap, 0, [])
    return [best_value, nodes] + best_pick


# case: {"edges": [["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]], "start": "a"}
def reachable(edges: List[List[str]], start: str) -> List[str]:
    graph: Dict[str, List[str]] = {}
    for u, v in edges:
        graph.setdefault(u, []).append(v)
    seen: Set[str] = set()
    order: List[str] = []

    def walk(node: str) -> int:
        if node in seen:
            return 0
        seen.add(node)
        order.append(node)
        n = 1
        for nxt in graph.get(node, []):
            n += walk(nxt)
        return n

    count = walk(start)
    return order + [str(count)]
