# error: E0210
def f(*args: int) -> int:
    return 0
