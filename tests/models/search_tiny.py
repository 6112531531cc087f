# Retrieve-then-rerank as one compiled function: embed the query and the corpus (a bi-encoder), take the top-k by
# cosine similarity, rerank those with a cross-encoder, and return the best with their corpus positions. Over the tiny
# random models (tests/fixtures/models/bert_tiny and ce_tiny) that tests/rerank.test.ts places in a temporary Hugging
# Face cache; tools/models/make_cross_encoder.py runs this same file with sentence-transformers for the reference.
from typing import Union

import numpy as np
from sentence_transformers import CrossEncoder, SentenceTransformer

embedder = SentenceTransformer("ingot-test/bert-tiny")
reranker = CrossEncoder("ingot-test/ce-tiny")


def search(query: str, corpus: list[str], top_k: int = 4, top_n: int = 2) -> list[dict[str, Union[int, float, str]]]:
    q = embedder.encode([query], normalize_embeddings=True)
    docs = embedder.encode(corpus, normalize_embeddings=True)
    similarity = docs @ q[0]
    candidates = [int(i) for i in np.argsort(-similarity)[:top_k]]
    hits = reranker.rank(query, [corpus[i] for i in candidates], top_k=top_n, return_documents=True)
    return [{"corpus_id": candidates[int(h["corpus_id"])], "score": float(h["score"]), "text": str(h["text"])} for h in hits]
