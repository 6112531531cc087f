def f(words: list[str]) -> list[str]:
    seen: list[str] = []

    def note(w: str) -> int:
        seen.append(w)
        return len(w)

    # error: E0202
    ordered = sorted(words, key=lambda w: note(w))
    return ordered + seen
