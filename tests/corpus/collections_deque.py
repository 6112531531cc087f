"""collections.deque in pre- and post-processing code: sliding windows, BFS queues, bounded histories."""

from collections import deque
from typing import Deque, Optional


# case: {"values": [1.0, 2.0, 6.0, 4.0, 5.0], "k": 3}
# case: {"values": [], "k": 2}
# case: {"values": [3.5], "k": 0}
def moving_average(values: list[float], k: int) -> list[float]:
    window = deque(maxlen=k)
    out = []
    for v in values:
        window.append(v)
        if len(window) == k:
            out.append(sum(window) / k)
    return out


# case: {"grid": ["S.#", "..#", "#.E"]}
# case: {"grid": ["S#", "#E"]}
# case: {"grid": ["S..E"]}
def shortest_path(grid: list[str]) -> int:
    rows, cols = len(grid), len(grid[0])
    start = (0, 0)
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "S":
                start = (r, c)
    queue = deque([(start, 0)])
    seen = {start}
    while queue:
        (r, c), dist = queue.popleft()
        if grid[r][c] == "E":
            return dist
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append(((nr, nc), dist + 1))
    return -1


# case: {"edges": {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}, "root": "a"}
# case: {"edges": {"x": []}, "root": "x"}
def bfs_order(edges: dict[str, list[str]], root: str) -> list[str]:
    order: list[str] = []
    todo: Deque[str] = deque()
    todo.append(root)
    visited = set()
    while todo:
        node = todo.popleft()
        if node in visited:
            continue
        visited.add(node)
        order.append(node)
        todo.extend(edges.get(node, []))
    return order


# case: {"text": "line1\nline2\nline3\nline4", "n": 2}
# case: {"text": "", "n": 3}
# case: {"text": "a\nb", "n": 5}
def tail(text: str, n: int) -> list[str]:
    return list(deque(text.splitlines(), maxlen=n))


# case: {"nums": [1, 3, -1, -3, 5, 3, 6, 7], "k": 3}
# case: {"nums": [4, 2], "k": 1}
# case: {"nums": [], "k": 2}
def sliding_max(nums: list[int], k: int) -> list[int]:
    """The monotonic-deque algorithm: indices whose values decrease from left to right."""
    dq: deque[int] = deque()
    out = []
    for i, x in enumerate(nums):
        while dq and dq[0] <= i - k:
            dq.popleft()
        while dq and nums[dq[-1]] < x:
            dq.pop()
        dq.append(i)
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out


# case: {"s": "A man, a plan, a canal: Panama"}
# case: {"s": "abca"}
# case: {"s": ""}
def is_palindrome(s: str) -> bool:
    chars = deque(c.lower() for c in s if c.isalnum())
    while len(chars) > 1:
        if chars.popleft() != chars.pop():
            return False
    return True


# case: {"tasks": [["a", 3], ["b", 1], ["c", 2]], "quantum": 2}
# case: {"tasks": [], "quantum": 1}
def round_robin(tasks: list[tuple[str, int]], quantum: int) -> list[str]:
    queue = deque(tasks)
    finished = []
    while queue:
        name, left = queue[0]
        if left <= quantum:
            queue.popleft()
            finished.append(name)
        else:
            queue[0] = (name, left - quantum)
            queue.rotate(-1)
    return finished


# case: {"history": [1, 2, 3], "events": [4, 5, 6, 7]}
# case: {"history": [], "events": [1]}
def recent_events(history: deque[int], events: list[int]) -> deque[int]:
    bounded = deque(history, maxlen=3)
    for e in events:
        bounded.appendleft(e)
    return bounded


# case: {"items": ["x", "y", "z"], "shift": 1}
# case: {"items": ["x", "y", "z"], "shift": -4}
# case: {"items": [], "shift": 2}
def rotated(items: list[str], shift: int) -> str:
    d = deque(items)
    d.rotate(shift)
    return repr(d)


