"""Class attributes shared by every instance and changed at run time (a counter bumped in `__init__`, through `cls`
in a classmethod, through `type(self)`), classmethod factories, staticmethods called through an instance, and class
constants read through `self`, `type(self)` and `self.__class__`."""


class Request:
    issued: int = 0
    log: list[str] = []

    def __init__(self, prompt: str) -> None:
        Request.issued += 1
        self.rid = Request.issued
        self.prompt = prompt
        type(self).log.append(prompt[:3])


# case: {"prompts": ["hello", "world", "again"]}
# case: {"prompts": []}
def issue(prompts: list[str]) -> list[str]:
    Request.issued = 0
    Request.log = []
    reqs = [Request(p) for p in prompts]
    return [f"{r.rid}:{r.prompt}" for r in reqs] + [str(Request.issued)] + Request.log


class Vocab:
    UNK = "<unk>"
    SPECIALS = ("<pad>", "<unk>")
    built = 0

    def __init__(self, tokens: list[str]) -> None:
        self.itos = list(self.SPECIALS) + tokens
        type(self).built += 1

    @classmethod
    def from_corpus(cls, text: str, min_count: int = 1) -> "Vocab":
        counts: dict[str, int] = {}
        for w in text.split():
            counts[w] = counts.get(w, 0) + 1
        return cls(sorted(w for w, c in counts.items() if c >= min_count))

    @classmethod
    def count(cls) -> int:
        return cls.built

    @staticmethod
    def clean(s: str) -> str:
        return s.strip().lower()

    def lookup(self, w: str) -> int:
        w = self.clean(w)
        if w in self.itos:
            return self.itos.index(w)
        return self.itos.index(self.__class__.UNK)


# case: {"text": "a b a c a b", "query": ["A ", "b", "z"], "min_count": 2}
# case: {"text": "", "query": ["x"], "min_count": 1}
def vocab_ids(text: str, query: list[str], min_count: int) -> list[int]:
    v = Vocab.from_corpus(text, min_count=min_count)
    return [v.lookup(q) for q in query]


# case: {"n": 4}
def vocabs_built(n: int) -> int:
    start = Vocab.count()
    for i in range(n):
        Vocab([str(i)])
    return Vocab.count() - start


class Settings:
    defaults: dict[str, float] = {"lr": 0.01, "wd": 0.0}

    def __init__(self, lr: float, wd: float) -> None:
        self.lr = lr
        self.wd = wd

    @classmethod
    def from_dict(cls, d: dict[str, float]) -> "Settings":
        merged = dict(cls.defaults)
        merged.update(d)
        return cls(merged["lr"], merged["wd"])

    def describe(self) -> str:
        keys = sorted(type(self).defaults)
        return f"{type(self).__name__}({self.lr}, {self.wd}) keys={keys}"


# case: {"d": {"lr": 0.5}}
# case: {"d": {}}
def settings(d: dict[str, float]) -> str:
    return Settings.from_dict(d).describe()


class Window:
    def __init__(self, values: list[float]) -> None:
        self.values = values

    def head(self, n: int) -> "Window":
        return type(self)(self.values[:n])

    def label(self) -> str:
        return f"{type(self).__name__}{self.values}"


class SortedWindow(Window):
    def head(self, n: int) -> "Window":
        return self.__class__(sorted(self.values)[:n])


# case: {"xs": [3.5, 1.5, 2.25], "n": 2}
# case: {"xs": [], "n": 1}
def windows(xs: list[float], n: int) -> list[str]:
    return [Window(xs).head(n).label(), SortedWindow(xs).head(n).label()]
