class Token:
    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self.text.lower() == other.text.lower()

    def __hash__(self) -> int:
        return hash(self.text.lower())


def f(words: list[str]) -> int:
    seen: set[Token] = set()
    for w in words:
        # error: E0209
        seen.add(Token(w))
    return len(seen)
