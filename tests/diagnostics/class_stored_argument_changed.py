class Stack:
    def __init__(self) -> None:
        self.items: list[list[int]] = []

    def push(self, row: list[int]) -> None:
        self.items.append(row)


def f(n: int) -> list[list[int]]:
    s = Stack()
    row = [0]
    # error: E0313
    s.push(row)
    row.append(n)
    return s.items
