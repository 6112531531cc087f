import io
from contextlib import redirect_stdout


def show(x: int) -> None:
    print(x)


def f(x: int) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        # error: E0202
        show(x)
    return buf.getvalue()
