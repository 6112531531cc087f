def f(xs: list[int]) -> int:
    seen = 0

    def count(x: int) -> int:
        nonlocal seen
        seen += 1
        return x * 2

    # error: E0202
    doubled = list(map(count, xs))
    return sum(doubled) + seen
