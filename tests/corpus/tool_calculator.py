"""Agent tools over JSON calls: a calculator that evaluates an arithmetic expression with no names in scope
(`eval(expr, {"__builtins__": {}}, {})`), settings read with `ast.literal_eval`, and tallies keyed by values taken
from JSON (a Counter, a set and a dict comprehension whose keys are dynamic values)."""
import ast
import re
from collections import Counter
from typing import Any, Callable, Dict, List

SAFE = re.compile(r"[\d\s.+\-*/%()]+")


def _calculator(args: Dict[str, Any]) -> Any:
    expr = str(args.get("expression", ""))
    if not SAFE.fullmatch(expr):
        raise ValueError(f"refusing to evaluate {expr!r}")
    return eval(expr, {"__builtins__": {}}, {})


def _upper(args: Dict[str, Any]) -> Any:
    return str(args.get("text", "")).upper()


TOOLS: Dict[str, Callable[[Dict[str, Any]], Any]] = {"calculator": _calculator, "upper": _upper}


# case: {"calls": [{"tool": "calculator", "args": {"expression": "2 + 3 * (4 - 1)"}}, {"tool": "calculator", "args": {"expression": "7 / 2 - 1"}}, {"tool": "upper", "args": {"text": "ok"}}]}
# case: {"calls": [{"tool": "calculator", "args": {"expression": "1 / 0"}}, {"tool": "calculator", "args": {"expression": "2 ** -1 + 10 // 3 % 2"}}, {"tool": "calculator", "args": {"expression": "import os"}}, {"tool": "search", "args": {}}]}
# case: {"calls": [{"tool": "calculator", "args": {"expression": "(1 + 2"}}]}
def run_tools(calls: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for call in calls:
        name = call.get("tool")
        fn = TOOLS.get(name or "")
        if fn is None:
            out.append({"tool": name, "error": "unknown tool"})
            continue
        try:
            out.append({"tool": name, "result": fn(call.get("args", {}))})
        except ZeroDivisionError:
            out.append({"tool": name, "error": "division by zero"})
        except SyntaxError:
            out.append({"tool": name, "error": "syntax error"})
        except ValueError as exc:
            out.append({"tool": name, "error": str(exc)})
    return out


# case: {"lines": ["lr = 3e-4", "layers = [64, 128]", "name = 'tiny'", "dropout = -0.1", "flags = {'fp16': True, 'seed': 7}"]}
# case: {"lines": ["x = 1 + 2", "y = unknown", "z"]}
def parse_settings(lines: List[str]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for line in lines:
        if "=" not in line:
            out[line.strip()] = None
            continue
        key, _, raw = line.partition("=")
        try:
            out[key.strip()] = ast.literal_eval(raw.strip())
        except ValueError:
            out[key.strip()] = raw.strip()
    return out


# case: {"records": [{"label": "pos", "source": "web"}, {"label": "neg", "source": "web"}, {"label": "pos", "source": 3}, {"label": null, "source": "app"}]}
# case: {"records": []}
def label_stats(records: List[Dict[str, Any]]) -> Dict[str, Any]:
    counts: Counter = Counter()
    sources = set()
    for r in records:
        counts[r["label"]] += 1
        sources.add(r["source"])
    first_seen = {r["label"]: i for i, r in enumerate(records)}
    return {
        "counts": sorted(((str(k), n) for k, n in counts.items()), key=lambda kv: (-kv[1], kv[0])),
        "n_sources": len(sources),
        "first_seen": sorted((str(k), i) for k, i in first_seen.items()),
    }
