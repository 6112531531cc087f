SCALE = 2.5


def f(words: list[str]) -> dict[str, float]:
    counts = {}
    for i, w in enumerate(words):
        if w in counts:
            counts[w] += SCALE
        else:
            counts[w] = float(i)
    return counts
