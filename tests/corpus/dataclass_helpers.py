"""dataclasses.replace and dataclasses.asdict over run configurations: overriding fields of a frozen spec,
serialising nested configs to JSON, and comparing two configs field by field."""
import dataclasses
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class Optimizer:
    name: str = "adamw"
    lr: float = 3e-4
    weight_decay: float = 0.0


@dataclass
class RunConfig:
    model: str
    optimizer: Optimizer
    epochs: int = 3
    tags: List[str] = field(default_factory=list)
    limits: Optional[Dict[str, int]] = None


# case: {"lr": 0.01, "decay": 2}
# case: {"lr": 1e-5, "decay": 0}
def tuned(lr: float, decay: int) -> List[Any]:
    base = Optimizer()
    fast = replace(base, lr=lr)
    heavy = dataclasses.replace(fast, weight_decay=decay, name="sgd")
    return [base.lr, fast.lr, heavy.name, heavy.weight_decay, base == Optimizer(), fast == heavy]


# case: {"model": "mini", "epochs": 2, "tags": ["a", "b"]}
# case: {"model": "base", "epochs": 0, "tags": []}
def config_json(model: str, epochs: int, tags: List[str]) -> str:
    cfg = RunConfig(model, Optimizer(lr=0.1), epochs, tags)
    cfg = replace(cfg, limits={"tokens": 512})
    return json.dumps(asdict(cfg), sort_keys=True)


# case: {"epochs": 5}
def config_repr(epochs: int) -> str:
    cfg = RunConfig("m", Optimizer(), epochs)
    d = asdict(cfg)
    d["derived"] = epochs * 2
    return str(d) + " " + str(sorted(d.keys()))


# case: {"a_epochs": 3, "b_epochs": 4, "b_lr": 0.5}
# case: {"a_epochs": 3, "b_epochs": 3, "b_lr": 0.0003}
def changed_fields(a_epochs: int, b_epochs: int, b_lr: float) -> Dict[str, List[Any]]:
    a = asdict(RunConfig("m", Optimizer(), a_epochs))
    b = asdict(RunConfig("m", Optimizer(lr=b_lr), b_epochs))
    return {k: [a[k], b[k]] for k in a if a[k] != b[k]}


# case: {"n": 1}
def optimizer_summary(n: int) -> Dict[str, Any]:
    opts = [replace(Optimizer(), lr=0.1 * (i + 1)) for i in range(n + 1)]
    return {"count": len(opts), "rows": [asdict(o) for o in opts]}


@dataclass
class Hit:
    doc_id: str
    score: float = field(compare=False)
    debug: str = field(default="", repr=False, compare=False)


# case: {"a": ["d1", 0.5], "b": ["d1", 0.9]}
# case: {"a": ["d1", 0.5], "b": ["d2", 0.5]}
def same_hit(a: List[Any], b: List[Any]) -> List[Any]:
    x = Hit(a[0], a[1], "trace")
    y = Hit(b[0], b[1])
    return [x == y, x != y, repr(x), str(y), x in [y], asdict(x)]
