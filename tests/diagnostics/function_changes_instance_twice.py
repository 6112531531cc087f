class Pool:
    def __init__(self) -> None:
        self.items: list[int] = []


def move_all(dst: Pool, src: Pool) -> None:
    for x in src.items:
        dst.items.append(x)
    src.items.clear()


def f(xs: list[int]) -> int:
    p = Pool()
    p.items.extend(xs)
    # error: E0202
    move_all(p, p)
    return len(p.items)
