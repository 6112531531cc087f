class Counter:
    def __init__(self):
        self.seen: dict[str, int] = {}

    def add(self, word: str) -> None:
        self.seen[word] = self.seen.get(word, 0) + 1


def f(words: list[str]) -> int:
    c = Counter()
    for w in words:
        # error: E0202
        c.add(w)
    return len(c.seen)
