"""EmbeddingGemma with transformers only: the embeddings of embed.py, every step written out.

sentence-transformers runs EmbeddingGemma as five modules (modules.json): the Gemma3 encoder,
mean pooling, two Dense layers (2_Dense: 768 -> 3072, 3_Dense: 3072 -> 768, no bias, identity
activation) and Normalize. Here the encoder is AutoTokenizer + AutoModel, the pooling is torch,
and the Dense weights are read from the model folder's safetensors files and applied with
F.linear. The results match SentenceTransformer(...).encode(prompts, normalize_embeddings=True).

With the real weights in the Hugging Face cache (google/embeddinggemma-300m), this compiles as
it is. The tests compile it against a tiny random-weight model of the same architecture
(tests/fixtures/models/gemma_tiny) and compare with this file run by transformers.
"""

import numpy as np
import torch
import torch.nn.functional as F
from huggingface_hub import hf_hub_download
from safetensors.torch import load_file
from transformers import AutoModel, AutoTokenizer

MODEL_ID = "google/embeddinggemma-300m"

TASK_PREFIX_MAP = {
    "search result": "task: search result | query: ",
    "question answering": "task: question answering | query: ",
    "fact checking": "task: fact checking | query: ",
    "classification": "task: classification | query: ",
    "clustering": "task: clustering | query: ",
    "semantic similarity": "task: sentence similarity | query: ",
    "code retrieval": "task: code retrieval | query: ",
    "document": "title: none | text: ",
}

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModel.from_pretrained(MODEL_ID).eval()
# sentence-transformers' Dense modules store their weight as "linear.weight", [out, in].
dense1 = load_file(hf_hub_download(MODEL_ID, "2_Dense/model.safetensors"))["linear.weight"]
dense2 = load_file(hf_hub_download(MODEL_ID, "3_Dense/model.safetensors"))["linear.weight"]


def _mean_pooling(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).float()
    return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)


@torch.inference_mode()
def _encode(texts: list[str], task: str) -> torch.Tensor:
    prompts = [TASK_PREFIX_MAP[task] + t for t in texts]
    encoded = tokenizer(prompts, padding=True, truncation=True, return_tensors="pt")
    hidden = model(**encoded).last_hidden_state
    pooled = _mean_pooling(hidden, encoded["attention_mask"])
    return F.linear(F.linear(pooled, dense1), dense2)


def embed(texts: list[str], task: str = "document") -> np.ndarray:
    return F.normalize(_encode(texts, task), p=2, dim=1).numpy()


def embed_truncated(texts: list[str], dim: int = 256, task: str = "document") -> np.ndarray:
    """Matryoshka: the first `dim` dimensions (EmbeddingGemma is trained for 512, 256, 128), renormalised."""
    embeddings = _encode(texts, task)[:, :dim]
    return F.normalize(embeddings, p=2, dim=-1).numpy()
