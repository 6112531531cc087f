"""Enums that carry behaviour, as model-serving code writes them: instance methods, properties, classmethods that
walk the members, staticmethods that parse text, and members ordered as IntEnums."""

from enum import Enum, IntEnum, auto
from typing import Dict, List


class Quant(Enum):
    NONE = "none"
    INT8 = "int8"
    INT4 = "int4"

    @property
    def bits(self) -> int:
        return {"none": 16, "int8": 8, "int4": 4}[self.value]

    def size_mb(self, params_m: float) -> float:
        return round(params_m * self.bits / 8, 2)

    def describe(self) -> str:
        return f"{self.name.lower()} ({self.bits} bit)"

    @classmethod
    def smallest_fitting(cls, params_m: float, budget_mb: float) -> str:
        fits = [q for q in cls if q.size_mb(params_m) <= budget_mb]
        if not fits:
            return "none fits"
        return max(fits, key=lambda q: q.bits).describe()

    @staticmethod
    def parse(text: str) -> "Quant":
        return Quant(text.strip().lower())


# case: {"params_m": 125.0, "budget_mb": 100.0}
# case: {"params_m": 7000.0, "budget_mb": 100.0}
# case: {"params_m": 10.0, "budget_mb": 100.0}
def choose_quant(params_m: float, budget_mb: float) -> str:
    return Quant.smallest_fitting(params_m, budget_mb)


# case: {"specs": [" INT8", "none ", "int4"], "params_m": 350.0}
def sizes(specs: List[str], params_m: float) -> Dict[str, float]:
    return {Quant.parse(s).describe(): Quant.parse(s).size_mb(params_m) for s in specs}


class Phase(IntEnum):
    WARMUP = auto()
    TRAIN = auto()
    COOLDOWN = auto()

    def following(self) -> "Phase":
        return Phase(min(self.value + 1, len(Phase)))

    @property
    def is_last(self) -> bool:
        return self == Phase.COOLDOWN

    @classmethod
    def at_step(cls, step: int, warmup: int, total: int) -> "Phase":
        if step < warmup:
            return cls.WARMUP
        return cls.TRAIN if step < total - warmup else cls.COOLDOWN


# case: {"steps": [0, 5, 50, 95, 99], "warmup": 10, "total": 100}
def schedule(steps: List[int], warmup: int, total: int) -> List[str]:
    out: List[str] = []
    for s in steps:
        p = Phase.at_step(s, warmup, total)
        out.append(f"{s}:{p.name}->{p.following().name}{'!' if p.is_last else ''}:{int(p) * 10}")
    return out
