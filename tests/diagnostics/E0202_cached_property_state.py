import functools


class Vocab:
    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.builds = 0

    # A cached property runs once per instance in CPython; compiled code would run it at every read.
    @functools.cached_property
    # error: E0202
    def index(self) -> dict[str, int]:
        self.builds += 1
        return {w: i for i, w in enumerate(self.words)}


def f(words: list[str], queries: list[str]) -> list[int]:
    v = Vocab(words)
    return [v.index.get(q, -1) for q in queries] + [v.builds]
