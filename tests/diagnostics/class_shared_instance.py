class Counter:
    def __init__(self, start: int):
        self.value = start


def f(n: int) -> int:
    a = Counter(n)
    # error: E0313
    b = a
    b.value = n + 1
    return a.value
