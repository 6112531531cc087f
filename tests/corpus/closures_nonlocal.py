"""Nested helpers that rebind enclosing locals with nonlocal: id counters, running stats, buffered chunking."""


# case: {"words": ["the", "cat", "the", "dog", "cat"]}
# case: {"words": []}
def assign_ids(words: list[str]) -> tuple[list[int], dict[str, int], int]:
    vocab: dict[str, int] = {}
    next_id = 0

    def fresh() -> int:
        nonlocal next_id
        next_id += 1
        return next_id - 1

    ids = []
    for w in words:
        if w not in vocab:
            vocab[w] = fresh()
        ids.append(vocab[w])
    return ids, vocab, next_id


# case: {"values": [3.0, -1.5, 7.25, 0.0]}
# case: {"values": [2.0]}
def running_stats(values: list[float]) -> tuple[int, float, float, float]:
    count = 0
    total = 0.0
    peak = float("-inf")

    def observe(v: float) -> None:
        nonlocal count, total, peak
        count += 1
        total += v
        if v > peak:
            peak = v

    for v in values:
        observe(v)
    return count, total, total / count, peak


# case: {"tokens": ["a", "bb", "ccc", "d", "ee"], "limit": 4}
# case: {"tokens": ["abcdef"], "limit": 3}
def chunk_tokens(tokens: list[str], limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""

    def take() -> str:
        nonlocal current
        if not current:
            return ""
        out, current = current, ""
        return out

    for tok in tokens:
        if len(current) + len(tok) > limit:
            chunks.append(take())
        current += tok
    last = take()
    return chunks + [last, str(len(take()))]
