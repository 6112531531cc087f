class Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.read = 0

    def rows(self):
        for line in self.lines:
            self.read += 1
            yield line.split(",")


def f(lines: list[str]) -> int:
    r = Reader(lines)
    # error: E0202
    rows = list(r.rows())
    return len(rows) + r.read
