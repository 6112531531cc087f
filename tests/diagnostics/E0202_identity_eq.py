class Node:
    def __init__(self, name: str):
        self.name = name


def f(name: str) -> bool:
    a = Node(name)
    # error: E0202
    return a == Node(name)
