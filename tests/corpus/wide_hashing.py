"""Hashing arithmetic whose intermediate values pass 64 bits while the kept values do not: universal hashing over
the 61-bit Mersenne prime (MinHash), a polynomial rolling hash (Rabin-Karp), a scaled floor division. CPython's ints
are exact; the compiled code computes the sums and products under the reduction in 128 bits."""
import hashlib
import random
from typing import Dict, List, Optional, Tuple

MERSENNE_61 = (1 << 61) - 1
MASK_32 = (1 << 32) - 1


def _token_hash(tok: str) -> int:
    return int.from_bytes(hashlib.sha1(tok.encode("utf-8")).digest()[:4], "big")


# case: {"a": "the quick brown fox jumps over the lazy dog", "b": "the quick brown fox leaps over the lazy dog", "num_perm": 16, "seed": 3}
# case: {"a": "alpha beta", "b": "gamma delta", "num_perm": 8, "seed": 1}
def minhash_estimate(a: str, b: str, num_perm: int, seed: int) -> Dict[str, float]:
    rng = random.Random(seed)
    perms: List[Tuple[int, int]] = [(rng.randint(1, MERSENNE_61 - 1), rng.randint(0, MERSENNE_61 - 1)) for _ in range(num_perm)]

    def signature(text: str) -> List[int]:
        sig = [MASK_32] * num_perm
        for tok in set(text.split()):
            hv = _token_hash(tok)
            for i, (pa, pb) in enumerate(perms):
                v = ((pa * hv + pb) % MERSENNE_61) & MASK_32
                if v < sig[i]:
                    sig[i] = v
        return sig

    sa, sb = signature(a), signature(b)
    est = sum(1 for x, y in zip(sa, sb) if x == y) / num_perm
    ta, tb = set(a.split()), set(b.split())
    return {"estimated": round(est, 4), "exact": round(len(ta & tb) / len(ta | tb), 4)}


# case: {"text": "abracadabra cadabra", "pattern": "cadab"}
# case: {"text": "aaaa", "pattern": "aa"}
# case: {"text": "short", "pattern": "longer pattern"}
def rabin_karp(text: str, pattern: str) -> List[int]:
    base, mod = 1_000_003, MERSENNE_61
    m = len(pattern)
    if m == 0 or m > len(text):
        return []
    high = pow(base, m - 1, mod)
    hp = ht = 0
    for i in range(m):
        hp = (hp * base + ord(pattern[i])) % mod
        ht = (ht * base + ord(text[i])) % mod
    hits = []
    for i in range(len(text) - m + 1):
        if hp == ht and text[i : i + m] == pattern:
            hits.append(i)
        if i + m < len(text):
            ht = ((ht - ord(text[i]) * high) * base + ord(text[i + m])) % mod
    return hits


# case: {"counts": [3, 5, 7], "scale": 6148914691236517205}
# case: {"counts": [1, 2], "scale": 9000000000000000000}
def scaled_shares(counts: List[int], scale: int) -> List[int]:
    total = sum(counts)
    return [(c * scale) // total for c in counts]


# case: {"seed": 12345, "tokens": ["a", "bb", "ccc"]}
def seeded_bucket_ids(seed: Optional[int], tokens: List[str]) -> List[int]:
    """An Optional operand under a wide reduction is checked to be the int it holds, as the plain op checks it."""
    return [(seed * 1_000_003 + len(t) * MERSENNE_61) % 97 for t in tokens]
