"""The sentence-transformers path on the tiny fixture models, for parity with recorded outputs."""
import numpy as np
from sentence_transformers import SentenceTransformer

gemma = SentenceTransformer("ingot-test/gemma-tiny")
bert = SentenceTransformer("ingot-test/bert-tiny")


def gemma_normalized(texts: list[str]) -> np.ndarray:
    return gemma.encode(texts, normalize_embeddings=True)


def gemma_raw(texts: list[str]) -> np.ndarray:
    return gemma.encode(texts)


def gemma_normalized_32(texts: list[str]) -> np.ndarray:
    return gemma.encode(texts, normalize_embeddings=True, truncate_dim=32)


def gemma_raw_16(texts: list[str]) -> np.ndarray:
    return gemma.encode(texts, truncate_dim=16)


def bert_normalized(texts: list[str]) -> np.ndarray:
    return bert.encode(texts, normalize_embeddings=True)


def bert_normalized_8(texts: list[str]) -> np.ndarray:
    return bert.encode(texts, normalize_embeddings=True, truncate_dim=8)
