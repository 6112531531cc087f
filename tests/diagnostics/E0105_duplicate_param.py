# error: E0105
def f(x: int, x: int) -> int:
    return x
