"""try/except/else/finally with the exceptions Ingot raises."""


# case: {"s": "42"}
# case: {"s": "x"}
def parse_or_default(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        return -1


# case: {"a": 6, "b": 3}
# case: {"a": 1, "b": 0}
def safe_div(a: int, b: int) -> str:
    try:
        q = a // b
    except ZeroDivisionError as e:
        return "error: " + str(e)
    else:
        return f"ok {q}"


# case: {"xs": ["1", "2", "x", "4"]}
def sum_valid(xs: list[str]) -> tuple[int, int]:
    total = 0
    bad = 0
    for s in xs:
        try:
            total += int(s)
        except (ValueError, TypeError):
            bad += 1
            continue
        finally:
            total += 0
    return total, bad


# case: {"d": {"a": 1}, "k": "b"}
# case: {"d": {"a": 1}, "k": "a"}
def lookup(d: dict[str, int], k: str) -> int:
    try:
        v = d[k]
    except LookupError:
        v = 0
    return v


# case: {"n": 3}
# case: {"n": -3}
def reraise(n: int) -> int:
    try:
        if n < 0:
            raise RuntimeError("negative")
        return n
    except RuntimeError:
        raise


# case: {"xs": [3, 0, 5]}
def first_failure(xs: list[int]) -> int:
    i = 0
    while i < len(xs):
        try:
            _ = 10 // xs[i]
        except ZeroDivisionError:
            break
        i += 1
    return i
