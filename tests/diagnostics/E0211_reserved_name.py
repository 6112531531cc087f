# error: E0211
def ingot_token_counts(texts: list[str]) -> list[int]:
    return [len(t) for t in texts]


def f(texts: list[str]) -> int:
    return sum(ingot_token_counts(texts))
