"""Config dataclasses nested through default factories, as training scripts declare them."""
import dataclasses
from dataclasses import dataclass, field


@dataclass
class Optim:
    name: str = "adamw"
    lr: float = 3e-4
    betas: list[float] = field(default_factory=lambda: [0.9, 0.999])


@dataclass
class Data:
    batch_size: int = 16
    shuffle: bool = True


@dataclass
class Run:
    tag: str = "base"
    optim: Optim = field(default_factory=Optim)
    data: Data = field(default_factory=lambda: Data(batch_size=8))
    notes: list[str] = field(default_factory=list)


# case: {"tag": "exp1", "scale": 10.0}
def build(tag: str, scale: float) -> list[str]:
    a = Run(tag=tag)
    b = Run()
    a.optim.lr *= scale
    a.optim.betas.append(0.5)
    a.notes.append("scaled")
    return [str(a.optim.lr), str(b.optim.lr), str(a.optim.betas), str(b.optim.betas), str(a.data.batch_size), repr(b.data), str(a == b)]


# case: {"bs": 64}
def override(bs: int) -> list[str]:
    r = Run()
    r2 = dataclasses.replace(r, data=Data(batch_size=bs, shuffle=False))
    return [repr(r2.data), repr(r.data), str(r2.optim == r.optim)]
