"""The sentence-transformers path on the tiny NomicBERT, ModernBERT and Qwen3-Embedding fixtures,
as their model cards call it, for parity with outputs recorded by sentence-transformers."""
import numpy as np
from sentence_transformers import SentenceTransformer

nomic = SentenceTransformer("ingot-test/nomic-embed-tiny")
modernbert = SentenceTransformer("ingot-test/gte-modernbert-tiny")
qwen3 = SentenceTransformer("ingot-test/qwen3-embedding-tiny")


def nomic_normalized(texts: list[str]) -> np.ndarray:
    return nomic.encode(texts, normalize_embeddings=True)


def nomic_query(texts: list[str]) -> np.ndarray:
    return nomic.encode(texts, prompt_name="query", normalize_embeddings=True)


def nomic_raw_16(texts: list[str]) -> np.ndarray:
    return nomic.encode(texts, truncate_dim=16)


def modernbert_normalized(texts: list[str]) -> np.ndarray:
    return modernbert.encode(texts, normalize_embeddings=True)


def modernbert_raw(texts: list[str]) -> np.ndarray:
    return modernbert.encode(texts)


def modernbert_query(texts: list[str]) -> np.ndarray:
    # No prompts in its config: sentence-transformers' built-in "query" prompt is empty.
    return modernbert.encode(texts, prompt_name="query", normalize_embeddings=True)


def qwen3_query(texts: list[str]) -> np.ndarray:
    return qwen3.encode(texts, prompt_name="query")


def qwen3_documents(texts: list[str]) -> np.ndarray:
    return qwen3.encode(texts, normalize_embeddings=True)


def qwen3_raw_16(texts: list[str]) -> np.ndarray:
    return qwen3.encode(texts, truncate_dim=16)
