def f(scores: dict[str, float], threshold: float) -> list[str]:
    for k, v in scores.items():
        if v < threshold:
            # error: E0202
            del scores[k]
    return sorted(scores)
