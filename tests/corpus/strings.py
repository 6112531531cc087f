"""str operations on code points, including non-ASCII text."""


# case: {"s": "héllo wörld"}
# case: {"s": ""}
# case: {"s": "日本語テキスト"}
def reverse_and_len(s: str) -> tuple[str, int, str]:
    return s[::-1], len(s), s[1:4]


# case: {"name": "Ada", "n": 3}
# case: {"name": "", "n": 0}
def greet(name: str, n: int) -> str:
    return "Hello, " + name + "!" * n


# case: {"text": "  The quick  brown fox  "}
# case: {"text": "one"}
def words(text: str) -> list[str]:
    return [w.lower() for w in text.split() if len(w) > 2]


# case: {"s": "Hello World"}
# case: {"s": "ÉCOLE"}
def case_flip(s: str) -> str:
    out = ""
    for ch in s:
        if ch.isupper():
            out += ch.lower()
        else:
            out += ch.upper()
    return out


# case: {"x": 3.14159, "n": 7, "s": "ab"}
def fstrings(x: float, n: int, s: str) -> str:
    return f"{x:.3f}|{n:03d}|{s:<6}|{s!r}"


# case: {"s": "a,b,,c", "sep": ","}
# case: {"s": "abc", "sep": ""}
def split_join(s: str, sep: str) -> str:
    return "+".join(s.split(sep))
