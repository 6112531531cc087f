from PIL import Image


def f(image: Image.Image) -> Image.Image:
    # error: E0301
    return image.convert("CMYK")
