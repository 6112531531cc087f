"""Language forms real pre- and post-processing code uses: exception classes of its own."""


class ConfigError(Exception):
    """The base of this module's errors: carries the offending key."""

    def __init__(self, key: str, reason: str):
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


class MissingKey(ConfigError):
    pass


class BadValue(ConfigError, ValueError):
    pass


class TokenError(ValueError):
    pass


class TooLong(TokenError):
    """Raised with the length and the limit."""

    def __init__(self, length: int, limit: int = 8):
        super().__init__(f"sequence of {length} tokens exceeds {limit}")
        self.length = length
        self.limit = limit


def read_setting(settings: dict[str, str], key: str) -> int:
    if key not in settings:
        raise MissingKey(key, "not set")
    raw = settings[key].strip()
    if not raw.isdigit():
        raise BadValue(key, f"expected digits, got {raw!r}")
    return int(raw)


# case: {"settings": {"batch": "16", "beams": "x"}, "key": "batch"}
# case: {"settings": {"batch": "16", "beams": "x"}, "key": "beams"}
# case: {"settings": {"batch": "16"}, "key": "top_k"}
def setting_or_report(settings: dict[str, str], key: str) -> str:
    try:
        return f"ok {read_setting(settings, key)}"
    except MissingKey as e:
        return f"missing {e.key} ({e})"
    except ConfigError as e:
        return f"bad {e.key}: {e.reason} | {e!r} | value error: {isinstance(e, ValueError)}"


# case: {"settings": {"batch": "16"}, "key": "top_k"}
# case: {"settings": {"batch": "1x"}, "key": "batch"}
# case: {"settings": {"batch": "32"}, "key": "batch"}
def setting_uncaught(settings: dict[str, str], key: str) -> int:
    return read_setting(settings, key) * 2


def check_tokens(tokens: list[str], limit: int) -> list[str]:
    if not tokens:
        raise TokenError("no tokens")
    if len(tokens) > limit:
        raise TooLong(len(tokens), limit)
    return [t.lower() for t in tokens]


# case: {"texts": ["A b C", "", "one two three four five", "x"], "limit": 3}
# case: {"texts": [], "limit": 1}
def tokenize_all(texts: list[str], limit: int) -> list[str]:
    out: list[str] = []
    for text in texts:
        try:
            out.append(" ".join(check_tokens(text.split(), limit)))
        except TooLong as e:
            out.append(f"<{e.length}>{e.limit}|{e}")
        except ValueError as e:
            out.append(f"<error {e}>")
    return out


# case: {"text": "a b c d e f g h i j"}
# case: {"text": "a b"}
# case: {"text": ""}
def tokenize_strict(text: str) -> int:
    try:
        return len(check_tokens(text.split(), 4))
    except TooLong as e:
        raise TokenError(f"too long by {e.length - e.limit}") from e


