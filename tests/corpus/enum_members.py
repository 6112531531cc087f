"""An Enum's `__members__`, as config loaders check a name before looking it up: membership, iteration in definition
order, its items and its size."""
from enum import Enum, IntEnum


class Pooling(Enum):
    CLS = "cls"
    MEAN = "mean"
    MAX = "max"


class Level(IntEnum):
    LOW = 1
    HIGH = 5


# case: {"key": "MEAN"}
# case: {"key": "max"}
# case: {"key": "sum"}
def parse_pooling(key: str) -> str:
    if key in Pooling.__members__:
        return Pooling[key].value
    try:
        return Pooling(key).name
    except ValueError as e:
        return str(e)


# case: {}
def listing() -> list[str]:
    names = [n for n in Pooling.__members__]
    pairs = [f"{n}={m.value}" for n, m in Pooling.__members__.items()]
    return names + pairs + [str(len(Level.__members__)), str(sum(int(v) for v in Level.__members__.values()))]
