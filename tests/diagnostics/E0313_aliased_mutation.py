def f(rows: list[list[int]]) -> list[list[int]]:
    # error: E0313
    row = rows[0]
    rows.insert(0, [])
    row.append(5)
    return rows
