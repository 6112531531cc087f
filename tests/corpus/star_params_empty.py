"""Helpers with annotated `*args` and `**kwargs` called with nothing for them, as logging and prompt-building helpers
are: an empty tuple and an empty dict of the annotated item type."""
from typing import List


def log_line(prefix: str, *values: float, **tags: str) -> str:
    parts = [prefix] + [f"{v:.2f}" for v in values] + [f"{k}={v}" for k, v in sorted(tags.items())]
    return " ".join(parts) + f" n={len(values)} t={len(tags)} {values!r} {bool(tags)}"


def build_prompt(question: str, *context: str) -> List[str]:
    return [f"Q: {question}"] + [f"C{i}: {c}" for i, c in enumerate(context)]


def scaled(xs: List[float], **opts: float) -> List[float]:
    factor = opts.get("factor", 2.0)
    return [x * factor + opts.get("shift", 0.0) for x in xs]


# case: {"prefix": "loss"}
def logs(prefix: str) -> List[str]:
    return [log_line(prefix), log_line(prefix, 1.5, 2.25), log_line(prefix, mode="eval"), log_line(prefix, 0.5, k="v")]


# case: {"q": "why?"}
def prompts(q: str) -> List[List[str]]:
    return [build_prompt(q), build_prompt(q, "doc one", "doc two")]


# case: {"xs": [1.0, 2.5]}
def scale_both(xs: List[float]) -> List[List[float]]:
    return [scaled(xs), scaled(xs, factor=3.0, shift=1.0)]
