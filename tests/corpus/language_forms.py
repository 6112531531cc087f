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
