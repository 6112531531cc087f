"""Builtin classes as values, as config validators use them: a schema mapping keys to classes, isinstance against
the class a loop reads, `typ.__name__` in messages, and the class called as a converter."""

from typing import Any, Dict, List

HPARAM_SCHEMA: Dict[str, type] = {"model": str, "layers": int, "dropout": float, "tied": bool}


# case: {"cfg": {"model": "gpt2", "layers": 12, "dropout": 0.1, "tied": true}}
# case: {"cfg": {"model": 3, "layers": "12", "dropout": 1, "tied": 0}}
# case: {"cfg": {"layers": 2}}
def check_hparams(cfg: Dict[str, Any]) -> List[str]:
    problems: List[str] = []
    for key, typ in HPARAM_SCHEMA.items():
        if key not in cfg:
            problems.append(f"{key}: missing ({typ.__name__})")
        elif not isinstance(cfg[key], typ):
            problems.append(f"{key}: want {typ.__name__}, have {type(cfg[key]).__name__}")
    return problems


# case: {"raw": {"layers": "6", "dropout": "0.25", "model": "t5"}}
def convert(raw: Dict[str, str]) -> List[str]:
    casts = {"layers": int, "dropout": float, "model": str}
    out: List[str] = []
    for key, text in raw.items():
        typ = casts[key]
        out.append(f"{key}={typ(text)!r} as {typ.__name__}")
    return out


# case: {"n": 7, "x": 0.5}
def class_names(n: int, x: float) -> List[Any]:
    numeric = [int, float, bool]
    return [t.__name__ for t in numeric] + [isinstance(n, t) for t in numeric] + [isinstance(x, t) for t in numeric]


SCALAR_TYPES = (int, float)


# case: {"row": [3, 0.5, "n/a", false, -2, null]}
def sum_scalars(row: List[Any]) -> List[Any]:
    total = 0.0
    skipped = 0
    for v in row:
        if isinstance(v, SCALAR_TYPES) and not isinstance(v, bool):
            total += v
        else:
            skipped += 1
    return [total, skipped, isinstance(True, SCALAR_TYPES)]
