"""EmbeddingGemma-300m's architecture through sentence-transformers, as its model card uses it for documents.

The function the encoder benchmark compiles with Ingot and runs beside sentence-transformers. The weights are random
with the real shapes and the real gemma3 tokenizer (tools/models/make_gemma_bench_model.py puts them in the Hugging
Face cache under this id): the hub's weights are gated, and speed does not depend on weight values.
"""

import numpy as np
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("ingot-bench/embeddinggemma-300m-shape-random")


def embed(texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True)
