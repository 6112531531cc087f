"""Embeds a Parquet dataset with Ray Data and writes the vectors back to Parquet.
Input: Parquet files with a text column (string, or binary holding UTF-8) and any other columns (ids); output: a
Parquet folder with every input column plus `embedding` (list<float32>, null for a failing row) and `error`, in the
input's row order.

    python integrations/ray/embed_parquet.py --package minilm --input corpus.parquet --output vectors/ --concurrency 2

Without `--address` it starts Ray in local mode on this machine; with one it joins that cluster.
"""

import argparse
import json
import time

import ray
from ray.data.expressions import monotonically_increasing_id

from ingot_integrations.ray_data import IngotEmbedder

# The column that carries each row's input position through the pipeline; dropped before writing.
ORDINAL = "__ingot_row"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--package", required=True, help="import name of the pip-installed compiled package")
    p.add_argument("--model", help="the model name its client serves (default: the import name)")
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--text-column", default="text")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--concurrency", type=int, default=1, help="actors, each with its own copy of the model")
    p.add_argument("--cpus-per-actor", type=int, default=1, help="cores each actor's model computes on")
    p.add_argument("--address", help="a Ray cluster to join (default: local mode)")
    p.add_argument(
        "--no-keep-order",
        dest="keep_order",
        action="store_false",
        help="skip the final sort that puts rows back in input order (saves a shuffle of the vectors; the id columns "
        "still say which row is which)",
    )
    a = p.parse_args()

    if a.address:
        ray.init(address=a.address, log_to_driver=False)
    else:
        # Local mode: the actors hold concurrency × cpus-per-actor CPUs for their whole life, and reading and writing
        # Parquet are tasks that need a CPU slot of their own; without one spare slot the pipeline waits forever on a
        # machine whose cores the actors take. That slot does little work, so it is not a core of its own.
        ray.init(num_cpus=a.concurrency * a.cpus_per_actor + 1, include_dashboard=False, log_to_driver=False)
    # Ray Data may reorder blocks for speed; preserve_order asks it not to. It is not enough on its own: with Ray 2.60,
    # under load, two 256-row batches of the actor pool's output once came back swapped (1 run in 17). So each row
    # also carries its input position, numbered as it is read (the read tasks run in input order, and the ids rise
    # with the task and the row within it), and the output is sorted on it at the end.
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    start = time.perf_counter()
    ds = ray.data.read_parquet(a.input)
    if a.keep_order:
        ds = ds.with_column(ORDINAL, monotonically_increasing_id())
    out = ds.map_batches(
        IngotEmbedder,
        fn_constructor_kwargs={
            "package": a.package,
            "model": a.model,
            "text_column": a.text_column,
            "threads": a.cpus_per_actor,
        },
        batch_size=a.batch_size,
        batch_format="pyarrow",
        concurrency=a.concurrency,
        # Ray packs actors by this count, and each actor's model computes on that many threads.
        num_cpus=a.cpus_per_actor,
    )
    if a.keep_order:
        out = out.sort(ORDINAL).drop_columns([ORDINAL])
    out.write_parquet(a.output)
    # The last line of stdout is a JSON summary that the tests and bench/ read.
    print(json.dumps({"seconds": time.perf_counter() - start, "concurrency": a.concurrency, "batch_size": a.batch_size}))


if __name__ == "__main__":
    main()
