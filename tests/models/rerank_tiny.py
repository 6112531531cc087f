# Rerankers as people write them, over the tiny random cross-encoders (tests/fixtures/models/ce_tiny, ce_tiny3),
# which tests/rerank.test.ts places in a temporary Hugging Face cache under these ids.
from typing import Union

import numpy as np
import torch
from sentence_transformers import CrossEncoder
from torch import nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer

reranker = CrossEncoder("ingot-test/ce-tiny")
nli = CrossEncoder("ingot-test/ce-tiny3")
multilingual = CrossEncoder("ingot-test/ce-xlmr-tiny")
tokenizer = AutoTokenizer.from_pretrained("ingot-test/ce-tiny")
classifier = AutoModelForSequenceClassification.from_pretrained("ingot-test/ce-tiny")


def rerank(query: str, documents: list[str]) -> np.ndarray:
    return reranker.predict([(query, d) for d in documents])


def predict_default(pairs: list[list[str]]) -> np.ndarray:
    return reranker.predict(pairs)


def predict_identity(pairs: list[list[str]]) -> np.ndarray:
    return reranker.predict(pairs, activation_fn=nn.Identity())


def predict_one(query: str, document: str) -> float:
    return float(reranker.predict((query, document)))


def predict_xlmr(pairs: list[list[str]]) -> np.ndarray:
    return multilingual.predict(pairs)


def nli_default(pairs: list[list[str]]) -> np.ndarray:
    return nli.predict(pairs)


def nli_softmax(pairs: list[list[str]]) -> np.ndarray:
    return nli.predict(pairs, apply_softmax=True)


def nli_rank(query: str, documents: list[str]) -> list[dict[str, Union[int, float]]]:
    return nli.rank(query, documents)


def rank(query: str, documents: list[str]) -> list[dict[str, Union[int, float]]]:
    return reranker.rank(query, documents)


def rank_top(query: str, documents: list[str], k: int) -> list[dict[str, Union[int, float, str]]]:
    return reranker.rank(query, documents, top_k=k, return_documents=True)


def logits_transformers(queries: list[str], documents: list[str]) -> torch.Tensor:
    with torch.no_grad():
        encoded = tokenizer(queries, documents, padding=True, truncation=True, return_tensors="pt")
        return classifier(**encoded).logits


def scores_transformers(queries: list[str], documents: list[str]) -> list[float]:
    encoded = tokenizer(queries, documents, padding=True, truncation=True, return_tensors="pt")
    logits = classifier(**encoded).logits
    return torch.sigmoid(logits).squeeze(-1).tolist()
