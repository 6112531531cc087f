"""Ordering by a comparison function (functools.cmp_to_key): ranking with tie-breakers, version strings, custom
label orders, and the first of equal extremes."""

import functools
from functools import cmp_to_key


def _by_score_then_name(a: tuple[str, float], b: tuple[str, float]) -> int:
    if a[1] != b[1]:
        return -1 if a[1] > b[1] else 1
    if a[0] == b[0]:
        return 0
    return -1 if a[0] < b[0] else 1


# case: {"scores": {"beta": 0.5, "alpha": 0.5, "gamma": 0.9, "delta": 0.1}}
# case: {"scores": {}}
def leaderboard(scores: dict[str, float]) -> list[str]:
    ranked = sorted(scores.items(), key=cmp_to_key(_by_score_then_name))
    return [f"{i + 1}. {name} ({score:.2f})" for i, (name, score) in enumerate(ranked)]


def _compare_versions(a: str, b: str) -> int:
    pa = [int(p) for p in a.split(".")]
    pb = [int(p) for p in b.split(".")]
    n = max(len(pa), len(pb))
    pa += [0] * (n - len(pa))
    pb += [0] * (n - len(pb))
    return (pa > pb) - (pa < pb)


# case: {"versions": ["1.10", "1.2", "1.2.0", "0.9.12", "1.2.1"]}
# case: {"versions": ["2", "10", "1.x"]}
def sort_versions(versions: list[str]) -> tuple[list[str], str, str]:
    ordered = sorted(versions, key=cmp_to_key(_compare_versions))
    return ordered, max(versions, key=cmp_to_key(_compare_versions)), min(versions, key=cmp_to_key(_compare_versions))


PRIORITY = ["critical", "high", "medium", "low"]


# case: {"labels": ["low", "critical", "medium", "high", "low", "critical"]}
def triage(labels: list[str]) -> list[str]:
    labels.sort(key=functools.cmp_to_key(lambda a, b: PRIORITY.index(a) - PRIORITY.index(b)), reverse=True)
    return labels


# case: {"boxes": [[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 2.0, 2.0], [0.0, 0.0, 1.0, 4.0]]}
def largest_box(boxes: list[list[float]]) -> list[float]:
    def area_cmp(a: list[float], b: list[float]) -> float:
        return (a[2] - a[0]) * (a[3] - a[1]) - (b[2] - b[0]) * (b[3] - b[1])

    return max(boxes, key=cmp_to_key(area_cmp))
