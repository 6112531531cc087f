from PIL import Image


def f(image: Image.Image, side: float) -> Image.Image:
    # error: E0301
    return image.resize((side, side))
