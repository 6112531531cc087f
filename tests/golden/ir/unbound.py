def f(xs: list[int]) -> int:
    for x in xs:
        last = x
    return last
