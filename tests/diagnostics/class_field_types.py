class Holder:
    def __init__(self, value):
        self.value = value


def f(n: int) -> int:
    a = Holder(n)
    # error: E0301
    b = Holder(str(n))
    return a.value
