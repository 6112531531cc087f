from dataclasses import dataclass
from typing import Optional


@dataclass
# error: E0202
class Node:
    value: int
    next: "Optional[Node]" = None


def f(a: int) -> int:
    return Node(a).value
