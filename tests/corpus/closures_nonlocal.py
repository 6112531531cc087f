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


# case: {"words": ["the", "cat", "the", "dog", "cat"]}
# case: {"words": []}
def build_vocab(words: list[str]) -> tuple[list[int], dict[str, int], int]:
    vocab: dict[str, int] = {}
    next_id = 0

    def lookup(w: str) -> int:
        nonlocal next_id
        if w not in vocab:
            vocab[w] = next_id
            next_id += 1
        return vocab[w]

    ids = [lookup(w) for w in words]
    return ids, vocab, next_id


# case: {"tokens": ["a", "bb", "ccc", "d", "ee"], "limit": 4}
# case: {"tokens": [], "limit": 2}
def pack_lines(tokens: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    current = ""

    def flush() -> None:
        nonlocal current
        if current:
            lines.append(current)
        current = ""

    for tok in tokens:
        if len(current) + len(tok) > limit:
            flush()
        current += tok
    flush()
    return lines


# case: {"labels": ["B-PER", "I-PER", "O", "B-LOC", "O", "B-PER"]}
def group_entities(labels: list[str]) -> tuple[list[tuple[str, int, int]], dict[str, int]]:
    spans: list[tuple[str, int, int]] = []
    counts: dict[str, int] = {}

    def close(kind: str, start: int, end: int) -> None:
        spans.append((kind, start, end))
        counts[kind] = counts.get(kind, 0) + 1

    start = -1
    kind = ""
    for i, lab in enumerate(labels):
        if lab.startswith("B-") or lab == "O":
            if start >= 0:
                close(kind, start, i)
            start, kind = (i, lab[2:]) if lab != "O" else (-1, "")
    if start >= 0:
        close(kind, start, len(labels))
    return spans, counts