# case: {"xs": [1, 2, 0, 4]}
# case: {"xs": [5]}
def reraised_base(xs: list[int]) -> list[int]:
    out = []
    for x in xs:
        try:
            if x == 0:
                raise TooLong(x)
            out.append(10 // x)
        except LookupError:
            out.append(-1)
        except TokenError as e:
            out.append(len(str(e)))
    return out


# case: {"box": [1, 2, 3, 4]}
# case: {"box": [5, 6]}
# case: {"box": [7]}
# case: {"box": []}
# case: {"box": [0, 0, 9, 9, 1, 2]}
def describe_box(box: list[int]) -> str:
    match box:
        case []:
            return "empty"
        case [x]:
            return f"point {x}"
        case [w, h]:
            return f"size {w}x{h}"
        case [x1, y1, x2, y2] if x2 > x1 and y2 > y1:
            return f"box area {(x2 - x1) * (y2 - y1)}"
        case [first, *middle, last]:
            return f"{first}..{last} ({len(middle)} between)"
    return "unreachable"


# case: {"event": {"type": "click", "x": 3, "y": 4}}
# case: {"event": {"type": "key", "key": 13}}
# case: {"event": {"type": "scroll"}}
# case: {"event": {"kind": "other"}}
def route_event(event: dict[str, int | str]) -> str:
    match event:
        case {"type": "click", "x": x, "y": y}:
            return f"click at {x},{y}"
        case {"type": "key", "key": 13 | 10}:
            return "enter"
        case {"type": str() as kind}:
            return f"unhandled {kind}"
        case _:
            return "no type"


# case: {"pair": [3, "apples"]}
# case: {"pair": [0, "pears"]}
def count_phrase(pair: tuple[int, str]) -> str:
    match pair:
        case (0, noun):
            return f"no {noun}"
        case (1, noun):
            return f"one {noun[:-1]}"
        case (n, noun):
            return f"{n} {noun}"


# case: {"values": ["3", "x", "-2", "40"], "limit": 10}
# case: {"values": [], "limit": 1}
def validate_all(values: list[str], limit: int) -> list[str]:
    report = []
    for v in values:
        try:
            n = int(v)
            if n > limit:
                raise TooLong(n, limit)
            if n < 0:
                raise BadValue(v, "negative")
            report.append(f"{type(n).__name__} {n}")
        except (ConfigError, TokenError) as e:
            report.append(f"{type(e).__name__}: {e}")
        except ValueError as e:
            report.append(f"{type(e).__name__}! {e}")
    return report


# case: {"rows": ["id,name,score", "1,ann,3.5", "# comment", "2,bob,x", "3,cy,4"]}
# case: {"rows": ["id,name"]}
# case: {"rows": []}
def parse_table(rows: list[str]) -> list[str]:
    it = iter(rows)
    header = next(it, None)
    if header is None:
        return ["no header"]
    names = header.split(",")
    out = []
    for row in it:
        if row.startswith("#"):
            continue
        cells = row.split(",")
        if len(cells) != len(names):
            out.append(f"bad row {row!r}")
            continue
        out.append(" ".join(f"{k}={v}" for k, v in zip(names, cells)))
    return out


# case: {"tokens": ["[CLS]", "hello", "world", "[SEP]", "pad", "pad"]}
# case: {"tokens": ["[CLS]"]}
def between_markers(tokens: list[str]) -> tuple[list[str], int]:
    it = iter(tokens)
    first = next(it)
    words = []
    for tok in it:
        if tok == "[SEP]":
            break
        words.append(tok)
    leftover = 0
    for _ in it:
        leftover += 1
    return [first] + words, leftover


# case: {"tokens": []}
def first_token(tokens: list[str]) -> str:
    it = iter(tokens)
    return next(it)


def weighted_sum(*values: float, weight: float = 1.0) -> float:
    return sum(v * weight for v in values)


def tag(name: str, *classes: str, **attrs: str) -> str:
    cls = " ".join(classes)
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f'<{name} class="{cls}"{extra}> {classes}'


# case: {"a": 1.5, "b": -2.0}
def helpers_with_star_args(a: float, b: float) -> list[str]:
    return [
        str(weighted_sum(a, b, 3.0)),
        str(weighted_sum(a, weight=0.5)),
        tag("div", "box", "wide", id="main", role="note"),
        tag("span", "x", title=str(a)),
    ]


MIN_SCORE = 0.5
WEIGHT = 2.0


# case: {"scores": [0.1, 0.3, 0.9, 0.25]}
# case: {"scores": []}
def global_reads_and_walrus(scores: list[float]) -> list[float]:
    global MIN_SCORE
    return [w for s in scores if (w := s * WEIGHT) >= MIN_SCORE]


# case: {"x": 3}
# case: {"x": -1}
# case: {"x": 5}
def return_in_finally(x: int) -> str:
    try:
        if x > 0:
            return "positive"
        raise ValueError("negative")
    except ValueError as e:
        return f"caught {e}"
    finally:
        if x == 5:
            return "finally wins"


# case: {"x": 0.5, "n": 2}
# case: {"x": 1.5, "n": 1}
# case: {"x": -0.0, "n": 0}
def chained_mixed(x: float, n: int) -> list[bool]:
    return [0 <= x < 1, n < x * 4 <= 8, 0 < n == len("ab") > x]
