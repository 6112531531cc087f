from collections import deque


def f(pending: list[str]) -> list[str]:
    queue = deque(pending)
    for item in queue:
        if len(item) < 3:
            # error: E0202
            queue.append(item + "!")
    return list(queue)
