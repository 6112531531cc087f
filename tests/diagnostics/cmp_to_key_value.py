from functools import cmp_to_key


def by_length(a: str, b: str) -> int:
    return len(a) - len(b)


def f(words: list[str]) -> bool:
    # error: E0209
    key = cmp_to_key(by_length)
    return key(words[0]) < key(words[1])
