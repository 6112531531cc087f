"""Reshaping model inputs and outputs with einops on numpy arrays: ViT patches, channel order, attention heads,
beam tiling, pooling, and einops' errors on shapes that do not divide."""

import einops
import numpy as np
from einops import rearrange, reduce, repeat


# case: {"image": [[[1, 2], [3, 4], [5, 6], [7, 8]], [[9, 10], [11, 12], [13, 14], [15, 16]]], "patch": 2}
# case: {"image": [[[1, 2], [3, 4], [5, 6]]], "patch": 2}
def to_patches(image: list[list[list[int]]], patch: int) -> list[list[int]]:
    x = np.array(image)
    return rearrange(x, "(h p1) (w p2) c -> (h w) (p1 p2 c)", p1=patch, p2=patch).tolist()


# case: {"batch": [[[[0.5, 1.5, 2.5], [1.0, 2.0, 3.0]]]]}
def nhwc_to_nchw(batch: list[list[list[list[float]]]]) -> tuple[list[int], list[float]]:
    x = rearrange(np.asarray(batch, dtype=np.float32), "b h w c -> b c h w")
    return list(x.shape), x[0, :, 0, 0].tolist()


# case: {"hidden": [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], "heads": 2}
# case: {"hidden": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "heads": 2}
def heads_roundtrip(hidden: list[list[float]], heads: int) -> list[list[list[float]]]:
    x = np.array(hidden)
    split = einops.rearrange(x, "t (h d) -> h t d", h=heads)
    merged = rearrange(split, "h t d -> t (h d)")
    assert merged.shape == x.shape
    return split.tolist()


# case: {"ids": [[1, 2, 3], [4, 5, 6]], "beams": 3}
def tile_beams(ids: list[list[int]], beams: int) -> list[list[int]]:
    return repeat(np.array(ids), "b s -> (b k) s", k=beams).tolist()


# case: {"features": [[[1.5, 2.5], [3.5, 4.5]], [[0.0, 1.0], [2.0, 3.5]]], "how": "mean"}
# case: {"features": [[[1.5, 2.5], [3.5, 4.5]], [[0.0, 1.0], [2.0, 3.5]]], "how": "max"}
# case: {"features": [[[1.5, 2.5], [3.5, 4.5]]], "how": "median"}
def pool_channels(features: list[list[list[float]]], how: str) -> list[float]:
    return np.round(reduce(np.array(features), "c h w -> c", how), 4).tolist()


# case: {"img": [[1, 2, 3, 4], [5, 6, 7, 8]]}
def sum_pool(img: list[list[int]]) -> list[list[int]]:
    return reduce(np.array(img), "(h 2) (w 2) -> h w", "sum").tolist()


# case: {"mask": [[1, 1, 0], [1, 0, 0]]}
def token_counts(mask: list[list[int]]) -> tuple[list[int], int]:
    m = np.array(mask)
    per_row = reduce(m, "b t -> b", "sum")
    total = reduce(m, "b t -> ", "sum")
    return per_row.tolist(), int(total)


# case: {"x": [0.5, 1.5, 2.5], "n": 2}
def broadcast_rows(x: list[float], n: int) -> list[list[float]]:
    return repeat(np.array(x), "d -> n d", n=n).tolist()


# case: {"frames": [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]], [[9.0, 10.0], [11.0, 12.0]]]}
def flatten_frames(frames: list[list[list[float]]]) -> list[int]:
    x = np.array(frames)
    flat = rearrange(x, "t ... -> t (...)")
    return list(flat.shape) + list(rearrange(x, "t h w -> (t h) w").shape)
