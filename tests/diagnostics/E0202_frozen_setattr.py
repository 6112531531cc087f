from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    size: int
    name: str


def f(size: int) -> int:
    c = Config(size, "x")
    # error: E0202
    c.size = size * 2
    return c.size
