"""Build-then-fill code, as dataset and report builders write it: a record or node is stored in its list first and
filled in afterwards (`rows.append(row)` then `row["len"] = ...`). CPython's list holds the object itself, so the later
changes show in it; nothing reads the list in between, so the store can take the finished object."""

from dataclasses import dataclass, field


# case: {"texts": ["Hello world", "OK", ""]}
def tag_texts(texts: list[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i, t in enumerate(texts):
        row: dict[str, object] = {"id": i}
        rows.append(row)
        row["chars"] = len(t)
        row["words"] = len(t.split())
        row["shout"] = t.isupper()
    return rows


@dataclass
class Section:
    title: str
    words: int = 0
    tags: list[str] = field(default_factory=list)


# case: {"lines": ["# Intro", "hello there", "# Usage", "run it now", "then stop", "# End"]}
# case: {"lines": []}
def sections(lines: list[str]) -> list[list[object]]:
    out: list[Section] = []
    for line in lines:
        if line.startswith("# "):
            sec = Section(line[2:])
            out.append(sec)
            sec.tags.append(line[2:].lower())
            sec.tags.append("h1")
        elif out:
            out[-1].words += len(line.split())
    return [[s.title, s.words, s.tags] for s in out]


# case: {"tokens": ["the", "cat", "sat", "on", "the", "mat"], "size": 4}
def token_stats(tokens: list[str], size: int) -> list[dict[str, int]]:
    chunks: list[dict[str, int]] = []
    for start in range(0, len(tokens), size):
        chunk: dict[str, int] = {}
        chunks.append(chunk)
        for tok in tokens[start : start + size]:
            chunk[tok] = chunk.get(tok, 0) + 1
        chunk["_n"] = min(size, len(tokens) - start)
    return chunks


# case: {"pairs": [["a", 1], ["b", 2], ["a", 3]]}
def grouped(pairs: list[tuple[str, int]]) -> list[list[int]]:
    groups: list[list[int]] = []
    for key, v in pairs:
        g: list[int] = [v]
        groups.append(g)
        g.append(v * 10)
        g.append(len(key))
    return groups
