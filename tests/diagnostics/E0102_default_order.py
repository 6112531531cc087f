# error: E0102
def f(a: int = 1, b: int) -> int:
    return a + b
