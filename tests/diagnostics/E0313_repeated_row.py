def f(n: int) -> list[list[int]]:
    row = [0] * 3
    # Every item of `grid` is the one list `row`: CPython's change of `grid[0]` shows in every row.
    # error: E0313
    grid = [row for _ in range(n)]
    grid[0][1] = 5
    return grid

