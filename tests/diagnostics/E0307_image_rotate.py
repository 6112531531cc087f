from PIL import Image


def f(image: Image.Image) -> Image.Image:
    # error: E0307
    return image.rotate(45)
