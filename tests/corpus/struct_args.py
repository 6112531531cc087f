"""Structs and enums as arguments: defaults filled when a field is missing, pydantic Literal fields checked on input, Enum defaults."""
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Literal

from pydantic import BaseModel


class Task(str, Enum):
    QUERY = "query"
    DOCUMENT = "document"


class Level(IntEnum):
    LOW = 1
    HIGH = 2


@dataclass
class Match:
    label: str
    score: float
    rank: int = 0
    tags: list[str] = field(default_factory=list)


class Verdict(BaseModel):
    label: Literal["spam", "ham"]
    confidence: float = 0.5


# case: {"m": {"label": "x", "score": 1.0}}
# case: {"m": {"label": "y", "score": 0.25, "rank": 3, "tags": ["a"]}}
def describe(m: Match) -> str:
    return f"{m.label}:{m.score:.2f}#{m.rank}{m.tags}"


# case: {"v": {"label": "spam"}}
# case: {"v": {"label": "eggs", "confidence": 0.9}}
def explain(v: Verdict) -> str:
    return f"{v.label}/{v.confidence}"


# case: {"text": "hi"}
# case: {"text": "hi", "task": "document"}
def prompt(text: str, task: Task = Task.QUERY, level: Level = Level.HIGH) -> str:
    return f"{task.value}:{level.value}:{text}"


# case: {"n": 2}
def make(n: int, level: Level = Level.LOW) -> list[Match]:
    return [Match(label=f"m{i}", score=i / n, rank=int(level)) for i in range(n)]
