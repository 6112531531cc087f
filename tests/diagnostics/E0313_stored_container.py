def f(n: int) -> list[list[int]]:
    grid = []
    row = [0] * n
    # error: E0313
    grid.append(row)
    row[0] = 1
    return grid
