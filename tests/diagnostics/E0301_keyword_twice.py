def f(line: str) -> list[str]:
    # A keyword naming a parameter a positional argument already filled (CPython: TypeError, given by name and position).
    # error: E0301
    return line.split(",", sep=";")
