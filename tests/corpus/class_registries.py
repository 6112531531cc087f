"""Classes and exception classes held as run-time values: registries of model classes filled by a dict display or by
a registering decorator, a class chosen by a condition, `cls.__name__`, `issubclass`, `cls is C`, raising an
exception class looked up in a table, `type(obj) is C`, and class constants read through a class held as a value (`cls.status`)."""
from typing import Callable


class Head:
    def __init__(self, width: int, scale: float = 1.0) -> None:
        self.width = width
        self.scale = scale

    def apply(self, xs: list[float]) -> list[float]:
        return [x * self.scale for x in xs[: self.width]]


class ReluHead(Head):
    def apply(self, xs: list[float]) -> list[float]:
        return [max(0.0, x) * self.scale for x in xs[: self.width]]


class MeanHead(Head):
    def apply(self, xs: list[float]) -> list[float]:
        part = xs[: self.width]
        return [sum(part) / len(part) * self.scale] if part else []


HEADS: dict[str, type[Head]] = {"linear": Head, "relu": ReluHead, "mean": MeanHead}


# case: {"kind": "relu", "xs": [-1.0, 2.0, 3.5], "width": 2}
# case: {"kind": "mean", "xs": [1.0, 2.0, 4.5], "width": 3}
# case: {"kind": "linear", "xs": [1.5], "width": 4}
# case: {"kind": "conv", "xs": [1.0], "width": 1}
def run_head(kind: str, xs: list[float], width: int) -> list[float]:
    if kind not in HEADS:
        raise ValueError(f"unknown head {kind!r}; choose from {sorted(HEADS)}")
    cls = HEADS[kind]
    head = cls(width, scale=2.0)
    return head.apply(xs)


# case: {}
def head_names() -> list[str]:
    return [f"{name}={cls.__name__}" for name, cls in HEADS.items()]


# case: {"kind": "relu"}
# case: {"kind": "linear"}
def head_kinds(kind: str) -> list[bool]:
    cls = HEADS[kind]
    return [cls is Head, cls == ReluHead, cls in (ReluHead, MeanHead), issubclass(cls, Head), issubclass(cls, MeanHead)]


_POOLERS: dict[str, type[Head]] = {}


def register_pooler(name: str) -> Callable[[type[Head]], type[Head]]:
    def wrap(cls: type[Head]) -> type[Head]:
        _POOLERS[name] = cls
        return cls

    return wrap


@register_pooler("first")
class FirstPooler(Head):
    def apply(self, xs: list[float]) -> list[float]:
        return xs[:1]


@register_pooler("last")
class LastPooler(Head):
    def apply(self, xs: list[float]) -> list[float]:
        return xs[-1:]


# case: {"name": "last", "xs": [1.0, 2.0, 3.0]}
# case: {"name": "first", "xs": [5.5]}
# case: {"name": "max", "xs": [1.0]}
def pool(name: str, xs: list[float]) -> list[float]:
    pooler = _POOLERS.get(name)
    if pooler is None:
        return [-1.0]
    return pooler(len(xs)).apply(xs)


# case: {"deep": true}
# case: {"deep": false}
def pick(deep: bool) -> str:
    cls: type[Head] = MeanHead if deep else ReluHead
    obj = cls(2)
    same = type(obj) is MeanHead
    return f"{cls.__name__} {type(obj).__name__} {same} {obj.apply([3.0, -1.0])}"


class ProviderError(Exception):
    pass


class RateLimited(ProviderError):
    pass


class Unauthorized(ProviderError):
    pass


FAILURES: dict[int, type[Exception]] = {429: RateLimited, 401: Unauthorized, 504: TimeoutError, 400: ValueError}


# case: {"status": 429}
# case: {"status": 401}
# case: {"status": 504}
# case: {"status": 400}
def handle_status(status: int) -> str:
    try:
        raise FAILURES[status](f"status {status}")
    except ProviderError as e:
        return f"provider {type(e).__name__}: {e}"
    except OSError as e:
        return f"os {type(e).__name__}: {e}"
    except Exception as e:
        return f"other {type(e).__name__}: {e}"


