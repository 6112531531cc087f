"""numpy arrays whose dtype and rank are known only at run time: .tolist() into declared and undeclared results."""
import numpy as np


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1.0, 2.0, 3.0, 4.0]}}}
# case: {"x": {"ndarray": {"dtype": "int64", "shape": [1], "data": [5]}}}
# case: {"x": {"ndarray": {"dtype": "bool", "shape": [2], "data": [true, false]}}}
def doubled(x: np.ndarray) -> list:
    return (x * 2).tolist()


# case: {"x": {"ndarray": {"dtype": "float32", "shape": [3], "data": [3.0, 1.0, 2.0]}}}
def ranking(x: np.ndarray) -> list[int]:
    return np.argsort(-x).tolist()


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1.0, 2.0, 3.0, 4.0]}}}
def summary(x: np.ndarray) -> dict:
    return {"t": x.T.tolist(), "first": float(x[0, 1]), "best": int(np.argmax(x)), "rows": len(x)}


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [2], "data": [1.5, 2.5]}}}
def as_floats(x: np.ndarray) -> list[float]:
    return x.tolist()
