"""Tables of functions, as model code keeps them: activations by name, aggregators, text normalisers. A module
function named without a call (`math.tanh`, `statistics.median`) is a function value, and `dict.get` with a default
function the table does not hold widens the table's variant of functions."""
import math
import statistics
from typing import Callable, Dict, List

ACTIVATIONS: Dict[str, Callable[[float], float]] = {
    "relu": lambda x: max(0.0, x),
    "tanh": math.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "softplus": lambda x: math.log1p(math.exp(x)),
}

AGGREGATORS = {"mean": statistics.mean, "median": statistics.median, "max": max, "min": min}


# case: {"xs": [-1.5, 0.25, 2.5], "name": "tanh"}
# case: {"xs": [-1.5, 0.25, 2.5], "name": "sigmoid"}
# case: {"xs": [-1.5, 0.25], "name": "gelu"}
def activate(xs: List[float], name: str) -> List[float]:
    fn = ACTIVATIONS.get(name, lambda x: x)
    return [round(fn(x), 6) for x in xs]


# case: {"xs": [-1.5, 0.25, 2.5], "name": "relu"}
# case: {"xs": [1.5], "name": "swish"}
def activate_strict(xs: List[float], name: str) -> List[float]:
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose from {sorted(ACTIVATIONS)}")
    fn = ACTIVATIONS[name]
    return [fn(x) for x in xs]


# case: {"scores": [[0.5, 0.25, 0.75], [1.5, 0.5]], "how": "median"}
# case: {"scores": [[0.5, 0.25, 0.75], [1.5, 0.5]], "how": "max"}
# case: {"scores": [[0.5], []], "how": "mean"}
def aggregate_rows(scores: List[List[float]], how: str) -> List[float]:
    agg = AGGREGATORS[how]
    return [agg(row) for row in scores]


# case: {"text": "  Hello   WORLD  ", "steps": ["strip", "lower", "squash"]}
# case: {"text": "Tabs\tand  spaces", "steps": ["squash", "upper", "nope"]}
def normalise(text: str, steps: List[str]) -> str:
    table = {"strip": str.strip, "lower": str.lower, "upper": str.upper, "squash": lambda s: " ".join(s.split())}
    for step in steps:
        text = table.get(step, lambda s: s)(text)
    return text


# case: {"xs": [0.5, 4.0, 9.0], "ops": ["sqrt", "log", "exp"]}
# case: {"xs": [0.5, -1.0], "ops": ["sqrt"]}
def pointwise(xs: List[float], ops: List[str]) -> List[List[float]]:
    table = {"sqrt": math.sqrt, "log": math.log, "exp": math.exp}
    return [[round(table[o](x), 6) for x in xs] for o in ops]
