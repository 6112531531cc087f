"""The Spark UDFs as a user writes them in a DataFrame query: `embedding_udf` (array<float>) next to
`embedding_with_error_udf` (struct with the reason) over the same rows, in local[2] with small Arrow batches, so
each Python worker process gets many batches. A third UDF in the same query reports, per worker process, how many
times that process loaded the compiled package. Output: one JSON line.
"""

import json
import os
import sys

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

import pandas as pd  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import pandas_udf  # noqa: E402

from ingot_integrations.spark import embedding_udf, embedding_with_error_udf  # noqa: E402


def worker_loads_udf():
    # Built after the session exists: pyspark parses a UDF's DDL return type with the active session.
    @pandas_udf("string")
    def worker_loads(texts: pd.Series) -> pd.Series:
        from ingot_integrations import core

        return pd.Series(["{}:{}".format(os.getpid(), core.loads("minilm"))] * len(texts))

    return worker_loads


def main(path: str) -> None:
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100")
        .config("spark.sql.files.maxPartitionBytes", str(max(1, os.path.getsize(path) // 2)))
        .config("spark.sql.files.openCostInBytes", "0")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.parquet(path)
    out = df.select(
        "id",
        embedding_udf("minilm")("text").alias("vec"),
        embedding_with_error_udf("minilm")("text").alias("full"),
        worker_loads_udf()("text").alias("loads"),
    ).collect()
    per_worker = {}
    for r in out:
        pid, n = r["loads"].split(":")
        per_worker[pid] = max(per_worker.get(pid, 0), int(n))
    print(
        json.dumps(
            {
                "rows": len(out),
                "nulls": sum(r["vec"] is None for r in out),
                "matches_struct": all(r["vec"] == r["full"]["embedding"] for r in out),
                "loads_per_worker": per_worker,
            }
        )
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
