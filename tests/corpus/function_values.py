"""Builtin types and unbound methods passed as functions: map/filter/sorted/max over text fields."""


# case: {"text": "  alpha, 3 ,beta ,  12,gamma  "}
# case: {"text": ""}
def clean_fields(text: str) -> tuple[list[str], list[str]]:
    fields = list(map(str.strip, text.split(",")))
    return list(filter(None, fields)), list(filter(str.isdigit, fields))


# case: {"line": "3 14 -2 7"}
# case: {"line": "1.5 2.25"}
def parse_numbers(line: str) -> tuple[list[float], float]:
    values = list(map(float, line.split()))
    return values, max(values, default=0.0)


# case: {"rows": ["1,2,3", "4,5,6"]}
def parse_int_rows(rows: list[str]) -> list[int]:
    totals = []
    for row in rows:
        totals.append(sum(map(int, row.split(","))))
    return totals


# case: {"names": ["bob", "Alice", "carol", "Straße", "STRASSE"]}
def order_names(names: list[str]) -> tuple[list[str], list[str], str, str]:
    return sorted(names, key=str.lower), sorted(names, key=str.casefold), max(names, key=len), min(map(str.upper, names))


# case: {"words": ["pre", "un", "re"], "stems": ["fix", "do", "run"]}
# case: {"words": ["a"], "stems": []}
def join_pairs(words: list[str], stems: list[str]) -> tuple[list[str], list[int], list[bool]]:
    joined = list(map(lambda a, b: a + b, words, stems))
    return joined, list(map(str.count, joined, words)), list(map(str.startswith, joined, stems))


# case: {"xs": [1.5, -2.0, 4.0], "ys": [0.5, 3.0, -1.0]}
def elementwise(xs: list[float], ys: list[float]) -> tuple[list[float], list[float], list[int]]:
    return list(map(max, xs, ys)), list(map(min, xs, ys)), list(map(round, map(abs, xs)))


# case: {"tokens": ["Hello", "WORLD", "foo_bar"]}
def normalise_tokens(tokens: list[str]) -> list[str]:
    lowered = map(str.lower, tokens)
    return [t.replace("_", " ") for t in map(str.title, lowered)]


# case: {"versions": ["1.10", "1.2", "0.9", "1.2"]}
def sort_versions(versions: list[str]) -> tuple[list[str], str]:
    import functools

    def compare(a: str, b: str) -> int:
        pa = [int(p) for p in a.split(".")]
        pb = [int(p) for p in b.split(".")]
        return (pa > pb) - (pa < pb)

    by_version = functools.cmp_to_key(compare)
    ordered = sorted(versions, key=by_version)
    return ordered, max(versions, key=by_version)


# case: {"lines": ["  Alpha ", "beta\t", ""], "fold": true}
# case: {"lines": ["X"], "fold": false}
def normalise_lines(lines: list[str], fold: bool) -> list[str]:
    clean = str.strip
    fold_case = str.casefold
    out = [clean(line) for line in lines if clean(line)]
    return [fold_case(x) for x in out] if fold else out
