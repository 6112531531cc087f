from collections import ChainMap


def f(overrides: dict[str, int], defaults: dict[str, int], key: str) -> int:
    # error: E0209
    merged = ChainMap(overrides, defaults)
    return merged[key]
