# error-without-span: E0201
def g(x: int) -> int:
    return x
