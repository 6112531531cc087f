from typing import TypedDict


class Hit(TypedDict):
    id: str
    score: float


def f(hit: Hit, field: str) -> float:
    # A TypedDict's keys are fixed: read one by a constant key.
    # error: E0301
    return hit[field]
