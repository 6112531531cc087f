class Bert:
    def __init__(self, dim: int) -> None:
        self.dim = dim


class Gpt(Bert):
    pass


MODELS = {"bert": Bert, "gpt": Gpt}


def f(name: str) -> str:
    cls = MODELS[name]
    # error: E0209
    return f"built {cls}"
