from dataclasses import dataclass


@dataclass
class Row:
    name: str


def f(names: list[str]) -> int:
    # error: E0316
    return len({Row(n) for n in names})
