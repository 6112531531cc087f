"""String checks and formatting as URL filters, log formatters and table printers write them: `startswith` with a
tuple of prefixes and a start offset, the builtin `format(value, spec)`, `expandtabs` for aligned columns,
`splitlines(keepends=True)` to keep a document's line endings, and `zip(..., strict=True)` over parallel columns."""


# case: {"urls": ["https://a.io/x", "http://b.org", "ftp://c.net", "mailto:x@y.z", "HTTPS://upper.case"]}
def web_links(urls: list[str]) -> list[str]:
    return [u for u in urls if u.startswith(("http://", "https://"))]


# case: {"names": ["report.csv", "data.tsv", "image.png", "notes.txt", "archive.tar.gz"]}
def tabular_files(names: list[str]) -> list[bool]:
    return [n.endswith((".csv", ".tsv"), 0, len(n)) or n.endswith(".gz", -3) for n in names]


# case: {"lines": ["# comment", "  # indented", "key: value", "#!shebang"]}
def comment_flags(lines: list[str]) -> list[tuple[bool, bool]]:
    return [(line.startswith("#"), line.startswith("#", 2)) for line in line_list(lines)]


def line_list(lines: list[str]) -> list[str]:
    return lines


# case: {"values": [0.5, 1234567.891, -3.25, 0.0001], "width": 12}
def format_table(values: list[float], width: int) -> list[str]:
    out = []
    for v in values:
        spec = ">" + str(width) + ",.2f"
        out.append(format(v, spec) + "|" + format(v, ".1e") + "|" + format(v) + "|" + format(int(v), "08b"))
    return out


# case: {"rows": [["name", "qty"], ["apple", "3"], ["kiwi\tfruit", "12"]]}
def aligned(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r).expandtabs(8) for r in rows)


# case: {"doc": "line one\r\nline two\n\nlast"}
# case: {"doc": ""}
def line_lengths(doc: str) -> list[tuple[int, int]]:
    return [(len(a), len(b)) for a, b in zip(doc.splitlines(), doc.splitlines(keepends=True), strict=True)]


# case: {"names": ["a", "b"], "scores": [0.25, 0.75]}
# case: {"names": ["a", "b", "c"], "scores": [0.25]}
def paired(names: list[str], scores: list[float]) -> dict[str, float]:
    try:
        return dict(zip(names, scores, strict=True))
    except ValueError as e:
        return {str(e): -1.5}
