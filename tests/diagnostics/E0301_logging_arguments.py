import logging


def f(n: int) -> int:
    log = logging.getLogger("worker")
    # error: E0301
    log.info("%d items", n)
    return n
