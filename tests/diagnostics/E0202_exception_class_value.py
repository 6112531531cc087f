def f(kind: str) -> str:
    # error: E0202
    retry_on = TimeoutError
    try:
        raise ValueError(kind)
    except ValueError as e:
        return str(e) + str(retry_on)
