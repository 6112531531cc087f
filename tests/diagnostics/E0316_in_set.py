from dataclasses import dataclass


@dataclass
class Row:
    name: str


def f(rows: list[Row], r: Row) -> bool:
    known = {"a", "b"}
    # error: E0316
    return [r.name] in known
