"""Objects changed through one name while the container they came from is never read again, as decoding loops write
them: beam search marks the candidates it keeps before the next step builds a new candidate list, a tracker picks the
best detection and adjusts it, a merger changes the last span it kept. CPython shares the objects; the change shows
only through the name that is read afterwards, so a copy agrees."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass
class Hyp:
    tokens: list[int]
    score: float
    done: bool = False


# case: {"steps": [[0.1, 0.5, 0.4], [0.3, 0.3, 0.4], [0.9, 0.05, 0.05]], "width": 2, "eos": 0}
# case: {"steps": [[0.6, 0.4], [0.2, 0.8]], "width": 1, "eos": 1}
# case: {"steps": [], "width": 2, "eos": 0}
def beam_decode(steps: list[list[float]], width: int, eos: int) -> list[list[object]]:
    beams: list[Hyp] = [Hyp(tokens=[], score=0.0)]
    finished: list[Hyp] = []
    for row in steps:
        cands: list[Hyp] = []
        for h in beams:
            for tok, s in enumerate(row):
                cands.append(Hyp(tokens=h.tokens + [tok], score=round(h.score + s, 6)))
        cands.sort(key=lambda c: (-c.score, c.tokens))
        beams = []
        for c in cands[:width]:
            if c.tokens[-1] == eos:
                c.done = True
                finished.append(c)
            else:
                beams.append(c)
        if not beams:
            break
    finished.extend(beams)
    finished.sort(key=lambda c: (-c.score, c.tokens))
    return [[h.tokens, h.score, h.done] for h in finished]


@dataclass
class Det:
    label: str
    conf: float
    hits: int = 0


# case: {"frames": [[["cat", 0.5], ["dog", 0.75]], [["cat", 0.25]], []]}
def best_per_frame(frames: list[list[tuple[str, float]]]) -> list[str]:
    out: list[str] = []
    for frame in frames:
        dets = [Det(label, conf) for label, conf in frame]
        if not dets:
            out.append("-")
            continue
        best = max(dets, key=lambda d: d.conf)
        best.hits += 1
        best.conf = round(best.conf * 2, 6)
        out.append(f"{best.label}:{best.conf}:{best.hits}")
    return out


# case: {"spans": [[0, 3], [2, 5], [7, 9], [8, 12], [20, 21]]}
def merge_ranges(spans: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
        else:
            merged.append([s, e])
    return merged


# case: {"batches": [[3, 1, 2], [5, 4]]}
def sorted_heads(batches: list[list[int]]) -> list[int]:
    heads: list[int] = []
    for b in batches:
        rows = [list(b)]
        first = rows[0]
        first.sort()
        heads.append(first[0])
    return heads


# case: {"confs": [0.95, 0.85, 0.72, 0.66, 0.31, 0.99], "hits": [true, false, true, true, false, true], "n_bins": 4}
# case: {"confs": [], "hits": [], "n_bins": 3}
def binned_accuracy(confs: list[float], hits: list[bool], n_bins: int) -> dict[int, list[float]]:
    bins: defaultdict[int, list[tuple[float, bool]]] = defaultdict(list)
    for c, h in zip(confs, hits):
        bins[min(int(c * n_bins), n_bins - 1)].append((c, h))
    out: dict[int, list[float]] = {}
    for k in range(n_bins):
        # Reading a missing key adds an empty list to `bins`: the items already taken are unchanged.
        items = bins[k]
        if items:
            out[k] = [round(sum(c for c, _ in items) / len(items), 6), sum(1 for _, h in items if h) / len(items)]
    out[-1] = [float(len(bins))]
    return out


# case: {"table": [[-9.5, -0.5, -1.2], [-9.5, -1.5, -0.25], [-0.5, -2.0, -3.0]], "bos": 0, "eos": 2, "width": 2, "steps": 4}
# case: {"table": [[-1.0, -0.5], [-0.25, -2.0]], "bos": 0, "eos": 1, "width": 1, "steps": 3}
def table_beam(table: list[list[float]], bos: int, eos: int, width: int, steps: int) -> list[list[object]]:
    beams = [Hyp(tokens=[bos], score=0.0)]
    finished: list[Hyp] = []
    for _ in range(steps):
        cands: list[Hyp] = []
        for b in beams:
            for tok, lp in enumerate(table[b.tokens[-1]]):
                cands.append(Hyp(tokens=b.tokens + [tok], score=round(b.score + lp, 6)))
        ranked = sorted(cands, key=lambda h: (-h.score, h.tokens))[: 2 * width]
        beams = []
        for cand in ranked:
            if cand.tokens[-1] == eos:
                cand.done = True
                finished.append(cand)
            else:
                beams.append(cand)
            if len(beams) == width:
                break
        if len(finished) >= width or not beams:
            break
    pool = finished if finished else beams
    return [[h.tokens, h.score, h.done] for h in sorted(pool, key=lambda h: (-h.score, h.tokens))]
