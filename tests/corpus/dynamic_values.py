"""Post-processing over values whose shape is known only at run time: the result of
json.loads and the values of a dict[str, Any]. Indexing, .get, `in`, comparisons, arithmetic
and int()/float() decide by the run-time type, as CPython does, and a value used where a
type is declared (a dict key, a list index) is converted with a run-time check."""
import json
from collections import Counter, defaultdict
from typing import Any, Dict, List


# case: {"payload": "{\"predictions\": [{\"label\": \"cat\", \"score\": 0.91}, {\"label\": \"dog\", \"score\": 0.4}]}", "threshold": 0.5}
# case: {"payload": "{\"predictions\": []}", "threshold": 0.5}
# case: {"payload": "{\"preds\": []}", "threshold": 0.5}
def confident_labels(payload: str, threshold: float) -> List[str]:
    data = json.loads(payload)
    preds = data["predictions"]
    out = []
    for i in range(len(preds)):
        p = preds[i]
        if float(p["score"]) >= threshold:
            out.append(str(p["label"]))
    return out


# case: {"records": [{"user": "a", "amount": 3.5}, {"user": "b", "amount": "1.25"}, {"user": "a", "amount": 2}]}
# case: {"records": [{"user": "a", "amount": "lots"}]}
def spend_by_user(records: List[Dict[str, Any]]) -> Dict[str, float]:
    acc: Dict[str, float] = defaultdict(float)
    for r in records:
        acc[r["user"]] += float(r["amount"])
    return dict(acc)


# case: {"records": [{"tags": "a"}, {"tags": "b"}, {"tags": "a"}]}
def tag_counts(records: List[Dict[str, Any]]) -> List[List[Any]]:
    counts: Dict[str, int] = Counter()
    for r in records:
        counts[r["tags"]] += 1
    return [[k, v] for k, v in sorted(counts.items())]


# case: {"payload": "{\"model\": \"m\", \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 30}}"}
# case: {"payload": "{\"model\": \"m\"}"}
def total_tokens(payload: str) -> int:
    resp = json.loads(payload)
    usage = resp.get("usage", {})
    if "prompt_tokens" not in usage:
        return 0
    return int(usage["prompt_tokens"] + usage.get("completion_tokens", 0))


# case: {"payload": "{\"status\": \"ok\", \"retries\": 2}"}
# case: {"payload": "{\"status\": \"error\", \"retries\": 5}"}
def needs_attention(payload: str) -> bool:
    d = json.loads(payload)
    return d["status"] != "ok" or d["retries"] > 3


# case: {"payload": "{\"b\": 2, \"a\": [1, 2]}"}
def describe_keys(payload: str) -> List[str]:
    d = json.loads(payload)
    return [f"{k}={len(str(v))}" for k, v in d.items()] + sorted(d.keys())


# case: {"reply": "{\"tool_calls\": [{\"name\": \"search\", \"args\": {\"q\": \"x\"}}, 3, {\"id\": 1}, {\"name\": \"calc\"}]}"}
# case: {"reply": "{\"tool_calls\": []}"}
# case: {"reply": "{\"tool_calls\": 7}"}
def tool_names(reply: str) -> list[str]:
    data = json.loads(reply)
    names: list[str] = []
    for call in data.get("tool_calls", []):
        if isinstance(call, dict) and "name" in call:
            names.append(str(call["name"]))
    return names


# case: {"text": "{\"b\": [1, 2], \"a\": \"xy\"}"}
def walk_json(text: str) -> list[str]:
    doc = json.loads(text)
    out = []
    for key in doc:
        for item in doc[key]:
            out.append(f"{key}:{item}")
    return out


# case: {"text": "[[1, 2], [3, 4.5]]"}
# case: {"text": "[]"}
def row_sums(text: str) -> list[float]:
    out = []
    for row in json.loads(text):
        total = 0.0
        for x in row:
            total += x
        out.append(float(total))
    return out
