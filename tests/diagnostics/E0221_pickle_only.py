from transformers import AutoModel

# error: E0221
model = AutoModel.from_pretrained("../fixtures/models/pickle_only")


def f(x: int) -> int:
    out = model(x)
    return x
