"""e.args, str(e) and repr(e) of builtin exceptions the runtime raises, and of the module's own."""


class ConfigError(ValueError):
    pass


# case: {"raw": "42"}
# case: {"raw": "4x2"}
# case: {"raw": ""}
def parse_port(raw: str) -> str:
    try:
        return f"ok {int(raw)}"
    except ValueError as e:
        return f"bad: {e.args[0]} ({len(e.args)} arg)"


# case: {"settings": {"host": "a"}, "key": "host"}
# case: {"settings": {"host": "a"}, "key": "port"}
# case: {"settings": {}, "key": "it's"}
def lookup(settings: dict[str, str], key: str) -> str:
    try:
        return settings[key]
    except KeyError as e:
        missing = e.args[0]
        return f"missing {missing} | {e} | {e!r} | {e.args}"


# case: {"ids": [3, 1], "pos": 5}
# case: {"ids": [3, 1], "pos": -1}
def pick(ids: list[int], pos: int) -> str:
    try:
        return str(ids[pos])
    except IndexError as e:
        return repr(e) + " / " + str(e.args)


# case: {"total": 10, "count": 0}
# case: {"total": 10, "count": 3}
def average(total: int, count: int) -> str:
    try:
        return str(total // count)
    except ArithmeticError as e:
        return f"{type(e).__name__}: {e.args[-1]}"


# case: {"name": "db", "level": 3}
# case: {"name": "", "level": 0}
def check(name: str, level: int) -> str:
    try:
        if not name:
            raise ConfigError("empty name", level)
        if level > 2:
            raise ValueError(f"level {level} too high")
        raise RuntimeError()
    except ValueError as e:
        return f"{len(e.args)} {e.args[0]} {e.args} {e!r}"
    except RuntimeError as e:
        return f"{len(e.args)} {e.args} {e!r} [{e}]"


# case: {"name": "width", "known": ["height"]}
# case: {"name": "height", "known": ["height"]}
def require(name: str, known: list[str]) -> str:
    try:
        if name not in known:
            raise KeyError(name)
        return "ok"
    except LookupError as e:
        return f"{e} | {e!r} | {e.args[0]} | {str(e) == repr(name)}"
