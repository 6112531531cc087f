def f(n: int) -> list[list[int]]:
    # `* n` repeats the one inner list: CPython's change of `grid[0]` shows in every row.
    # error: E0313
    grid = [[0] * 3] * n
    grid[0][1] = 5
    return grid
