"""Empty literals whose items no use decides, handed to generic consumers (str, repr, len, sorted, join, max)."""


# case: {"rows": [["a", "1"], ["b", "2"]]}
# case: {"rows": []}
def describe(rows: list[list[str]]) -> str:
    if not rows:
        return f"rows={[]} index={ {} } seen={set()} none={()}"
    return f"rows={len(rows)} first={rows[0]}"


# case: {"scores": [0.5, 0.25]}
# case: {"scores": []}
def summary(scores: list[float]) -> str:
    best = max(scores, default=None)
    worst = min(scores, default=-1.0)
    return f"best={best} worst={worst} empty={max([], default=0)} tags={', '.join([])!r}"


# case: {"words": ["b", "a"]}
# case: {"words": []}
def report(words: list[str]) -> list[str]:
    lines = [str(sorted(words)), repr(sorted([])), str(len([]) + len({}) + len(set()))]
    lines.append(repr(dict()) + repr(list()) + str(set()) + str(()))
    print([], {}, set(), ())
    return lines


# case: {"n": 3}
# case: {"n": 0}
def defaults(n: int) -> dict[str, int]:
    if n == 0:
        return dict()
    return {str(i): i for i in range(n)}


# case: {"names": ["x", "yy", "zzz"]}
# case: {"names": []}
def longest(names: list[str]) -> str:
    return max(names, key=lambda s: len(s), default="(none)") + "/" + str(min(names, key=len, default=None))


def count_all(groups: list[str]) -> int:
    return len(groups)


# case: {"flag": true}
# case: {"flag": false}
def nothing_found(flag: bool) -> list[int]:
    found = []
    pending = {}
    print("found", found, pending)
    if flag:
        return found
    return sorted(found) + [count_all(found) + len(pending)]
