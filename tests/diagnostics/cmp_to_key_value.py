from functools import cmp_to_key


def by_length(a: str, b: str) -> int:
    return len(a) - len(b)


def f(words: list[str]) -> list[str]:
    # error: E0209
    key = cmp_to_key(by_length)
    return sorted(words, key=key)
