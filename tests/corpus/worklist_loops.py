"""Loops over a list that the body grows or shrinks: CPython's list iterator reads by index, so a worklist loop sees
the items appended to it (a breadth-first walk), and removing an item skips the next one."""
from collections import defaultdict
from typing import Dict, List, Tuple


# case: {"edges": [["a", "b"], ["b", "c"], ["a", "d"], ["c", "a"], ["d", "e"]], "start": "a"}
# case: {"edges": [], "start": "z"}
def breadth_first(edges: List[List[str]], start: str) -> List[str]:
    graph: Dict[str, List[str]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
    order = [start]
    for node in order:
        for nxt in graph[node]:
            if nxt not in order:
                order.append(nxt)
    return order


# case: {"xs": [1, -2, -3, 4, -5]}
# case: {"xs": []}
def drop_negatives_in_place(xs: List[int]) -> List[int]:
    out = list(xs)
    for x in out:
        if x < 0:
            out.remove(x)
    return out


# case: {"spans": [[0, 3], [2, 5], [7, 9], [8, 12]], "limit": 6}
def split_long_spans(spans: List[List[int]], limit: int) -> List[Tuple[int, int]]:
    queue = [(s[0], s[1]) for s in spans]
    done: List[Tuple[int, int]] = []
    for start, end in queue:
        if end - start > limit // 2:
            mid = (start + end) // 2
            queue.append((start, mid))
            queue.append((mid, end))
            continue
        done.append((start, end))
    else:
        done.append((-1, len(queue)))
    return done


# case: {"tokens": ["a", "b", "STOP", "c"]}
def expand_until_stop(tokens: List[str]) -> List[str]:
    seen = list(tokens[:2])
    for t in seen:
        if len(seen) > 6:
            break
        seen.append(t + "'")
    return seen


# case: {"xs": [1, 2, 3, 4]}
def carry_forward(xs: List[int]) -> List[int]:
    seen: List[int] = []
    i = 0
    for x in xs:
        seen.append(x)
        if i + 1 < len(xs):
            xs[i + 1] += x
        i += 1
    return seen + xs


# case: {"counts": {"a": 1, "b": 3}}
def double_counts(counts: Dict[str, int]) -> Dict[str, int]:
    for k in counts:
        counts[k] = counts[k] * 2
    for k, v in counts.items():
        counts[k] = v + 1
    return counts


# case: {"scores": {"a": 0.5, "b": 0.25}, "floor": 0.3}
# case: {"scores": {"a": 0.5}, "floor": 0.1}
def drop_low_scores(scores: Dict[str, float], floor: float) -> Dict[str, float]:
    for k, v in scores.items():
        if v < floor:
            del scores[k]
    return scores


# case: {"words": ["a", "b"]}
def add_while_iterating(words: List[str]) -> int:
    index: Dict[str, int] = {w: i for i, w in enumerate(words)}
    for w in index:
        index[w.upper()] = 0
    return len(index)


# case: {"tags": ["x", "y"]}
def grow_set(tags: List[str]) -> List[str]:
    s = set(tags)
    for t in s:
        if t == "x":
            s.discard(t)
            break
    for t in s:
        s.add(t + t)
    return sorted(s)
