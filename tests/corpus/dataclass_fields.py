"""`dataclasses.fields` over a class or an instance (each field's name), `is_dataclass`, and the config idiom that
keeps only the known keys of a raw mapping before building the dataclass."""
import dataclasses
from dataclasses import dataclass, field, fields, is_dataclass


@dataclass
class OptimConfig:
    lr: float = 0.001
    warmup: int = 100
    decay: float = 0.0


@dataclass
class RunConfig(OptimConfig):
    name: str = "run"
    tags: list[str] = field(default_factory=list)
    step: int = field(default=0, init=False)


# case: {"raw": {"lr": 0.5, "decay": 0.25, "momentum": 0.9}}
# case: {"raw": {}}
def optim_from(raw: dict[str, float]) -> str:
    known = {f.name for f in fields(OptimConfig)}
    unknown = sorted(k for k in raw if k not in known)
    cfg = OptimConfig(**{k: v for k, v in raw.items() if k in known})
    return f"{cfg} ignored={unknown}"


# case: {}
def run_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(RunConfig)]


# case: {"name": "exp"}
def instance_fields(name: str) -> tuple[int, list[str]]:
    cfg = RunConfig(name=name)
    names = [f.name for f in fields(cfg)]
    return len(names), names


# case: {"n": 2}
def which_are_dataclasses(n: int) -> list[bool]:
    cfg = OptimConfig(warmup=n)
    return [is_dataclass(cfg), is_dataclass(RunConfig), is_dataclass(n), dataclasses.is_dataclass([cfg.lr])]
