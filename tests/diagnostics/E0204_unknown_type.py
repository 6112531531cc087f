# error: E0204
def f(x: Frobnicator) -> int:
    return 1
