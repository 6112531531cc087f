"""Enums whose members carry several values unpacked by `__init__`, as model registries describe precisions and model
sizes: bytes per parameter, a label, derived attributes, lookups by name and by the whole tuple value."""
from enum import Enum
from typing import Dict, List, Tuple


class Precision(Enum):
    FP32 = ("fp32", 4)
    FP16 = ("fp16", 2)
    INT8 = ("int8", 1)

    def __init__(self, label: str, nbytes: int) -> None:
        self.label = label
        self.nbytes = nbytes
        self.bits = nbytes * 8

    def memory_gb(self, params: int) -> float:
        return params * self.nbytes / 1e9


class ModelSize(Enum):
    """Hidden size and layer count."""

    SMALL = (512, 6)
    BASE = (768, 12)
    LARGE = (1024, 24)

    def __init__(self, hidden: int, layers: int) -> None:
        self.hidden = hidden
        self.layers = layers

    @property
    def params_m(self) -> float:
        return round(12 * self.layers * self.hidden * self.hidden / 1e6, 1)


class Ratio(Enum):
    HALF = 0.5
    QUARTER = 0.25


# case: {"label": "FP16", "params": 7000000000}
# case: {"label": "INT8", "params": 1300000000}
def memory(label: str, params: int) -> Dict[str, object]:
    p = Precision[label]
    return {
        "label": p.label,
        "bits": p.bits,
        "gb": p.memory_gb(params),
        "value": str(p.value),
        "first": p.value[0],
        "repr": repr(p),
        "str": str(p),
    }


# case: {"label": "fp16", "nbytes": 2}
# case: {"label": "fp8", "nbytes": 1}
def by_value(label: str, nbytes: int) -> str:
    try:
        return Precision((label, nbytes)).name
    except ValueError as e:
        return "error: " + str(e)


# case: {}
def sizes() -> List[Tuple[str, int, float]]:
    out = [(s.name, s.hidden, s.params_m) for s in ModelSize]
    return sorted(out, key=lambda t: -t[2])


# case: {"budget": 1.5}
def cheapest(budget: float) -> List[str]:
    fits: Dict[Precision, float] = {}
    for p in Precision:
        gb = p.memory_gb(1_000_000_000)
        if gb <= budget:
            fits[p] = gb
    return [f"{p.label}={gb}" for p, gb in fits.items()] + [str(Ratio.HALF.value * 4), Ratio(0.25).name]
