"""Recursive helpers memoised with functools decorators inside the function that uses them
(alignment scores, word segmentation, counting decodings)."""
import functools
from functools import lru_cache
from typing import List


# case: {"a": "ABCBDAB", "b": "BDCABA"}
# case: {"a": "", "b": "x"}
def lcs(a: str, b: str) -> int:
    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return 0
        if a[i] == b[j]:
            return 1 + go(i + 1, j + 1)
        return max(go(i + 1, j), go(i, j + 1))

    return go(0, 0)


# case: {"text": "applepenapple", "words": ["apple", "pen"]}
# case: {"text": "catsandog", "words": ["cats", "dog", "sand", "and", "cat"]}
def can_segment(text: str, words: List[str]) -> bool:
    vocab = set(words)

    @functools.cache
    def ok(start: int) -> bool:
        if start == len(text):
            return True
        return any(text[start:end] in vocab and ok(end) for end in range(start + 1, len(text) + 1))

    return ok(0)


# case: {"digits": "226"}
# case: {"digits": "06"}
# case: {"digits": "11106"}
def count_decodings(digits: str) -> int:
    @functools.lru_cache(maxsize=128)
    def ways(i: int) -> int:
        if i == len(digits):
            return 1
        if digits[i] == "0":
            return 0
        total = ways(i + 1)
        if i + 1 < len(digits) and int(digits[i : i + 2]) <= 26:
            total += ways(i + 2)
        return total

    return ways(0)
