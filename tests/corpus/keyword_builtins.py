"""Builtins and str methods called with keyword arguments, as parsing and formatting code writes them:
`split(sep, maxsplit=1)` for key/value lines, `rsplit(maxsplit=1)` for file extensions, `round(x, ndigits=2)`
for reports, `int(text, base=16)` for hex ids."""


# case: {"lines": ["name = Ada Lovelace", "role=engineer = first", "empty", " k = v "]}
# case: {"lines": []}
def parse_settings(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        if "=" not in line:
            continue
        key, value = line.split("=", maxsplit=1)
        out[key.strip()] = value.strip()
    return out


# case: {"paths": ["model.tar.gz", "README", "weights.safetensors", ".bashrc"]}
def stems_and_suffixes(paths: list[str]) -> list[tuple[str, str]]:
    out = []
    for p in paths:
        parts = p.rsplit(".", maxsplit=1)
        out.append((parts[0], parts[1] if len(parts) == 2 else ""))
    return out


# case: {"text": "  the quick   brown fox  "}
# case: {"text": ""}
def head_and_rest(text: str) -> tuple[list[str], list[str], list[str]]:
    # A left-out `sep` before a keyword means whitespace splitting, as in CPython.
    return text.split(maxsplit=1), text.rsplit(maxsplit=1), text.split(sep=None, maxsplit=2)


# case: {"values": [0.125, 2.675, 1234.5678, -0.005]}
def report(values: list[float]) -> list[str]:
    return [f"{round(v, ndigits=2)} ~ {round(number=v)} / {round(v, ndigits=-1)}" for v in values]


# case: {"ids": ["ff", "0x1A", "777", "0b101"]}
# case: {"ids": ["zz"]}
def decode_ids(ids: list[str]) -> list[int]:
    return [int(s, base=16) if not s.startswith("0b") else int(s, base=0) for s in ids]
