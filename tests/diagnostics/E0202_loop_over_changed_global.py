from typing import List

QUEUE: List[str] = []


def push(item: str) -> None:
    QUEUE.append(item)


def f(seed: str) -> int:
    push(seed)
    n = 0
    for item in QUEUE:
        if len(item) < 4:
            # error: E0202
            push(item + "x")
        n += 1
    return n
