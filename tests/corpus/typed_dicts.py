"""TypedDict records as API payload and config code uses them: read and written by key, checked with `in`,
built from dict displays where the class is declared, printed as the dicts they are."""

from typing import Optional, TypedDict


class Hit(TypedDict):
    id: str
    score: float
    rank: int


class Usage(TypedDict):
    prompt_tokens: int
    total_tokens: int


# case: {"ids": ["a", "b", "c"], "scores": [0.5, 0.9, 0.7]}
# case: {"ids": [], "scores": []}
def to_hits(ids: list[str], scores: list[float]) -> list[Hit]:
    order = sorted(range(len(ids)), key=lambda i: -scores[i])
    return [{"id": ids[i], "score": round(scores[i], 3), "rank": r + 1} for r, i in enumerate(order)]


# case: {"hits": [{"id": "x", "score": 0.25, "rank": 2}, {"id": "y", "score": 0.75, "rank": 1}], "floor": 0.5}
def best_ids(hits: list[Hit], floor: float) -> list[str]:
    return [h["id"] for h in sorted(hits, key=lambda h: h["rank"]) if h["score"] >= floor]


# case: {"hit": {"id": "doc-7", "score": 0.5, "rank": 3}}
def rerank(hit: Hit) -> str:
    hit["rank"] -= 1
    hit["score"] = hit["score"] * 2
    return repr(hit) + " | " + str(hit)


# case: {"prompt": 12, "completion": 30}
def usage(prompt: int, completion: int) -> Usage:
    u: Usage = {"prompt_tokens": prompt, "total_tokens": prompt}
    u["total_tokens"] += completion
    return u


# case: {"u": {"prompt_tokens": 3, "total_tokens": 9}, "key": "total_tokens"}
# case: {"u": {"prompt_tokens": 3, "total_tokens": 9}, "key": "completion_tokens"}
def describe(u: Usage, key: str) -> tuple[bool, bool, bool, int, list[str], int]:
    return (
        key in u,
        "prompt_tokens" in u,
        "cached_tokens" not in u,
        len(u),
        u.keys(),
        u.get("prompt_tokens", 0) + u.get("total_tokens"),
    )


# case: {"name": "q"}
def maybe_hit(name: str) -> Optional[Hit]:
    if not name:
        return None
    return {"rank": 1, "score": 1.5, "id": name}
