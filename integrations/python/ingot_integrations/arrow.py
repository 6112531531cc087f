"""Row results as Arrow columns: the vectors as one `list<float32>` column (null where a row failed) and the messages
as one `string` column (null where it succeeded). Input: `RowResult`s from the core; output: pyarrow arrays that Ray
Data writes to Parquet and Spark's Arrow bridge turns into `array<float>`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pyarrow as pa

from .core import RowResult


def vectors_array(results: Sequence[RowResult]) -> pa.Array:
    """A `list<float32>` array built from the packed vectors in one pass, without a Python float per component."""
    ok = [r.vector is not None for r in results]
    flat = np.frombuffer(b"".join(r.vector for r in results if r.vector is not None), dtype="<f4")
    lengths = np.array([len(r.vector) // 4 if r.vector is not None else 0 for r in results], dtype=np.int32)
    offsets = np.zeros(len(results) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    mask = pa.array([not o for o in ok], type=pa.bool_())
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat, type=pa.float32()), mask=mask)


def errors_array(results: Sequence[RowResult]) -> pa.Array:
    return pa.array([r.error for r in results], type=pa.string())
