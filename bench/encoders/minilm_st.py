"""all-MiniLM-L6-v2 through sentence-transformers, as its model card uses it.

The function the encoder benchmark compiles with Ingot and runs beside sentence-transformers and
ONNX Runtime.
"""

import numpy as np
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")


def embed(texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True)
