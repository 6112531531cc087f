import itertools


def f(words: list[str]) -> list[int]:
    seen = 0
    # error: E0202
    lengths = ((seen := seen + 1) * len(w) for w in itertools.cycle(words))
    return [next(lengths), next(lengths)]
