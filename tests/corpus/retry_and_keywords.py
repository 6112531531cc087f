"""A `while True:` loop whose body is a `try` that returns (the retry idiom), and keyword arguments to nested
functions and lambdas (`inner(v, scale=3)`), bound by parameter name with the defaults of the skipped ones."""


# case: {"fields": ["n/a", "", "42", "7"]}
# case: {"fields": ["x"]}
# case: {"fields": []}
def first_int(fields: list[str]) -> int:
    i = 0
    while True:
        try:
            return int(fields[i])
        except ValueError:
            i += 1


# case: {"raw": ["3.5", "bad", "-1"], "fallback": 0.0}
def parse_all(raw: list[str], fallback: float) -> list[float]:
    out = []
    for r in raw:
        attempts = 0
        while True:
            try:
                out.append(float(r if attempts == 0 else fallback))
                break
            except ValueError:
                attempts += 1
    return out


# case: {"text": "abc", "width": 6}
def padded_until(text: str, width: int) -> str:
    s = text
    while True:
        try:
            if len(s) >= width:
                return s
            s = s + "."
        except IndexError:
            return ""


# case: {"xs": [1.0, 2.5, -4.0]}
def normalized(xs: list[float]) -> list[float]:
    def scale(v: float, factor: float = 2.0, offset: float = 0.0) -> float:
        return v * factor + offset

    return [scale(x, offset=1.0) + scale(x, factor=0.5) + scale(x) for x in xs]


# case: {"words": ["Alpha", "beta", "Gamma"], "sep": "-"}
def labels(words: list[str], sep: str) -> list[str]:
    tag = lambda w, prefix="w", upper=False: f"{prefix}{sep}{w.upper() if upper else w.lower()}"
    return [tag(w, upper=True) if i % 2 else tag(w, prefix="x") for i, w in enumerate(words)]


# case: {"scores": [0.2, 0.9, 0.5], "threshold": 0.4}
def flags(scores: list[float], threshold: float) -> list[int]:
    def above(s: float, t: float, strict: bool = True) -> int:
        return int(s > t) if strict else int(s >= t)

    return [above(t=threshold, s=s, strict=False) + above(s, threshold) for s in scores]
