def fma(x: float, y: float, z: float) -> float:
    """Fused multiply-add: x * y + z."""
    return x * y + z
