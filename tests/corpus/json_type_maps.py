"""Validating and summarising JSON payloads whose values have run-time types: builtin classes and tuples of them held
in a type map (`{"number": (int, float), "string": str}`) and tested with `isinstance(v, TYPES[kind])`, a tuple of
classes as a parameter default, `statistics` over a JSON list or a `list[object]` (CPython's TypeError for a str),
format specs applied to dynamic values (`f"{v:.2f}"`), and dataclasses with a union field built from a mapping."""

import dataclasses
import statistics
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple, Union

SCHEMA_TYPES = {"integer": int, "number": (int, float), "string": str, "array": list, "object": dict, "flag": bool}


# case: {"args": {"n": 3, "temp": 0.5, "name": "x", "tags": ["a"]}, "spec": {"n": "integer", "temp": "number", "name": "string", "tags": "array"}}
# case: {"args": {"n": 2.5, "temp": "hot", "tags": {"a": 1}, "name": null}, "spec": {"n": "integer", "temp": "number", "name": "string", "tags": "array"}}
# case: {"args": {"x": true}, "spec": {"x": "number"}}
# case: {"args": {"x": 1}, "spec": {"x": "date"}}
def check_arguments(args: Dict[str, Any], spec: Dict[str, str]) -> List[str]:
    problems: List[str] = []
    for name, kind in spec.items():
        if name not in args:
            problems.append(f"{name}: missing")
            continue
        value = args[name]
        expected = SCHEMA_TYPES[kind]
        if not isinstance(value, expected):
            problems.append(f"{name}: want {kind}, got {type(value).__name__}")
    return problems


# case: {"row": {"a": 1, "b": "two", "c": 3.5, "d": [1]}, "numeric_only": true}
# case: {"row": {"a": 1, "b": "two", "c": 3.5, "d": [1]}, "numeric_only": false}
def keep_columns(row: Dict[str, Any], numeric_only: bool) -> List[str]:
    wanted = (int, float) if numeric_only else (str, list)
    return [k for k, v in row.items() if isinstance(v, wanted)]


def _is_number(value: Any, kinds: Tuple[type, ...] = (int, float)) -> bool:
    return isinstance(value, kinds) and not isinstance(value, bool)


# case: {"values": [1, 2.5, "3", true, null, -4]}
# case: {"values": []}
def numeric_total(values: List[Any]) -> float:
    return sum(float(v) for v in values if _is_number(v))


# case: {"payload": {"scores": [0.5, 0.75, 1]}}
# case: {"payload": {"scores": [3, 1, 2, 5]}}
# case: {"payload": {"scores": [1, "2"]}}
# case: {"payload": {"scores": []}}
def score_summary(payload: Dict[str, Any]) -> Dict[str, Any]:
    scores = payload["scores"]
    return {
        "fmean": statistics.fmean(scores),
        "mean": statistics.mean(scores),
        "median": statistics.median(scores),
        "stdev": round(statistics.pstdev(scores), 6),
    }


# case: {"rows": [{"latency": 12}, {"latency": 20}, {"error": "x"}, {"latency": 16}]}
# case: {"rows": [{"latency": "fast"}]}
def mean_latency(rows: List[Dict[str, Any]]) -> Any:
    values: List[object] = [r["latency"] for r in rows if "latency" in r]
    return statistics.mean(values)


# case: {"labels": ["b", "a", "c"]}
# case: {"labels": ["b", "a"]}
def middle_label(labels: List[Any]) -> Any:
    return statistics.median(labels)


# case: {"metrics": {"acc": 0.91234, "f1": 1, "ok": true, "name": "run"}}
# case: {"metrics": {"tags": ["a"]}}
def format_metrics(metrics: Dict[str, Any]) -> List[str]:
    return [f"{k}: {v:>8.3f}" if not isinstance(v, str) else f"{k}: {v:>8}" for k, v in metrics.items()]


# case: {"v": 0.4567}
# case: {"v": 3}
# case: {"v": null}
def as_percent(v: Any) -> str:
    return f"{v * 100:.1f}%" if v is not None else f"{v:}"


@dataclass
class StopConfig:
    max_new_tokens: int = 32
    stop: Union[str, List[str]] = "\n"
    temperature: float = 1.0


# case: {"raw": {"stop": "###", "max_new_tokens": 8}}
# case: {"raw": {"stop": ["a", "b"], "temperature": 0.5}}
# case: {"raw": {"top_p": 0.9}}
def stop_sequences(raw: Dict[str, Any]) -> List[str]:
    cfg = StopConfig(**raw)
    if isinstance(cfg.stop, str):
        return [cfg.stop]
    return [s for s in cfg.stop]


# case: {"stop": ["x", "y"]}
# case: {"stop": "z"}
def stop_config_dict(stop: Union[str, List[str]]) -> Dict[str, Any]:
    return dataclasses.asdict(StopConfig(max_new_tokens=4, stop=stop))


# case: {"step": 3.7, "payload": {"loss": 0.5, "tokens": 12.9}}
# case: {"step": -2.5, "payload": {"loss": 1, "tokens": true}}
# case: {"step": 1.0, "payload": {"loss": 1, "tokens": "x"}}
def progress_line(step: float, payload: Dict[str, Any]) -> str:
    return "step %d loss %.3f tokens %5d|%-4i|" % (step, payload["loss"], payload["tokens"], step)
