class BatchError(Exception):
    def __init__(self, *parts: str) -> None:
        super().__init__(" ".join(parts))


def f(kind: str) -> str:
    # error: E0202
    exc_cls = BatchError
    try:
        raise exc_cls("bad", kind)
    except BatchError as e:
        return str(e)
