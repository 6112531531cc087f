from typing import Optional


class Node:
    def __init__(self, val: int, nxt: Optional["Node"] = None) -> None:
        self.val = val
        # error: E0202
        self.next = nxt


def f(xs: list[int]) -> int:
    head: Optional[Node] = None
    for x in xs:
        head = Node(x, head)
    return head.val if head is not None else 0
