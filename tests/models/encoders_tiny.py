"""The architectures beyond BERT and Gemma3 on their tiny fixture models, as people write them:
sentence-transformers with literal and named prompts, and bge's transformers form (CLS + normalize)."""
import numpy as np
import torch
import torch.nn.functional as F
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoTokenizer

xlmr = SentenceTransformer("ingot-test/xlmr-tiny")
mpnet = SentenceTransformer("ingot-test/mpnet-tiny")
bge = SentenceTransformer("ingot-test/bge-tiny")
bge_tokenizer = AutoTokenizer.from_pretrained("ingot-test/bge-tiny")
bge_model = AutoModel.from_pretrained("ingot-test/bge-tiny")
xlmr_tokenizer = AutoTokenizer.from_pretrained("ingot-test/xlmr-tiny")
xlmr_model = AutoModel.from_pretrained("ingot-test/xlmr-tiny")


def xlmr_normalized(texts: list[str]) -> np.ndarray:
    return xlmr.encode(texts, normalize_embeddings=True)


def xlmr_passage(texts: list[str]) -> np.ndarray:
    return xlmr.encode(texts, prompt="passage: ", normalize_embeddings=True)


def xlmr_query(texts: list[str]) -> np.ndarray:
    return xlmr.encode(texts, prompt_name="query", normalize_embeddings=True)


def mpnet_normalized(texts: list[str]) -> np.ndarray:
    return mpnet.encode(texts, normalize_embeddings=True)


def mpnet_raw_16(texts: list[str]) -> np.ndarray:
    return mpnet.encode(texts, truncate_dim=16)


def bge_normalized(texts: list[str]) -> np.ndarray:
    return bge.encode(texts, normalize_embeddings=True)


def bge_cls_transformers(texts: list[str]) -> np.ndarray:
    encoded = bge_tokenizer(texts, padding=True, truncation=True, max_length=24, return_tensors="pt")
    with torch.no_grad():
        outputs = bge_model(**encoded)
    embeddings = outputs.last_hidden_state[:, 0]
    return F.normalize(embeddings, p=2, dim=1).numpy()


def xlmr_mean_transformers(texts: list[str]) -> np.ndarray:
    encoded = xlmr_tokenizer(texts, padding=True, truncation=True, max_length=32, return_tensors="pt")
    with torch.no_grad():
        hidden = xlmr_model(**encoded).last_hidden_state
    mask = encoded["attention_mask"].unsqueeze(-1).float()
    pooled = torch.sum(hidden * mask, dim=1) / torch.clamp(mask.sum(1), min=1e-9)
    return F.normalize(pooled, p=2, dim=1).numpy()
