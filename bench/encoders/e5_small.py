"""multilingual-e5-small through sentence-transformers, as its model card uses it.

The function the encoder benchmark compiles with Ingot and runs beside sentence-transformers and
ONNX Runtime. The texts carry e5's "query: " / "passage: " prefixes already.
"""

import numpy as np
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("intfloat/multilingual-e5-small")


def embed(texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True)
