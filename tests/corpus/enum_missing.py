"""Enums that accept loose spellings through `_missing_`, as config loaders normalise user input: case-insensitive
activation names, aliases of devices, a fallback member, and `_missing_` answering None (CPython's ValueError)."""
from enum import Enum, IntEnum
from typing import List, Optional


class Activation(Enum):
    RELU = "relu"
    GELU = "gelu"
    SILU = "silu"

    @classmethod
    def _missing_(cls, value: object) -> Optional["Activation"]:
        if isinstance(value, str):
            v = value.strip().lower()
            if v == "swish":
                return cls.SILU
            for member in cls:
                if member.value == v:
                    return member
        return None


class Device(str, Enum):
    CPU = "cpu"
    CUDA = "cuda"

    @classmethod
    def _missing_(cls, value: object) -> "Device":
        return cls.CPU


class Level(IntEnum):
    LOW = 1
    HIGH = 3

    @classmethod
    def _missing_(cls, value: object) -> "Level":
        if isinstance(value, int) and value > 3:
            return cls.HIGH
        raise ValueError(f"level {value} is below every member")


# case: {"names": ["ReLU", " gelu ", "swish", "silu"]}
# case: {"names": ["tanh"]}
def activations(names: List[str]) -> List[str]:
    out: List[str] = []
    for n in names:
        try:
            out.append(Activation(n).name)
        except ValueError as e:
            out.append("error: " + str(e))
    return out


# case: {"name": "cuda"}
# case: {"name": "tpu"}
def device_of(name: str) -> str:
    d = Device(name)
    return f"{d.name}:{d.value}"


# case: {"v": 3}
# case: {"v": 9}
# case: {"v": 0}
def level_of(v: int) -> str:
    try:
        lv = Level(v)
        return f"{lv.name}={int(lv)}"
    except ValueError as e:
        return "error: " + str(e)
