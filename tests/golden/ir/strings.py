def f(name: str, n: int = 3) -> str:
    parts = [name.upper()[::-1] for _ in range(n)]
    return f"{n:03d}: " + ", ".join(parts)
