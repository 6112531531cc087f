"""`dataclasses.fields` over a class or an instance (each field's name), `is_dataclass`, and the config idiom that
keeps only the known keys of a raw mapping before building the dataclass, and `getattr` of a field by a computed name."""
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


# case: {"a": 16, "b": 16}
# case: {"a": 8, "b": 32}
def changed_fields(a: int, b: int) -> dict[str, str]:
    base = OptimConfig(warmup=a)
    new = OptimConfig(warmup=b, lr=0.5)
    return {
        f.name: f"{getattr(base, f.name)} -> {getattr(new, f.name)}"
        for f in fields(OptimConfig)
        if getattr(base, f.name) != getattr(new, f.name)
    }


# case: {"key": "warmup"}
# case: {"key": "tags"}
# case: {"key": "momentum"}
def lookup(key: str) -> str:
    cfg = RunConfig(name="x", tags=["a"])
    return str(getattr(cfg, key, "absent"))


# case: {"key": "decay"}
# case: {"key": "missing"}
def lookup_strict(key: str) -> float:
    value = getattr(OptimConfig(decay=0.5), key)
    return float(value)


# case: {"keys": ["lr", "name", "beta"]}
def known_keys(keys: list[str]) -> list[bool]:
    declared = RunConfig.__dataclass_fields__
    inst = OptimConfig().__dataclass_fields__
    return [k in declared for k in keys] + [len(inst) == 3, sorted(declared) == sorted(f.name for f in fields(RunConfig))]
