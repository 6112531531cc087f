from typing import TypedDict


# error: E0202
class Options(TypedDict, total=False):
    top_k: int
    normalize: bool


def f(o: Options) -> int:
    return o["top_k"]
