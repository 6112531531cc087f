class Counter:
    def __init__(self):
        self.seen: dict[str, int] = {}

    def add(self, word: str) -> None:
        self.seen[word] = self.seen.get(word, 0) + 1

    def merge(self, other: dict[str, int]) -> None:
        for k, v in other.items():
            self.seen[k + "'"] = v


def f(words: list[str]) -> int:
    c = Counter()
    for w in words:
        c.add(w)
    # error: E0202
    c.merge(c.seen)
    return len(c.seen)
