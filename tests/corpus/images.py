"""Vision pre- and post-processing with Pillow and numpy: CLIP-style normalisation, letterboxing, thumbnails, histograms, masks and augmentations."""
import numpy as np
from PIL import Image, ImageOps


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "size": 6}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}, "size": 4}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "size": 3}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "size": 5}
def clip_preprocess(image: Image.Image, size: int = 224) -> np.ndarray:
    image = image.convert("RGB")
    w, h = image.size
    scale = size / min(w, h)
    new_w, new_h = max(size, round(w * scale)), max(size, round(h * scale))
    image = image.resize((new_w, new_h), resample=Image.Resampling.BICUBIC)
    left = (new_w - size) // 2
    top = (new_h - size) // 2
    image = image.crop((left, top, left + size, top + size))
    pixels = np.asarray(image, dtype=np.float32) / 255.0
    mean = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
    std = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
    pixels = (pixels - mean) / std
    return pixels.transpose(2, 0, 1)


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "target": 8}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "target": 10}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "target": 7}
def letterbox(image: Image.Image, target: int) -> Image.Image:
    rgb = image.convert("RGB")
    ratio = min(target / rgb.width, target / rgb.height)
    new_size = (max(1, int(rgb.width * ratio)), max(1, int(rgb.height * ratio)))
    resized = rgb.resize(new_size, Image.BILINEAR)
    canvas = Image.new("RGB", (target, target), (114, 114, 114))
    canvas.paste(resized, ((target - new_size[0]) // 2, (target - new_size[1]) // 2))
    return canvas


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "max_side": 5}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}, "max_side": 3}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "max_side": 20}
def make_thumbnail(image: Image.Image, max_side: int) -> tuple[Image.Image, tuple[int, int]]:
    w, h = image.size
    if max(w, h) <= max_side:
        return image.copy(), (w, h)
    if w >= h:
        size = (max_side, max(1, round(h * max_side / w)))
    else:
        size = (max(1, round(w * max_side / h)), max_side)
    return image.resize(size, resample=Image.Resampling.LANCZOS), size


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "bins": 8}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "bins": 4}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}, "bins": 16}
def gray_histogram(image: Image.Image, bins: int = 16) -> list[int]:
    gray = np.asarray(image.convert("L"))
    counts = [0] * bins
    for row in gray.tolist():
        for v in row:
            counts[v * bins // 256] += 1
    return counts


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}}
def channel_stats(image: Image.Image) -> dict[str, list[float]]:
    arr = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    flat = arr.reshape(-1, 3)
    return {"mean": flat.mean(axis=0).tolist(), "std": flat.std(axis=0).tolist(), "max": flat.max(axis=0).tolist()}


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "threshold": 100}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}, "threshold": 200}
def binary_mask(image: Image.Image, threshold: int) -> Image.Image:
    gray = np.asarray(ImageOps.grayscale(image))
    mask = np.where(gray > threshold, gray, 0)
    return Image.fromarray(mask)


# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}}
# case: {"image": {"image": {"width": 5, "height": 4, "mode": "L", "data": "IkdskbZ9qdUBLdgLPlSHM22Kp+E="}}}
def augment_views(image: Image.Image) -> list[tuple[int, int]]:
    views = [
        ImageOps.mirror(image),
        ImageOps.flip(image),
        image.transpose(Image.Transpose.ROTATE_90),
        image.transpose(Image.Transpose.TRANSPOSE),
        image.resize((image.width // 2 + 1, image.height // 2 + 1), Image.Resampling.NEAREST),
    ]
    return [v.size for v in views]


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}, "tile": 4}
# case: {"image": {"image": {"width": 6, "height": 14, "mode": "RGB", "data": "RHmuaZ7TjsP4s+gd2A1C/TJnn9QJywA19yxhI1iNT4S5XpPI+i9kLWKXYJXKdqvgqd4Tv/QpVYq/j8T5rOEWyf4zAzhtIFWKsOUa8SZbFUp/OW6jXZLHgbbrC0B1NmugYZbLjMH2t+whxfovZpvQmM0Cyv803xRJEUZ7JluQwfYr+i9kFkuAMmeca6DVh7zxHFGGXJHGf7TpotcMxfov6B1Sd6zhodYLywA19SpfH1SJSX6z0gc8AzhtNGmeSH2yea7jjcL3LWKXZZrPgLXquO0i0wg97iNYiL3yx/wx6R5TC0B1LWKXT4S54xhNDEF2NWqfXpPIh7zxsOUa"}}, "tile": 5}
def tile_crops(image: Image.Image, tile: int) -> list[list[float]]:
    out = []
    for top in range(0, image.height - tile + 1, tile):
        for left in range(0, image.width - tile + 1, tile):
            patch = image.crop((left, top, left + tile, top + tile))
            out.append((np.asarray(patch, dtype=np.float32).reshape(-1, 3).mean(axis=0) / 255.0).tolist())
    return out


# case: {"image": {"image": {"width": 12, "height": 9, "mode": "RGB", "data": "EUZ7NmugW5DFgLXqpdoPyv807yRZFEl+OW6jXpPIg7jtqN0SbKHWmM0CxPku8CVaHFGGK2CVV4zBg7jtr+QZvvMo6h9UFkuAx/wx+i9kLWKXQ3itdqvgjMH2v/Qp1Qo/CD1yHlOIUYa7Z5zRIleMXJHGea7jlssA0AU67SJXCj90J1yRYZbLfrPom9AF1Qo/fbLnvvMo4hdMBjtwKl+UToO4cqfclssAuu8k3hNIAjdsJluQ2A1CAzhtLmOYWY7DhLnuksf8vfIn6B1SE0h9PnOoTIG2d6zhM2idZZrPl8wBrOEW3hNI8yhdJVqPOm+kbKHWgbbrs+gd5RpPjsP4x/wx4xhN/zRpOG2iVIm+cKXaqd4Txfov4RZLGk+ENmug6R5TKV6TTIG2b6TZksf8teof2A1C+zBlHlOIQXarZJnOh7zx"}}}
# case: {"image": {"image": {"width": 7, "height": 6, "mode": "RGBA", "data": "M2idgFiNwv99suf/otcMAMf8Mf/sIVb/EUZ7gI7D+P+67yT/5htQgBJHfP8+c6j/TYK3AHmu4//pHlP/HFGGAE+Euf9lms//mM0CgK7jGP/hFkv/RHmugH6z6P+b0AX/uO0iAPInXP8PRHn/LGGWgJ/UCf/gFUr/BDlugChdkv9Mgbb/cKXaAJTJ/v/6L2T/JVqPAFCFuv97sOX/ptsQgLTpHv/fFEn/"}}}
def describe(image: Image.Image) -> str:
    w, h = image.size
    orientation = "landscape" if w > h else "portrait" if h > w else "square"
    return f"{image.mode} {w}x{h} {orientation}"
