import re

# error: E0230
WORD = re.compile(r"(?P<w>\w+) (?P=x)", re.IGNORECASE)


def f(s: str) -> list[str]:
    return WORD.findall(s)
