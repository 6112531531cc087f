def f(x: int) -> list[str]:
    log: list[str] = []

    def step() -> int:
        try:
            # error: E0202
            return x * 2
        finally:
            log.append("finally")

    r = step()
    log.append(str(r))
    return log
