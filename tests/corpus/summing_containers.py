"""sum() beyond numbers: flattening lists of lists, joining tuples, and totals of parsed JSON values."""
import json


# case: {"batches": [["a", "b"], [], ["c"]]}
# case: {"batches": []}
def flatten_batches(batches: list[list[str]]) -> tuple[list[str], int]:
    flat = sum(batches, [])
    return flat, len(flat)


# case: {"spans": [[0, 3], [5, 9]]}
def span_bounds(spans: list[tuple[int, int]]) -> tuple[int, ...]:
    return sum(spans, ())


# case: {"payload": "{\"items\": [{\"qty\": 2, \"price\": 1.5}, {\"qty\": 1, \"price\": 4}]}"}
# case: {"payload": "{\"items\": []}"}
def order_total(payload: str) -> float:
    data = json.loads(payload)
    quantities = [item["qty"] for item in data["items"]]
    return float(sum(quantities)) + float(sum(item["price"] * item["qty"] for item in data["items"]))
