"""Integer and float arithmetic with Python semantics."""


# case: {"a": 7, "b": 2}
# case: {"a": -7, "b": 2}
# case: {"a": 7, "b": -2}
# case: {"a": 5, "b": 0}
def int_ops(a: int, b: int) -> tuple[int, int, float, int]:
    return a // b, a % b, a / b, a * b - a


# case: {"x": 2.5}
# case: {"x": -3.5}
# case: {"x": 0.5}
def rounding(x: float) -> tuple[int, float, int]:
    return round(x), round(x * 3.3, 2), int(x)


# case: {"n": 10}
# case: {"n": 1}
# case: {"n": 0}
def factorial(n: int) -> int:
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


# case: {"n": 25}
# case: {"n": 100}
def overflowing_power(n: int) -> int:
    return 3 ** n


# case: {"xs": [3.0, 1.5, -2.0]}
# case: {"xs": []}
def mean_or_zero(xs: list[float]) -> float:
    if len(xs) == 0:
        return 0.0
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


# case: {"a": 3, "b": 4}
# case: {"a": -1, "b": 1}
def compare_chain(a: int, b: int) -> tuple[bool, bool, bool]:
    return 0 < a < b, a <= b >= 0, a != b == 4
