"""Enums declared with enum.auto() and looked up by member name, as configuration code reads them from
strings: pooling modes, dataset splits, feature flags."""
from enum import Enum, IntEnum, IntFlag, StrEnum, auto
from typing import Dict, List


class Split(Enum):
    TRAIN = auto()
    VALID = auto()
    TEST = auto()


class Pooling(StrEnum):
    MEAN = auto()
    CLS = auto()
    LAST_TOKEN = auto()


class Priority(IntEnum):
    LOW = 5
    MID = auto()
    HIGH = auto()


class Feature(IntFlag):
    LOWER = auto()
    STRIP = auto()
    DEDUPE = auto()


class Mode(str, Enum):
    FAST = auto()
    SLOW = auto()


# case: {"names": ["train", "TEST"]}
# case: {"names": ["dev"]}
def split_ids(names: List[str]) -> List[int]:
    return [Split[n.upper()].value for n in names]


# case: {"name": "last_token"}
# case: {"name": "max"}
def pooling_of(name: str) -> List[str]:
    p = Pooling(name)
    return [p.value, p.name, str(p), Pooling[p.name].value]


# case: {}
def auto_values() -> Dict[str, List]:
    return {
        "split": [s.value for s in Split],
        "priority": [int(p) for p in Priority],
        "feature": [f.value for f in Feature],
        "mode": [m.value for m in Mode],
        "pooling": [p.value for p in Pooling],
    }


# case: {"flags": ["LOWER", "DEDUPE"], "text": "  A a B  "}
def apply_flags(flags: List[str], text: str) -> str:
    enabled = [Feature[f] for f in flags]
    if Feature.STRIP in enabled:
        text = text.strip()
    if Feature.LOWER in enabled:
        text = text.lower()
    if Feature.DEDUPE in enabled:
        text = " ".join(dict.fromkeys(text.split()))
    return text
