from typing import Any


def f(rows: list[dict[str, Any]]) -> int:
    seen = set()
    for r in rows:
        # error: E0209
        seen.add(r["label"])
    return len(seen)
