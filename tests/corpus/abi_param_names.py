"""Parameters named like the generated wrappers' own locals: `args` (a command line), `out` (an output
template) and `function` (a tool name), as launch and tool-calling code names them."""


# case: {"args": ["--lr", "0.1", "--epochs", "3"]}
# case: {"args": []}
def parse_flags(args: list[str]) -> dict[str, str]:
    return {args[i].lstrip("-"): args[i + 1] for i in range(0, len(args) - 1, 2)}


# case: {"rows": [1.5, 2.25], "out": "{:.1f}"}
# case: {"rows": [0.5]}
def render(rows: list[float], out: str = "{}") -> list[str]:
    return [out.format(r) for r in rows]


# case: {"function": "get_weather", "arguments": {"city": "Paris"}}
def tool_call(function: str, arguments: dict[str, str]) -> str:
    return function + "(" + ", ".join(f"{k}={v!r}" for k, v in arguments.items()) + ")"
