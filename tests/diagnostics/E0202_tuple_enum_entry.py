from enum import Enum


class Precision(Enum):
    FP32 = ("fp32", 4)
    FP16 = ("fp16", 2)

    def __init__(self, label: str, nbytes: int) -> None:
        self.label = label
        self.nbytes = nbytes


# error: E0202
def f(p: Precision) -> int:
    return p.nbytes
