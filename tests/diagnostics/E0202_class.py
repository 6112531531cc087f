class Point:
    def __init__(self, x: int):
        self.x = x


def f(x: int) -> int:
    # error: E0202
    p = Point(x)
    return x
