"""A generator function's call passed where a helper declares a list: CPython passes the generator itself (annotations
are not enforced), so a second pass over it finds it spent."""

from typing import Iterable


def tokens(text: str):
    for w in text.split():
        yield w.lower()


def vocab_size(words: list[str]) -> int:
    return len(set(words))


def two_passes(words: list[str]) -> str:
    first = sorted(words)
    second = list(words)
    return f"{first} then {second}"


def longest(words: Iterable[str]) -> str:
    best = ""
    for w in words:
        if len(w) > len(best):
            best = w
    return best


def stop_early(words: list[str]) -> str:
    seen = []
    for w in words:
        if w == "stop":
            break
        seen.append(w)
    rest = [w.upper() for w in words]
    return f"{seen} rest={rest}"


# case: {"text": "The cat saw the Cat"}
# case: {"text": ""}
def stats(text: str) -> str:
    return f"{vocab_size(tokens(text))} {two_passes(tokens(text))} {longest(tokens(text))!r}"


# case: {"text": "a b stop c d"}
# case: {"text": "a b"}
def resume(text: str) -> str:
    return stop_early(tokens(text))
