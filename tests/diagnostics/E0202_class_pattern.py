class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


def f(x: int, y: int) -> str:
    p = Point(x, y)
    match p:
        # error: E0202
        case Point(0, y):
            return f"on the y axis at {y}"
        case _:
            return "elsewhere"
