from dataclasses import dataclass


@dataclass
class Hit:
    score: float
    doc: str


def f(scores: list[float]) -> list[str]:
    hits = [Hit(s, str(i)) for i, s in enumerate(scores)]
    # error: E0301
    return [h.doc for h in sorted(hits)]
