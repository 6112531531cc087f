class Vocab:
    def __init__(self, words: list[str]):
        # error: E0202
        self.index = self.build(words)

    def build(self, words: list[str]) -> dict[str, int]:
        # An early return: the helper cannot be written into `__init__` as straight statements.
        if not words:
            return {"<unk>": 0}
        return {w: i for i, w in enumerate(words)}


def f(words: list[str]) -> int:
    return len(Vocab(words).index)
