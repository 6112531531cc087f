"""EmbeddingGemma through sentence-transformers: the seed's case study.

With the real weights in the Hugging Face cache (google/embeddinggemma-300m), this compiles
as it is. The tests compile the same file against a tiny random-weight model of the same
architecture (tests/fixtures/models/gemma_tiny), placed in a temporary Hugging Face cache.
"""

import numpy as np
from sentence_transformers import SentenceTransformer

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

model = SentenceTransformer("google/embeddinggemma-300m")

def embed(texts: list[str], task: str = "document") -> np.ndarray:
    prompts = [TASK_PREFIX_MAP[task] + t for t in texts]
    return model.encode(prompts, normalize_embeddings=True)

def embed_small(texts: list[str], task: str = "document") -> np.ndarray:
    """Matryoshka: the first 256 dimensions, renormalised."""
    prompts = [TASK_PREFIX_MAP[task] + t for t in texts]
    return model.encode(prompts, normalize_embeddings=True, truncate_dim=256)
