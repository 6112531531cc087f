"""Embeds a Parquet file with Spark and a pandas UDF and writes the vectors back to Parquet.
Input: Parquet with a text column (string, or binary holding UTF-8) and any other columns (ids); output: a Parquet
folder with every input column plus `embedding` (array<float>, null for a failing row) and `error`.

    python integrations/spark/embed_parquet.py --package minilm --input corpus.parquet --output vectors/ --workers 2

Without `--master` it runs Spark in local mode (`local[N]`) on this machine's Java (17 here).
"""

import argparse
import json
import os
import sys
import time
from urllib.parse import urlparse

from pyspark.sql import SparkSession

from ingot_integrations.spark import embedding_with_error_udf


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--package", required=True, help="import name of the pip-installed compiled package")
    p.add_argument("--model", help="the model name its client serves (default: the import name)")
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--text-column", default="text")
    p.add_argument("--workers", type=int, default=1, help="task slots, each a Python worker with its own model")
    p.add_argument("--batch-size", type=int, default=256, help="rows per Arrow batch handed to the UDF")
    p.add_argument("--master", help="a Spark master URL (default: local[workers])")
    a = p.parse_args()

    # Spark starts its Python workers with `python3` from PATH unless told otherwise; in local mode they must be this
    # interpreter, which has the compiled package and ingot_integrations installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(a.master or "local[{}]".format(a.workers))
        .appName("ingot-embed")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(a.batch_size))
        .config("spark.ui.enabled", "false")
        # Each Python worker is one task slot; its model computes on one core's worth of threads.
        .config("spark.executorEnv.RAYON_NUM_THREADS", "1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter()
    df = spark.read.parquet(a.input)
    if df.rdd.getNumPartitions() < a.workers:
        # A small input is one split by default; smaller splits give every worker a share. Splitting the input (by
        # Parquet row group) rather than shuffling keeps the job map-only, so the output parts hold the rows in the
        # input's order, and no sort runs the UDF a second time to sample its input.
        local = [urlparse(f).path for f in df.inputFiles() if urlparse(f).scheme in ("", "file")]
        size = sum(os.path.getsize(f) for f in local)
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(1, size // a.workers)))
        spark.conf.set("spark.sql.files.openCostInBytes", "0")
        df = spark.read.parquet(a.input)
    embed = embedding_with_error_udf(a.package, a.model)
    out = df.withColumn("_ingot", embed(a.text_column)).select(*df.columns, "_ingot.embedding", "_ingot.error")
    out.write.mode("overwrite").parquet(a.output)
    print(json.dumps({"seconds": time.perf_counter() - start, "workers": a.workers, "batch_size": a.batch_size}))
    spark.stop()


if __name__ == "__main__":
    main()
