"""Loops that change the objects a list or dict holds, as trackers, schedulers and layer stacks write them."""
from dataclasses import dataclass, field


@dataclass
class Det:
    label: str
    score: float
    kept: bool = True
    history: list[float] = field(default_factory=list)


class Gate:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.open_count = 0
        self.state = 0.0

    def feed(self, x: float) -> None:
        self.state = 0.5 * self.state + x
        if self.state > self.threshold:
            self.open_count += 1

    def clear(self) -> None:
        self.state = 0.0


class GateBank:
    def __init__(self, thresholds: list[float]) -> None:
        self.gates = [Gate(t) for t in thresholds]
        self.steps = 0

    def step(self, x: float) -> None:
        self.steps += 1
        for g in self.gates:
            g.feed(x * self.steps)

    def clear(self) -> None:
        for g in self.gates:
            g.clear()


# case: {"thresholds": [1.0, 2.5, 10.0], "xs": [0.5, 1.0, 1.5, -2.0]}
# case: {"thresholds": [], "xs": [1.0]}
def gate_counts(thresholds: list[float], xs: list[float]) -> list[list[float]]:
    bank = GateBank(thresholds)
    for x in xs:
        bank.step(x)
    before = [g.state for g in bank.gates]
    bank.clear()
    return [[float(g.open_count) for g in bank.gates], before, [g.state for g in bank.gates]]


# case: {"labels": ["a", "b", "a", "c"], "scores": [0.9, 0.2, 0.5, 0.7], "floor": 0.4}
def suppress(labels: list[str], scores: list[float], floor: float) -> list[list[str]]:
    dets = [Det(l, s) for l, s in zip(labels, scores)]
    for rank, d in enumerate(dets, 1):
        d.history.append(d.score)
        if d.score < floor:
            d.kept = False
        d.score = round(d.score / rank, 3)
    return [[d.label, str(d.score), str(d.kept), str(d.history)] for d in dets]


# case: {"events": [["a", 1.0], ["b", 2.0], ["a", 0.5]]}
def by_label(events: list[tuple[str, float]]) -> dict[str, list[float]]:
    groups: dict[str, Det] = {}
    for label, _ in events:
        groups.setdefault(label, Det(label, 0.0))
    for label, v in events:
        for name, d in groups.items():
            if name == label:
                d.history.append(v)
                d.score += v
    for d in groups.values():
        d.kept = d.score > 1.0
    return {k: d.history + [d.score, float(d.kept)] for k, d in groups.items()}


# case: {"rows": [[1, 2], [3], []], "pad": 0, "width": 3}
def pad_rows(rows: list[list[int]], pad: int, width: int) -> list[list[int]]:
    for row in rows:
        while len(row) < width:
            row.append(pad)
    return rows


# case: {"names": ["x", "y"], "frames": 3}
def age_out(names: list[str], frames: int) -> list[int]:
    tracks = [Det(n, 1.0) for n in names]
    lost: list[int] = []
    for f in range(frames):
        for i, t in enumerate(tracks):
            t.score -= 0.4 * (i + 1)
            if t.score < 0 and t.kept:
                t.kept = False
                lost.append(f)
    return lost


class Meter:
    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0

    def add(self, v: float) -> None:
        self.total += v
        self.count += 1


# case: {"scores": [[1.0, 2.0], [3.0, 4.0], [5.0, 0.5]]}
# case: {"scores": [[1.0]]}
def column_means(scores: list[list[float]]) -> list[float]:
    meters = [Meter() for _ in scores[0]]
    for row in scores:
        for i, s in enumerate(row):
            m = meters[i]
            m.add(s)
    return [round(m.total / m.count, 4) for m in meters]


# case: {"events": [["a", 2.0], ["b", 1.0], ["a", 0.5]], "probe": "a"}
# case: {"events": [["a", 2.0]], "probe": "zzz"}
def tally(events: list[tuple[str, float]], probe: str) -> list[float]:
    by_name = {name: Meter() for name, _ in events}
    for name, v in events:
        m = by_name[name]
        m.add(v)
        if m.count > 1:
            m.total = round(m.total, 1)
    last = by_name[probe]
    last.add(100.0)
    return [by_name[k].total for k in sorted(by_name)]
