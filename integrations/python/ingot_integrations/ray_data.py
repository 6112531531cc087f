"""Ray Data: `ds.map_batches(IngotEmbedder, fn_constructor_kwargs={"package": "minilm"}, batch_size=..., concurrency=N)`.
Input: batches of a dataset with a text column (str, or binary holding UTF-8); output: the same batch as a pyarrow
table with an `embedding` column (`list<float32>`, null for a failing row) and an `error` column (the reason, or
null). Every input column is kept, so ids and row order survive; Ray writes the result with `write_parquet`.

A callable class is what makes Ray keep the model: each of the N actors builds one `IngotEmbedder`, which loads the
compiled package once, and then serves every batch it is given. The package's model files travel in its wheel, so
a worker needs nothing but `pip install` of the wheel and of this package.
"""

from __future__ import annotations

from typing import Any, Optional

import pyarrow as pa

from .arrow import errors_array, vectors_array
from .core import BatchEmbedder


def _as_table(batch: Any) -> pa.Table:
    """Ray hands a batch over as a pyarrow table, a pandas DataFrame or a dict of numpy arrays (its `batch_format`)."""
    if isinstance(batch, pa.Table):
        return batch
    if isinstance(batch, dict):
        return pa.table({k: pa.array(list(v)) if getattr(v, "dtype", None) == object else v for k, v in batch.items()})
    return pa.Table.from_pandas(batch, preserve_index=False)


class IngotEmbedder:
    def __init__(
        self,
        package: str,
        model: Optional[str] = None,
        text_column: str = "text",
        embedding_column: str = "embedding",
        error_column: str = "error",
        dimensions: Optional[int] = None,
        threads: Optional[int] = None,
    ):
        self.embedder = BatchEmbedder(package, model, dimensions, threads)
        self.text_column = text_column
        self.embedding_column = embedding_column
        self.error_column = error_column

    def __call__(self, batch: Any) -> pa.Table:
        table = _as_table(batch)
        if self.text_column not in table.column_names:
            raise KeyError(
                "IngotEmbedder: the batch has no column {!r} (columns: {}); pass text_column=".format(
                    self.text_column, ", ".join(table.column_names)
                )
            )
        results = self.embedder.embed_rows(table.column(self.text_column).to_pylist())
        table = table.append_column(self.embedding_column, vectors_array(results))
        return table.append_column(self.error_column, errors_array(results))
