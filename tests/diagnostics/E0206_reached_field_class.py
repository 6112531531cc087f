import time
from dataclasses import dataclass


@dataclass
class Stamp:
    label: str
    # error: E0206
    created: float = time.time()


@dataclass
class Event:
    name: str
    stamp: Stamp


def f(name: str) -> str:
    # `Event` names `Stamp` only in a field's annotation: the class is still reached, and its report given.
    e = Event(name, Stamp(name))
    return e.name
