"""enum.Flag and enum.IntFlag values as model-serving code combines them: capability sets of a model, file permission
bits, tokenizer options. Combinations, `in`, `~`, iteration, `len`, names and reprs of combinations (Python 3.11)."""
from enum import Enum, Flag, IntEnum, IntFlag, auto
from typing import Dict, List


class Modality(Flag):
    TEXT = auto()
    IMAGE = auto()
    AUDIO = auto()
    VIDEO = auto()
    NONE = 0
    VISUAL = IMAGE | VIDEO


class Access(IntFlag):
    READ = 4
    WRITE = 2
    EXECUTE = 1
    RW = READ | WRITE


class TokOpt(Flag):
    LOWER = 1
    STRIP_ACCENTS = 2
    SPLIT_DIGITS = 4


def _modalities(names: List[str]) -> Modality:
    m = Modality.NONE
    for n in names:
        m |= Modality[n.upper()]
    return m


# case: {"names": ["text", "image"]}
# case: {"names": ["video", "image"]}
# case: {"names": []}
# case: {"names": ["audio", "video", "text", "image"]}
def describe(names: List[str]) -> Dict[str, object]:
    m = _modalities(names)
    return {
        "name": str(m.name),
        "str": str(m),
        "repr": repr(m),
        "value": m.value,
        "len": len(m),
        "members": [x.name for x in m],
        "visual": Modality.VISUAL in m,
        "any_visual": bool(m & Modality.VISUAL),
        "truth": "yes" if m else "no",
    }


# case: {"names": ["text"]}
# case: {"names": ["image", "audio"]}
def missing(names: List[str]) -> List[str]:
    m = _modalities(names)
    rest = ~m
    return [x.name for x in rest] + [f"{rest!r}", f"{m ^ Modality.VISUAL}"]


# case: {"value": 6}
# case: {"value": 5}
# case: {"value": 0}
# case: {"value": 8}
# case: {"value": 12}
def access_info(value: int) -> List[object]:
    a = Access(value)
    return [
        int(a),
        str(a),
        repr(a),
        str(a.name),
        Access.WRITE in a,
        a == Access.RW,
        a | 1,
        (a & Access.READ).value,
        repr(Access.READ | 1),
        a + 1,
        len(a),
        [str(x) for x in a],
    ]


# case: {"value": 3}
# case: {"value": 8}
# case: {"value": -1}
def tok_options(value: int) -> str:
    try:
        opts = TokOpt(value)
    except ValueError as e:
        return "error: " + str(e)
    return f"{opts} {len(opts)} {[o.value for o in TokOpt]} {len(TokOpt)}"


# case: {"grants": [["alice", "READ"], ["bob", "WRITE"], ["alice", "WRITE"], ["bob", "EXECUTE"]]}
def grants_by_user(grants: List[List[str]]) -> Dict[str, str]:
    table: Dict[str, Access] = {}
    for user, bit in grants:
        table[user] = table.get(user, Access(0)) | Access[bit]
    counts: Dict[Modality, int] = {}
    for m in [Modality.TEXT, Modality.TEXT | Modality.IMAGE, Modality.TEXT]:
        counts[m] = counts.get(m, 0) + 1
    out = {u: repr(a) for u, a in sorted(table.items())}
    out["counts"] = str(sorted(counts.values()))
    out["members"] = ",".join(Modality.__members__)
    return out


# case: {"mode": 7}
# case: {"mode": 4}
def rwx(mode: int) -> str:
    p = Access(mode)
    return "".join(ch if bit in p else "-" for ch, bit in zip("rwx", [Access.READ, Access.WRITE, Access.EXECUTE]))


class Verbosity(IntEnum):
    QUIET = 0
    INFO = 1


class Color(Enum):
    NONE = 0
    RED = 1


# case: {"level": 0}
# case: {"level": 1}
def truthiness(level: int) -> List[bool]:
    v = Verbosity(level)
    return [bool(v), bool(Color(level)), True if v else False, not Color.NONE]
