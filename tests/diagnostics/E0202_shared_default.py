# error: E0202
def collect(x: int, acc: list[int] = []) -> list[int]:
    acc.append(x)
    return acc


def f(xs: list[int]) -> list[int]:
    out: list[int] = []
    for x in xs:
        out = collect(x)
    return out
