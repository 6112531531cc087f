"""Settings dicts splatted into functions and constructors, as generation and training code passes user overrides:
`f(**overrides)` whose keys only the request decides, with CPython's TypeErrors for an unknown, a repeated or a
missing parameter."""
from typing import Dict, List


def generation_budget(temperature: float, top_p: float = 1.0, penalty: float = 0.0) -> float:
    return round(temperature * 100 + top_p * 10 + penalty, 3)


def render(template: str, name: str, role: str = "user") -> str:
    return template.replace("{name}", name).replace("{role}", role)


class Schedule:
    def __init__(self, warmup: int, total: int = 1000, floor: int = 0) -> None:
        self.warmup = warmup
        self.total = total
        self.floor = floor

    def describe(self) -> str:
        return f"warmup={self.warmup} total={self.total} floor={self.floor}"


# case: {"overrides": {"temperature": 0.7}}
# case: {"overrides": {"temperature": 0.2, "penalty": 1.5, "top_p": 0.9}}
# case: {"overrides": {"top_p": 0.5}}
# case: {"overrides": {"temperature": 0.7, "top_k": 40.0}}
# case: {"overrides": {}}
def budget(overrides: Dict[str, float]) -> str:
    try:
        return str(generation_budget(**overrides))
    except TypeError as e:
        return "TypeError: " + str(e)


# case: {"fields": {"name": "Ada"}}
# case: {"fields": {"name": "Ada", "role": "admin"}}
# case: {"fields": {"template": "x"}}
def greet(fields: Dict[str, str]) -> str:
    try:
        return render("{role}:{name}", **fields)
    except TypeError as e:
        return "TypeError: " + str(e)


# case: {"cfg": {"warmup": 10}}
# case: {"cfg": {"warmup": 5, "floor": 1}}
# case: {"cfg": {"total": 5}}
# case: {"cfg": {"warmup": 1, "steps": 2}}
def schedule(cfg: Dict[str, int]) -> List[str]:
    try:
        s = Schedule(**cfg)
        return [s.describe()]
    except TypeError as e:
        return ["TypeError", str(e)]


# case: {"base": {"temperature": 0.5, "top_p": 0.8}, "extra": {"top_p": 0.4}}
# case: {"base": {"temperature": 0.5}, "extra": {"temp": 1.0}}
def merged(base: Dict[str, float], extra: Dict[str, float]) -> str:
    try:
        return str(generation_budget(**{**base, "penalty": 2.0, **extra}))
    except TypeError as e:
        return "TypeError: " + str(e)
