"""The copy module in preprocessing code: defaults merged into nested configs, snapshots, undo histories."""

import copy
from dataclasses import dataclass, field



# case: {"overrides": {"sizes": [128]}}
# case: {"overrides": {}}
def merged_config(overrides: dict[str, list[float]]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    base = {"sizes": [224.0, 224.0], "mean": [0.5, 0.5, 0.5]}
    cfg = copy.deepcopy(base)
    for k, v in overrides.items():
        cfg[k] = list(v)
    cfg["mean"].append(0.0)
    return base, cfg


# case: {"grid": [[0, 1], [1, 0]], "steps": 2}
# case: {"grid": [[1]], "steps": 0}
def life_steps(grid: list[list[int]], steps: int) -> list[list[list[int]]]:
    history = [copy.deepcopy(grid)]
    cur = copy.deepcopy(grid)
    for _ in range(steps):
        nxt = copy.deepcopy(cur)
        for r in range(len(cur)):
            for c in range(len(cur[r])):
                nxt[r][c] = 1 - cur[r][c]
        cur = nxt
        history.append(copy.deepcopy(cur))
    return history


# case: {"words": ["b", "a", "c"]}
# case: {"words": []}
def sorted_without_touching(words: list[str]) -> tuple[list[str], list[str]]:
    work = copy.copy(words)
    work.sort()
    work.append("z")
    return words, work


@dataclass
class Box:
    label: str
    coords: list[int] = field(default_factory=list)


# case: {"label": "cat", "coords": [1, 2, 3, 4]}
def shifted_box(label: str, coords: list[int]) -> tuple[Box, Box]:
    box = Box(label, coords)
    moved = copy.deepcopy(box)
    moved.coords[0] += 10
    moved.label = moved.label.upper()
    renamed = copy.copy(box)
    renamed.label = "other"
    return box, moved


# case: {"pairs": [["a", 1], ["b", 2]]}
def snapshot_counts(pairs: list[tuple[str, int]]) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = {}
    for k, v in pairs:
        counts[k] = v
    before = copy.copy(counts)
    counts["a"] = counts.get("a", 0) + 100
    return before, counts