# case: {"statuses": [504, 429, 200], "budget": 5}
# case: {"statuses": [504, 504, 504], "budget": 2}
# case: {"statuses": [401], "budget": 3}
def call_with_retries(statuses: list[int], budget: int) -> str:
    tries = 0
    for status in statuses:
        tries += 1
        exc_cls: type[Exception] = ValueError
        if status in FAILURES:
            exc_cls = FAILURES[status]
        try:
            if status == 200:
                return f"ok after {tries}"
            raise exc_cls(f"status {status}")
        except (TimeoutError, RateLimited) as e:
            if tries >= budget:
                return f"gave up: {e}"
        except ProviderError as e:
            return f"fatal {type(e).__name__}"
    return f"exhausted after {tries}"


# case: {"status": 401}
# case: {"status": 400}
# case: {"status": 504}
def retryable(status: int) -> list[bool]:
    cls = FAILURES[status]
    return [issubclass(cls, ProviderError), issubclass(cls, (OSError, RateLimited)), issubclass(cls, Exception)]


class ServiceError(Exception):
    status = 500
    retry = False


class Throttled(ServiceError):
    status = 429
    retry = True


class Missing(ServiceError):
    status = 404


# case: {}
def status_table() -> dict[str, list[object]]:
    classes = [ServiceError, Throttled, Missing]
    return {cls.__name__: [cls.status, cls.retry] for cls in classes}


class Encoder:
    ARCH = "encoder"
    HIDDEN = 128

    def __init__(self, layers: int) -> None:
        self.layers = layers


class LargeEncoder(Encoder):
    HIDDEN = 1024


# case: {"large": true, "layers": 24}
# case: {"large": false, "layers": 6}
def describe_encoder(large: bool, layers: int) -> str:
    cls = LargeEncoder if large else Encoder
    enc = cls(layers)
    return f"{cls.ARCH}/{cls.__name__}: hidden={cls.HIDDEN} layers={enc.layers}"


# case: {"values": ["3", "x", "7"]}
# case: {"values": []}
def parse_all(values: list[str], exc_types: tuple[type[Exception], ...] = (ValueError, OverflowError)) -> list[int]:
    out: list[int] = []
    for v in values:
        try:
            out.append(int(v))
        except exc_types:
            out.append(-1)
    return out


# case: {"xs": [1.0, 0.0, 4.0]}
def safe_inverses(xs: list[float]) -> list[str]:
    recoverable = (ZeroDivisionError, OverflowError)
    out: list[str] = []
    for x in xs:
        try:
            out.append(f"{1 / x:.2f}")
        except recoverable as e:
            out.append(type(e).__name__)
    return out


# case: {"kind": "linear"}
# case: {"kind": "relu"}
def instances_of(kind: str) -> list[bool]:
    cls = HEADS[kind]
    made = [Head(1), ReluHead(1), MeanHead(1)]
    return [isinstance(h, cls) for h in made]


class Backbone:
    def __init__(self, depth: int) -> None:
        self.depth = depth

    @classmethod
    def from_config(cls, cfg: dict[str, int]) -> "Backbone":
        return cls(cfg.get("depth", 2))

    @staticmethod
    def family() -> str:
        return "generic"


class ResNet(Backbone):
    @classmethod
    def from_config(cls, cfg: dict[str, int]) -> "Backbone":
        return cls(cfg.get("depth", 18) + cfg.get("extra", 0))

    @staticmethod
    def family() -> str:
        return "resnet"


BACKBONES = {"generic": Backbone, "resnet": ResNet}


# case: {"name": "resnet", "cfg": {"extra": 16}}
# case: {"name": "generic", "cfg": {}}
def build_backbone(name: str, cfg: dict[str, int]) -> str:
    cls = BACKBONES[name]
    net = cls.from_config(cfg)
    return f"{cls.family()}:{type(net).__name__}:{net.depth}"
