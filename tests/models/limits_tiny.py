"""A tokenizer whose model_max_length (512) exceeds its model's 64 positions (the tiny BERT fixture), in the plain
transformers form: tests/cards.test.ts checks the error for a longer input and the token counter's cut,
packages/server/test/limits.test.ts what `ingot serve` answers for one."""
import numpy as np
import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer

# `truncation=True` cuts at 512, not 64, so the model raises RuntimeError for a longer input, as PyTorch does.
bert_tokenizer = AutoTokenizer.from_pretrained("ingot-test/bert-tiny")
bert_model = AutoModel.from_pretrained("ingot-test/bert-tiny")


# case: {"sentences": ["Which planet is known as the Red Planet?"]}
# case: {"sentences": ["planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet planet"]}
def bert_cls_untruncated(sentences: list[str]) -> list[list[float]]:
    encoded = bert_tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        output = bert_model(**encoded)
    return F.normalize(output.last_hidden_state[:, 0], p=2, dim=1).tolist()


def embed(sentences: list[str]) -> np.ndarray:
    encoded = bert_tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        output = bert_model(**encoded)
    return F.normalize(output.last_hidden_state[:, 0], p=2, dim=1).numpy()
