# error: E0203
def f(x, y: int) -> int:
    return y
