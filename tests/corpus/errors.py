"""Raising, asserting and run-time errors."""


# case: {"age": 30}
# case: {"age": -1}
def check_age(age: int) -> int:
    if age < 0:
        raise ValueError(f"age must be non-negative, got {age}")
    return age


# case: {"x": 1.0}
# case: {"x": 0.0}
def reciprocal(x: float) -> float:
    return 1 / x


# case: {"n": 3}
# case: {"n": 0}
def needs_positive(n: int) -> int:
    assert n > 0, "n must be positive"
    return n * 2


# case: {"s": "42"}
# case: {"s": "forty-two"}
def parse(s: str) -> int:
    return int(s)


# case: {"flag": true}
# case: {"flag": false}
def kinds(flag: bool) -> str:
    if flag:
        raise TypeError("flag was set")
    raise RuntimeError("flag was not set")
