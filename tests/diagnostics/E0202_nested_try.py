def f(x: int) -> list[str]:
    log: list[str] = []

    def step() -> int:
        log.append("start")
        if x < 0:
            raise ValueError("negative")
        return x

    try:
        # error: E0202
        step()
    except ValueError:
        log.append("caught")
    return log
