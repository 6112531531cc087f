"""@dataclass and pydantic return values become structs; pydantic checks Literal fields."""
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel


@dataclass
class Match:
    label: str
    score: float
    rank: int = 0


class Verdict(BaseModel):
    label: Literal["spam", "ham"]
    confidence: float


# case: {"labels": ["a", "b", "c"], "scores": [0.2, 0.9, 0.5]}
def best(labels: list[str], scores: list[float]) -> Match:
    i = 0
    for j in range(len(scores)):
        if scores[j] > scores[i]:
            i = j
    return Match(labels[i], scores[i], rank=1)


# case: {"labels": ["x", "y"]}
def all_matches(labels: list[str]) -> list[Match]:
    out = [Match(label=l, score=0.5) for l in labels]
    return out


# case: {"p": 0.8}
# case: {"p": 0.1}
def classify(p: float) -> Verdict:
    return Verdict(label="spam" if p > 0.5 else "ham", confidence=p)


# case: {"label": "eggs"}
def invalid(label: str) -> Verdict:
    return Verdict(label=label, confidence=1.0)


# case: {"label": "z"}
def describe(label: str) -> str:
    m = Match(label, 1.5)
    return f"{m.label}:{m.score}:{m.rank}"