# case: {"xs": [3, 1, 4, 1, 5], "x": 1}
# case: {"xs": [2], "x": 9}
def deque_queries(xs: list[int], x: int) -> tuple[int, int, bool, str]:
    d = deque(xs, maxlen=4)
    d.remove(x)
    d.insert(0, 0)
    return d.count(x), d.index(0), x in d, str(d)


# case: {"xs": [1, 2, 3]}
# case: {"xs": []}
def drain_both_ends(xs: list[int]) -> list[int]:
    d = deque(xs)
    out = []
    out.append(d.popleft())
    out.append(d.pop())
    return out


# case: {"xs": [1, 2, 3], "ys": [1, 2, 4]}
# case: {"xs": [1, 2], "ys": [1, 2]}
def compare_deques(xs: list[int], ys: list[int]) -> tuple[bool, bool, bool, bool]:
    a, b = deque(xs), deque(ys, maxlen=5)
    return a == b, a < b, a != b, deque(xs) == deque(reversed(ys))


# case: {"tokens": ["a", "b", "c", "d", "e"], "size": 2}
# case: {"tokens": ["a"], "size": 3}
def ngrams(tokens: list[str], size: int) -> list[str]:
    window: deque = deque(maxlen=size)
    grams = []
    for t in tokens:
        window.append(t)
        if len(window) == size:
            grams.append(" ".join(window))
    return grams


# case: {"limit": 2}
# case: {"limit": null}
def bounded_copy(limit: Optional[int]) -> tuple[Optional[int], str, str]:
    d = deque([1, 2, 3], limit)
    e = d.copy()
    e.extendleft([8, 9])
    d.reverse()
    d[0] = 7
    del d[-1]
    return e.maxlen, str(d), str(e + d)


def _window_stats(window: deque[float]) -> tuple[float, float]:
    return min(window), max(window)


# case: {"values": [3.0, 1.0, 4.0, 1.5, 5.0], "k": 2}
# case: {"values": [2.0], "k": 3}
def window_ranges(values: list[float], k: int) -> list[tuple[float, float]]:
    window: deque[float] = deque(maxlen=k)
    ranges = []
    for v in values:
        window.append(v)
        ranges.append(_window_stats(window))
    return ranges


# case: {"words": ["to", "be", "or", "not"], "keep": 3}
# case: {"words": [], "keep": 2}
def consumers(
    words: list[str], keep: int
) -> tuple[str, list[tuple[int, str]], list[str], set[str], int, bool, list[str]]:
    d = deque(words, maxlen=keep)
    joined = "-".join(d)
    indexed = [(i, w.upper()) for i, w in enumerate(d)]
    paired = [a + b for a, b in zip(d, reversed(d))]
    return joined, indexed, sorted(d), set(d), sum(len(w) for w in d), any(w == "or" for w in d), paired


# case: {"xs": [4, 5]}
# case: {"xs": [1, 2, 3]}
def unpack_pair(xs: list[int]) -> int:
    a, b = deque(xs)
    return a * 10 + b


# case: {"lines": ["header", "a", "b"]}
# case: {"lines": []}
def skip_header(lines: list[str]) -> tuple[str, list[str]]:
    it = iter(deque(lines))
    head = next(it, "")
    return head, [line for line in it]


# case: {"edges": {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, "start": "a", "goal": "d"}
# case: {"edges": {"a": []}, "start": "a", "goal": "z"}
def bfs_path(edges: dict[str, list[str]], start: str, goal: str) -> list[str]:
    queue = deque([[start]])
    seen = {start}
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path
        for nxt in edges.get(path[-1], []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + [nxt])
    return []


# case: {"n": 3}
# case: {"n": 0}
def staged_rows(n: int) -> list[list[int]]:
    rows: deque[list[int]] = deque()
    for i in range(n):
        row = [i, i * i]
        rows.appendleft(row)
    rows.append([-1])
    rows[0] = [7]
    return list(rows)
