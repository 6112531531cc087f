class Ignore:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __enter__(self) -> "Ignore":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        # error: E0202
        return exc_type is not None and exc_type.__name__ == self.kind


def f(s: str) -> int:
    with Ignore("ValueError"):
        return int(s)
    return -1
