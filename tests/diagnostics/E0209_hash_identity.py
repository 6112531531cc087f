class Node:
    def __init__(self, name: str):
        self.name = name


def f(names: list[str]) -> int:
    # error: E0209
    return len({Node(n) for n in names})
