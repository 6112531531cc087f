from contextlib import ExitStack


def f(names: list[str]) -> list[str]:
    log: list[str] = []
    # error: E0202
    with ExitStack() as stack:
        for n in names:
            stack.callback(log.append, n)
    return log
