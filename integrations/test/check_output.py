"""Checks an engine's output against the compiled package's in-process API. Input: the input Parquet file, the
output Parquet (file or folder), the package's import name, and the name of the vector column; output: one JSON line
with what the test asserts: row counts, whether ids and their order survived, the largest difference from the
in-process vectors, and the error of each failing row by id.
"""

import argparse
import json

import numpy as np
import pyarrow.parquet as pq


def _fragments(output: str):
    import pyarrow.dataset as ds

    return list(ds.dataset(output, format="parquet").get_fragments())


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--package", required=True)
    p.add_argument("--vectors", default="embedding")
    p.add_argument("--errors", default="error")
    a = p.parse_args()
    pkg = __import__(a.package)

    src = pq.read_table(a.input)
    out = pq.read_table(a.output)
    ids_in = src.column("id").to_pylist()
    ids_out = out.column("id").to_pylist()
    # Where the order first differs, and the files the engine wrote with their row counts in read order, so that a
    # failure says whether whole blocks or files swapped places or rows moved inside one.
    first = next((k for k, (a_, b_) in enumerate(zip(ids_in, ids_out)) if a_ != b_), None)
    if first is not None:
        first = {"row": first, "expected_id": ids_in[first], "got_id": ids_out[first]}
    files = (
        [[f.path.rsplit("/", 1)[-1], pq.ParquetFile(f.path).metadata.num_rows] for f in _fragments(a.output)]
        if first is not None
        else []
    )
    texts = dict(zip(ids_in, src.column("text").to_pylist()))

    vectors = out.column(a.vectors).to_pylist()
    errors = out.column(a.errors).to_pylist() if a.errors in out.column_names else [None] * len(vectors)
    good = [(i, v) for i, v in zip(ids_out, vectors) if v is not None]
    # The reference: the package's own client in this process, on the rows the engine embedded, in fixed chunks.
    client = pkg.Client()
    worst = 0.0
    for k in range(0, len(good), 100):
        chunk = good[k : k + 100]
        res = client.embeddings.create(model=a.package, input=[texts[i].decode("utf-8") for i, _ in chunk])
        got = np.asarray([v for _, v in chunk], dtype=np.float64)
        want = np.asarray([d.embedding for d in res.data], dtype=np.float64)
        worst = max(worst, float(np.max(np.abs(got - want))))
    print(
        json.dumps(
            {
                "rows_in": len(ids_in),
                "rows_out": len(ids_out),
                "same_ids_in_order": ids_in == ids_out,
                "first_out_of_order": first,
                "files": files,
                "same_id_set": sorted(ids_in) == sorted(ids_out),
                "embedded": len(good),
                "dims": sorted({len(v) for _, v in good}),
                "max_abs_diff": worst,
                "failed": {str(i): e for i, v, e in zip(ids_out, vectors, errors) if v is None},
            }
        )
    )


if __name__ == "__main__":
    main()
