"""Grouping tokens into entities with a nested `close()` that flushes the current group and starts a new one
(`nonlocal current, scores`); the loop keeps appending to the group the last `close()` started."""
from typing import Dict, List, Optional, Union


# case: {"tags": ["B", "I", "O", "B", "B", "I", "I"], "scores": [0.5, 0.25, 0.9, 0.75, 0.5, 0.25, 0.125]}
# case: {"tags": [], "scores": []}
def group_spans(tags: List[str], scores: List[float]) -> List[Dict[str, Union[int, float]]]:
    groups: List[Dict[str, Union[int, float]]] = []
    current: Optional[Dict[str, Union[int, float]]] = None
    current_scores: List[float] = []

    def close() -> None:
        nonlocal current, current_scores
        if current is not None:
            current["score"] = round(sum(current_scores) / len(current_scores), 4)
            groups.append(current)
        current, current_scores = None, []

    for i, (tag, score) in enumerate(zip(tags, scores)):
        if tag == "I" and current is not None:
            current["end"] = i
            current_scores.append(score)
            continue
        close()
        if tag == "B":
            current = {"start": i, "end": i}
            current_scores.append(score)
    close()
    return groups
