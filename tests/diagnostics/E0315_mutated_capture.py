def f(xs: list[int]) -> list[int]:
    out: list[int] = []
    # error: E0315
    add = lambda x: out.append(x * 2)
    for x in xs:
        add(x)
    return out
