# error: E0202
async def f(x: int) -> int:
    return x
