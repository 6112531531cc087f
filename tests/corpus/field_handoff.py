"""Objects that hand a field's container over to another field and start a fresh one right after
(`self.chunks.append(self.buf); self.buf = []`): CPython's old container is then held only by the other
field, so later in-place changes of the new one never show through it."""
from typing import Dict, List


class Chunker:
    def __init__(self, size: int) -> None:
        self.size = size
        self.buf: List[str] = []
        self.chunks: List[List[str]] = []

    def feed(self, tok: str) -> None:
        self.buf.append(tok)
        if len(self.buf) == self.size:
            self.chunks.append(self.buf)
            self.buf = []

    def finish(self) -> List[List[str]]:
        if self.buf:
            self.chunks.append(self.buf)
            self.buf = []
        return self.chunks


# case: {"text": "a b c d e f g", "size": 3}
# case: {"text": "", "size": 2}
def chunk_tokens(text: str, size: int) -> List[List[str]]:
    c = Chunker(size)
    for t in text.split():
        c.feed(t)
    return c.finish()


class Epochs:
    def __init__(self) -> None:
        self.cur: Dict[str, float] = {}
        self.done: Dict[int, Dict[str, float]] = {}

    def log(self, key: str, v: float) -> None:
        self.cur[key] = self.cur.get(key, 0.0) + v

    def end(self, epoch: int) -> None:
        self.done[epoch] = self.cur
        self.cur = {}


# case: {"steps": [["loss", 0.5], ["acc", 0.25], ["end", 0.0], ["loss", 1.5], ["end", 0.0], ["loss", 2.0]]}
def epoch_logs(steps: List[List[object]]) -> Dict[int, Dict[str, float]]:
    e = Epochs()
    epoch = 0
    for step in steps:
        key = str(step[0])
        if key == "end":
            e.end(epoch)
            epoch += 1
        else:
            v = step[1]
            e.log(key, float(v) if isinstance(v, (int, float)) else 0.0)
    return e.done
