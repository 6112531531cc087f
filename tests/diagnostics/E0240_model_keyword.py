from sentence_transformers import CrossEncoder

# error: E0240
reranker = CrossEncoder("cross-encoder/ms-marco-MiniLM-L6-v2", max_length=256, device="cpu")


def f(query: str, documents: list[str]) -> list[float]:
    return reranker.predict([(query, d) for d in documents]).tolist()
