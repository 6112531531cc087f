from PIL import Image


def f(image: Image.Image) -> Image.Image:
    # Rotating by an angle other than a right angle resamples; only Pillow's own transposes are compiled.
    # error: E0301
    return image.rotate(45)
