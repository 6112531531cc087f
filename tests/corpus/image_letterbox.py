"""Detector and classifier input preparation with ImageOps: letterboxing to a square with Pillow's pad, fitting
inside a box with contain, the scale and offsets needed to map boxes back to the original image, and test-time
augmentations (invert, solarize, posterize, borders, rescaling)."""
import numpy as np
from PIL import Image, ImageOps


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "target": 16}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "target": 10}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "target": 7}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}, "target": 9}
def letterbox_array(image: Image.Image, target: int) -> tuple[list[int], float, list[int]]:
    rgb = image.convert("RGB")
    padded = ImageOps.pad(rgb, (target, target), method=Image.Resampling.BILINEAR, color=(114, 114, 114))
    arr = np.asarray(padded, dtype=np.float32) / 255.0
    scale = target / max(rgb.width, rgb.height)
    border = np.asarray(padded)[0, 0].tolist()
    return list(padded.size), round(scale, 6), [int(v) for v in border] + [int(round(float(arr.sum()) * 10))]


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "w": 8, "h": 8}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "w": 20, "h": 5}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "w": 3, "h": 9}
def fit_inside(image: Image.Image, w: int, h: int) -> dict[str, list[int]]:
    small = ImageOps.contain(image, (w, h))
    top = ImageOps.pad(image, (w, h), centering=(0.0, 0.0))
    return {
        "contain": list(small.size),
        "pad": list(top.size),
        "corner": np.asarray(top).reshape(-1)[:4].tolist(),
        "sum": [int(np.asarray(small, dtype=np.int64).sum())],
    }


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "strength": 1}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "strength": 3}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "strength": 0}
def augment_stats(image: Image.Image, strength: int) -> dict[str, list[int]]:
    rgb = image.convert("RGB")
    variants = [
        ImageOps.invert(rgb),
        ImageOps.solarize(rgb, threshold=200 - 40 * strength),
        ImageOps.posterize(rgb, max(1, 8 - 2 * strength)),
        ImageOps.expand(rgb, border=strength, fill=(0, 0, 0)),
        ImageOps.crop(ImageOps.expand(rgb, border=(strength, 1)), border=(strength, 1)),
        ImageOps.scale(rgb, 1.0 + 0.5 * strength, resample=Image.Resampling.NEAREST),
    ]
    out: dict[str, list[int]] = {}
    for i, v in enumerate(variants):
        arr = np.asarray(v, dtype=np.int64)
        out[f"v{i}"] = [v.width, v.height, int(arr.sum()), int(arr.max())]
    return out
