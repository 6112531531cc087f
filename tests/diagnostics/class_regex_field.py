import re


class Splitter:
    def __init__(self, pattern: str):
        # error: E0202
        self.pattern = re.compile(pattern)

    def split(self, text: str) -> list[str]:
        return self.pattern.split(text)


def f(text: str) -> list[str]:
    return Splitter(r"\s+").split(text)
