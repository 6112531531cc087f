def f(n: int) -> dict[str, list[int]]:
    items: list[int] = []
    # `result["items"]` is this same list in Python, so appending to `items` changes it; the compiled dict holds a copy.
    # error: E0313
    result = {"items": items}
    for i in range(n):
        items.append(i)
    return result
