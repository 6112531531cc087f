# A search service's reranker as sentence-transformers' docs write it: `CrossEncoder.rank` returned as is. The
# manifest gives it the rerank role (its `ranked` entry), so `ingot serve` answers /v1/rerank with it
# (packages/server/test/rerankRank.test.ts, over the tiny cross-encoder tests/fixtures/models/ce_tiny).
from typing import Union

from sentence_transformers import CrossEncoder

model = CrossEncoder("ingot-test/ce-tiny")


def rank(query: str, documents: list[str]) -> list[dict[str, Union[int, float]]]:
    return model.rank(query, documents)
