from transformers import AutoModel

# error: E0220
model = AutoModel.from_pretrained("no-such-org/no-such-model")


def f(x: int) -> int:
    out = model(x)
    return x
