"""The one piece every engine shares: embed a column of texts with a compiled package's OpenAI-style client, and
report each failing row (invalid UTF-8, an empty string, a null, anything the model's own rules reject) without losing
the others. Input: a sequence of row values (str, bytes-like or None); output: one `RowResult` per row, in order.
The Ray, Spark and Ray Serve adapters call this and only reshape its output.
"""

from __future__ import annotations

import base64
import importlib
import os
import threading
from dataclasses import dataclass
from typing import Any, Optional, Sequence

# How many times this process loaded a compiled package, per import name. The engines promise to load the model once
# per worker process (a Ray actor, a Spark Python worker); the tests read this to hold them to it.
_LOADS: dict[str, int] = {}
_CACHE: dict[tuple[str, Optional[str]], "BatchEmbedder"] = {}
_LOCK = threading.Lock()


def loads(package: str) -> int:
    """How many times this process built a `BatchEmbedder` for `package`."""
    return _LOADS.get(package, 0)


@dataclass(frozen=True)
class RowResult:
    """One row's outcome: a vector (little-endian float32 bytes as the client returns them) or an error message."""

    vector: Optional[bytes]
    error: Optional[str]


def _decode_row(value: Any) -> tuple[Optional[str], Optional[str]]:
    """A row value as text, or the reason it is not text. Bytes are decoded as strict UTF-8 here, because Parquet
    binary columns and Spark binary columns reach Python as bytes, and the position of a bad byte is worth reporting."""
    if value is None:
        return None, "the text is null"
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8"), None
        except UnicodeDecodeError as e:
            return None, "invalid UTF-8 at byte {}: {}".format(e.start, e.reason)
    if isinstance(value, str):
        return value, None
    # numpy and pandas hand over their own scalar types; only real text is accepted.
    return None, "expected text (str or UTF-8 bytes), got {}".format(type(value).__name__)


class BatchEmbedder:
    """Embeds batches of rows with the compiled package `package` (its import name).

    The package's `Client` applies the model's own request rules (an empty string is a 400 there, as in the OpenAI
    API), so a batch that fails is split in halves until each failing row stands alone with its own message; a batch
    with no failing row costs one call. `model` is the name the package's client serves, which is the project name
    it was built with (the import name unless `ingot bindings --name` said otherwise). `threads` caps the cores
    the model uses in this process."""

    def __init__(
        self, package: str, model: Optional[str] = None, dimensions: Optional[int] = None, threads: Optional[int] = None
    ):
        # The compiled model computes on rayon's global pool, which is sized once per process from RAYON_NUM_THREADS
        # (or the number of cores). An engine that runs several workers on one machine gives each a share of the
        # cores; the variable must be set before the package's first call builds the pool.
        if threads is not None:
            os.environ["RAYON_NUM_THREADS"] = str(threads)
        self.package = package
        self.model = model or package
        self.dimensions = dimensions
        self.module = importlib.import_module(package)
        self.client = self.module.Client()
        self._errors = (self.module.APIError, UnicodeError, ValueError, TypeError)
        _LOADS[package] = _LOADS.get(package, 0) + 1

    @classmethod
    def shared(cls, package: str, model: Optional[str] = None) -> "BatchEmbedder":
        """The process-wide embedder for `package`, loaded on first use: what a Spark UDF calls on every batch, so
        each Python worker process loads the model once."""
        key = (package, model)
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = cls(package, model)
            return _CACHE[key]

    def _embed(self, texts: list[str]) -> list[bytes]:
        kwargs = {} if self.dimensions is None else {"dimensions": self.dimensions}
        res = self.client.embeddings.create(model=self.model, input=texts, encoding_format="base64", **kwargs)
        return [base64.b64decode(d.embedding) for d in res.data]

    def _embed_isolating(self, texts: list[str], out: list[Optional[RowResult]], where: list[int]) -> None:
        try:
            vectors = self._embed(texts)
        except self._errors as e:
            if len(texts) == 1:
                out[where[0]] = RowResult(None, _message(e))
                return
            half = len(texts) // 2
            self._embed_isolating(texts[:half], out, where[:half])
            self._embed_isolating(texts[half:], out, where[half:])
            return
        for i, v in zip(where, vectors):
            out[i] = RowResult(v, None)

    def embed_rows(self, values: Sequence[Any]) -> list[RowResult]:
        """One result per row of `values`, in order."""
        out: list[Optional[RowResult]] = [None] * len(values)
        texts: list[str] = []
        where: list[int] = []
        for i, value in enumerate(values):
            text, error = _decode_row(value)
            if error is not None:
                out[i] = RowResult(None, error)
            else:
                texts.append(text)
                where.append(i)
        if texts:
            self._embed_isolating(texts, out, where)
        return out  # type: ignore[return-value]


def _message(e: BaseException) -> str:
    """The error as one line: the OpenAI error body's message when there is one."""
    body = getattr(e, "body", None)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return "{}: {}".format(type(e).__name__, body["message"])
    return "{}: {}".format(type(e).__name__, e)

