"""Spark: pandas UDFs over a column of texts. Input: a string column (or a binary column holding UTF-8); output:
`embedding_udf` gives `array<float>` (null for a failing row), `embedding_with_error_udf` gives
`struct<embedding: array<float>, error: string>`, which says why a row failed.

Spark runs a pandas UDF in Python worker processes that it reuses from task to task (`spark.python.worker.reuse`,
on by default), so the compiled package is loaded once per worker process, on its first batch, through the
process-wide `BatchEmbedder.shared`; the UDF object that Spark pickles to the executors carries only the package name.
"""

from __future__ import annotations

from typing import Optional

import pandas as pd
from pyspark.sql.functions import pandas_udf

from .arrow import vectors_array
from .core import BatchEmbedder


def _vectors(results) -> pd.Series:
    # Spark's Arrow bridge takes a Series of float32 arrays (or None) for array<float>.
    return pd.Series(vectors_array(results).to_pandas(), dtype=object)


def embedding_udf(package: str, model: Optional[str] = None):
    """`df.withColumn("embedding", embedding_udf("minilm")("text"))`, once a SparkSession exists (pyspark reads the
    return type with it)."""

    @pandas_udf("array<float>")
    def embed(texts: pd.Series) -> pd.Series:
        return _vectors(BatchEmbedder.shared(package, model).embed_rows(texts.tolist()))

    return embed


def embedding_with_error_udf(package: str, model: Optional[str] = None):
    """`df.withColumn("out", embedding_with_error_udf("minilm")("text"))`, then `out.embedding` and `out.error`."""

    @pandas_udf("struct<embedding: array<float>, error: string>")
    def embed(texts: pd.Series) -> pd.DataFrame:
        results = BatchEmbedder.shared(package, model).embed_rows(texts.tolist())
        return pd.DataFrame({"embedding": _vectors(results), "error": [r.error for r in results]})

    return embed
