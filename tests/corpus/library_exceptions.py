"""Library exception classes a program raises itself, as the library would: `statistics.StatisticsError` for a
summary of no data, caught as itself or as the ValueError it is."""
import statistics
from statistics import StatisticsError
from typing import Dict, List


# case: {"latencies_ms": [120.5, 98.25, 240.5, 101.75]}
# case: {"latencies_ms": []}
def latency_summary(latencies_ms: List[float]) -> Dict[str, float]:
    if not latencies_ms:
        raise statistics.StatisticsError("no latencies recorded")
    return {"mean": round(statistics.fmean(latencies_ms), 3), "median": statistics.median(latencies_ms)}


# case: {"groups": [[1.5, 2.5], [], [4.0]]}
def safe_means(groups: List[List[float]]) -> List[str]:
    out: List[str] = []
    for g in groups:
        try:
            if len(g) < 1:
                raise StatisticsError(f"group of {len(g)} values")
            out.append(f"{statistics.mean(g):.2f}")
        except ValueError as e:
            out.append(f"{type(e).__name__}: {e}")
    return out
