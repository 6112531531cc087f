from urllib.parse import urlsplit


def f(urls: list[str]) -> str:
    parts = [urlsplit(u) for u in urls]
    # error: E0301
    return str(parts)
