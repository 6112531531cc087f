# case: {"x": 3, "y": -1, "z": 2}
# case: {"x": 1.5, "y": 2.0, "z": 0.25}
# case: {"x": 1e308, "y": 10.0, "z": 0.0}
def fma(x: float, y: float, z: float) -> float:
    """Fused multiply-add: x * y + z."""
    return x * y + z
