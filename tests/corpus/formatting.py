"""str.format and % formatting with literal format strings; print; isinstance; sets; map and filter."""


# case: {"name": "Ada", "score": 0.91234, "rank": 3}
def report(name: str, score: float, rank: int) -> str:
    a = "{} scored {:.2f}".format(name, score)
    b = "{0}/{0}: {r:03d}".format(name, r=rank)
    c = "%s has %.1f%% (%d) %r" % (name, score * 100, rank, name)
    d = "[%-6s|%5.1f]" % (name, score)
    return " ; ".join([a, b, c, d])


# case: {"x": 3}
def noisy(x: int) -> int:
    print("computing", x, sep=": ")
    return x * 2


# case: {"n": 3, "s": "a"}
def kinds(n: int, s: str) -> list[bool]:
    return [isinstance(n, int), isinstance(n, float), isinstance(s, (int, str)), isinstance(True, int)]


# case: {"a": ["x", "y", "z"], "b": ["y", "w"]}
def set_algebra(a: list[str], b: list[str]) -> tuple[list[str], list[str], list[str], int]:
    sa = set(a)
    sb = set(b)
    seen = set()
    for w in a + b:
        seen.add(w.upper())
    return sorted(sa | sb), sorted(sa & sb), sorted(sa - sb), len(seen)


# case: {"xs": [1, -2, 3, -4, 5]}
def functional(xs: list[int]) -> tuple[list[int], list[int], int]:
    squares = list(map(lambda v: v * v, xs))
    positives = list(filter(lambda v: v > 0, xs))
    return squares, positives, sum(abs(v) for v in xs)


# case: {"rows": [["apple", 1.5], ["fig", 12.25]], "width": 8, "digits": 2}
# case: {"rows": [], "width": 3, "digits": 0}
def aligned_table(rows: list[tuple[str, float]], width: int, digits: int) -> str:
    lines = [f"{'name':<{width}}|{'value':>{width}}"]
    for name, value in rows:
        lines.append(f"{name:<{width}}|{value:>{width}.{digits}f}|{name!r:^{width + 4}}")
    return "\n".join(lines)
