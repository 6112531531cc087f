"""Imports inside functions: they name the same module wherever they are bound."""

# case: {"words": ["apple", "avocado", "banana", "blueberry", "cherry"]}
def group_by_initial(words: list[str]) -> dict[str, list[str]]:
    from itertools import groupby

    return {k: list(g) for k, g in groupby(sorted(words), key=lambda w: w[0])}


# case: {"xs": [3.0, 1.0, 2.0]}
def med(xs: list[float]) -> float:
    import statistics as st
    if len(xs) > 1:
        import math
        return math.floor(st.median(xs) * 10) / 10
    return 0.0
