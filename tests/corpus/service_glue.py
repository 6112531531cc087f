"""Service glue around a model, written as such code is (a probe of unseen code, kept as a corpus): module-level
loggers with `%`-style arguments, warnings, timing with perf_counter, environment switches, messages on stderr,
progress bars."""

import logging
import os
import sys
import time
import warnings
from typing import Any, Optional

from tqdm.auto import tqdm

logger = logging.getLogger(__name__)
audit = logging.getLogger("service.audit")


# case: {"texts": ["a b", "c"], "max_len": 2}
# case: {"texts": [], "max_len": 4}
def prepare_batch(texts: list[str], max_len: int) -> list[list[str]]:
    logger.debug("preparing %d texts (max_len=%d)", len(texts), max_len)
    if not texts:
        logger.warning("empty batch, nothing to do")
        return []
    out: list[list[str]] = []
    for i, t in enumerate(texts):
        words = t.split()
        if len(words) > max_len:
            logger.info("text %d truncated from %d to %d words", i, len(words), max_len)
            words = words[:max_len]
        out.append(words)
    audit.info("batch of %s", len(out))
    return out


# case: {"scores": [0.2, -0.5, 1.7]}
# case: {"scores": []}
def clamp_scores(scores: list[float]) -> list[float]:
    bad = [s for s in scores if s < 0 or s > 1]
    if bad:
        warnings.warn(f"{len(bad)} scores outside [0, 1] were clamped", RuntimeWarning)
    return [min(1.0, max(0.0, s)) for s in scores]


# case: {"xs": [3.0, 1.0, 2.0]}
def timed_sort(xs: list[float]) -> dict[str, Any]:
    t0 = time.perf_counter()
    ys = sorted(xs)
    elapsed_ms = (time.perf_counter() - t0) * 1000.0
    logger.debug("sorted %d values in %.3f ms", len(xs), elapsed_ms)
    return {"sorted": ys, "timed": elapsed_ms >= 0.0}


# case: {"name": "INGOT_CORPUS_SURELY_UNSET", "default": 8}
def batch_size_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return max(1, int(raw))
    except ValueError:
        logging.error("bad %s=%r, using %d", name, raw, default)
        return default


# case: {"flag": "INGOT_CORPUS_SURELY_UNSET"}
def feature_enabled(flag: str) -> bool:
    return os.getenv(flag, "0").lower() in ("1", "true", "yes")


# case: {"line": "query: what is ML?"}
# case: {"line": "no prefix"}
def parse_line(line: str) -> Optional[str]:
    if not line.startswith("query:"):
        print(f"skipping line without prefix: {line!r}", file=sys.stderr)
        return None
    return line[len("query:") :].strip()


# case: {"level": "DEBUG"}
# case: {"level": "WARNING"}
def verbose_for(level: str) -> list[Any]:
    log = logging.getLogger("service.verbose." + level.lower())
    log.setLevel(level)
    return [log.isEnabledFor(logging.INFO), log.getEffectiveLevel(), logging.getLevelName(log.level)]


class Reranker:
    def __init__(self, top_k: int) -> None:
        self.top_k = top_k
        self.log = logging.getLogger(f"service.reranker.{top_k}")
        self.log.debug("created with top_k=%d", top_k)

    def rerank(self, scores: list[float]) -> list[int]:
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        if len(order) > self.top_k:
            self.log.info("keeping %d of %d", self.top_k, len(order))
        return order[: self.top_k]


# case: {"scores": [0.1, 0.9, 0.5], "k": 2}
# case: {"scores": [], "k": 3}
def rerank_top(scores: list[float], k: int) -> list[int]:
    r = Reranker(k)
    if r.log.isEnabledFor(logging.DEBUG):
        r.log.debug("scores: %s", scores)
    return r.rerank(scores)


# case: {"rows": [[1, 2], [3]]}
def count_cells(rows: list[list[int]]) -> int:
    log = logging.getLogger("service.cells")
    total = 0
    for i, row in enumerate(rows):
        log.debug("row %d has %d cells", i, len(row))
        total += len(row)
    log.warning("counted %d cells in %d rows", total, len(rows))
    return total


# case: {"texts": ["a b c", "d", ""]}
def total_words(texts: list[str]) -> int:
    total = 0
    for t in tqdm(texts, desc="counting", unit="text"):
        total += len(t.split())
    return total
