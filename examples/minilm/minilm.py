"""sentence-transformers/all-MiniLM-L6-v2, written the transformers way."""
import numpy as np
import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


class Encoder(torch.nn.Module):
    """The model wrapped so that calling it gives the token embeddings."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
encoder = Encoder(AutoModel.from_pretrained(MODEL_ID)).eval()


def mean_pooling(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).expand(token_embeddings.size()).float()
    return torch.sum(token_embeddings * mask, dim=1) / torch.clamp(mask.sum(1), min=1e-9)


@torch.inference_mode()
def embed(texts: list[str]) -> np.ndarray:
    encoded = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    token_embeddings = encoder(encoded["input_ids"], encoded["attention_mask"])
    embeddings = mean_pooling(token_embeddings, encoded["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.numpy()
