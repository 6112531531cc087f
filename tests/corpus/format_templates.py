"""Prompt and report templates formatted with str.format: instruction prefixes kept as module constants (the
E5/BGE `query: {}` style), templates passed in by the caller, `**row` from a record, and format strings assembled
at run time for aligned columns."""

QUERY_PREFIX = "Represent this sentence for searching relevant passages: {}"
RERANK_TEMPLATE = "<query>{query}</query>\n<doc>{doc}</doc>\n<score>{score:.3f}</score>"


# case: {"queries": ["what is ingot?", "  mixed Case  "]}
def with_instruction(queries: list[str]) -> list[str]:
    return [QUERY_PREFIX.format(q.strip()) for q in queries]


# case: {"query": "capital of France", "docs": ["Paris is the capital.", "Berlin"], "scores": [0.91234, 0.1]}
def rerank_prompts(query: str, docs: list[str], scores: list[float]) -> list[str]:
    return [RERANK_TEMPLATE.format(query=query, doc=d, score=s) for d, s in zip(docs, scores)]


# case: {"template": "Hello {name}, you have {count} new {what}", "name": "Ada", "count": 3}
# case: {"template": "{name!r} has {count:>4} items", "name": "Bob", "count": 12}
# case: {"template": "{name} {unknown}", "name": "Bob", "count": 1}
def render(template: str, name: str, count: int) -> str:
    try:
        return template.format(name=name, count=count, what="messages")
    except KeyError as e:
        return "missing field " + str(e)


# case: {"rows": [{"model": 1.5, "score": 0.25}, {"model": 2.0, "score": 0.125}], "template": "{model:.1f}: {score:.2%}"}
def report_rows(rows: list[dict[str, float]], template: str) -> list[str]:
    return [template.format(**row) for row in rows]


# case: {"names": ["id", "description", "x"], "values": [1, 22, 333]}
def aligned_columns(names: list[str], values: list[int]) -> str:
    width = max(len(n) for n in names)
    line = "{:<" + str(width) + "} | {:>6}"
    return "\n".join(line.format(n, v) for n, v in zip(names, values))


# case: {"record": {"first": "Ada", "last": "Lovelace"}}
# case: {"record": {"first": "Ada"}}
def full_name(record: dict[str, str]) -> str:
    try:
        return "{last}, {first}".format(**record)
    except KeyError as e:
        return "incomplete: " + repr(e.args[0])


# case: {"row": {"name": "ada", "score": 0.875}, "pair": [3, 4], "width": 9}
def field_lookups(row: dict[str, float | str], pair: list[int], width: int) -> list[str]:
    return [
        "{0[name]}: {0[score]}".format(row),
        "{p[0]}x{p[1]}".format(p=pair),
        "[{:>{}}]".format("right", width),
        "[{v:^{w}.{prec}f}]".format(v=3.14159, w=width, prec=2),
    ]


# case: {"template": "### {role}\n{content}\n", "turns": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi {there}"}]}
# case: {"template": "{role}: {text}", "turns": [{"role": "user", "content": "x"}]}
def render_turns(template: str, turns: list[dict[str, str]]) -> str:
    """A chat prompt from a user-supplied template, filled per turn with format_map."""
    out = []
    for turn in turns:
        try:
            out.append(template.format_map(turn))
        except KeyError as e:
            out.append(f"<missing {e.args[0]}>")
    return "".join(out)
