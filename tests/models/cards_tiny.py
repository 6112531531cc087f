"""The plain transformers form of each encoder as its model card writes it (e5, bge, nomic-embed,
Qwen3-Embedding, gte-modernbert), wrapped in typed functions, on the tiny fixture models.
tools/models/record_cards.py runs these same functions in CPython; tests/cards.test.ts compiles them."""
import torch
import torch.nn.functional as F
from torch import Tensor
from transformers import AutoModel, AutoTokenizer

# multilingual-e5: mean pooling by masked_fill, "query: " / "passage: " prefixes.
e5_tokenizer = AutoTokenizer.from_pretrained("ingot-test/xlmr-tiny")
e5_model = AutoModel.from_pretrained("ingot-test/xlmr-tiny")


def average_pool(last_hidden_states: Tensor, attention_mask: Tensor) -> Tensor:
    last_hidden = last_hidden_states.masked_fill(~attention_mask[..., None].bool(), 0.0)
    return last_hidden.sum(dim=1) / attention_mask.sum(dim=1)[..., None]


# case: {"input_texts": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"]}
# case: {"input_texts": ["query: how much protein should a female eat"]}
def e5_embed(input_texts: list[str]) -> list[list[float]]:
    batch_dict = e5_tokenizer(input_texts, max_length=512, padding=True, truncation=True, return_tensors="pt")
    outputs = e5_model(**batch_dict)
    embeddings = average_pool(outputs.last_hidden_state, batch_dict["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.tolist()


# case: {"queries": ["how much protein should a female eat", "summit define"], "passages": ["As a general guideline, the average protein requirement for women is 46 grams per day.", "Definition of summit: the highest point of a mountain.", ""]}
# case: {"queries": ["one"], "passages": ["two", "three"]}
def e5_scores(queries: list[str], passages: list[str]) -> list[list[float]]:
    input_texts = ["query: " + q for q in queries] + ["passage: " + p for p in passages]
    batch_dict = e5_tokenizer(input_texts, max_length=512, padding=True, truncation=True, return_tensors="pt")
    outputs = e5_model(**batch_dict)
    embeddings = average_pool(outputs.last_hidden_state, batch_dict["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    scores = (embeddings[:2] @ embeddings[2:].T) * 100
    return scores.tolist()


# bge: CLS pooling through model_output[0], then normalize.
bge_tokenizer = AutoTokenizer.from_pretrained("ingot-test/bge-tiny")
bge_model = AutoModel.from_pretrained("ingot-test/bge-tiny")
bge_model.eval()


# case: {"sentences": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"]}
# case: {"sentences": ["样例数据-1", "样例数据-2"]}
def bge_embed(sentences: list[str]) -> list[list[float]]:
    encoded_input = bge_tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        model_output = bge_model(**encoded_input)
        sentence_embeddings = model_output[0][:, 0]
    sentence_embeddings = torch.nn.functional.normalize(sentence_embeddings, p=2, dim=1)
    return sentence_embeddings.tolist()


# case: {"queries": ["What is the Red Planet?"], "passages": ["Mars is red.", "The sky is blue.", "Héllo wörld"]}
def bge_scores(queries: list[str], passages: list[str]) -> list[list[float]]:
    instruction = "Represent this sentence for searching relevant passages: "
    q_input = bge_tokenizer([instruction + q for q in queries], padding=True, truncation=True, return_tensors="pt")
    p_input = bge_tokenizer(passages, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        q_embeddings = bge_model(**q_input)[0][:, 0]
        p_embeddings = bge_model(**p_input)[0][:, 0]
    q_embeddings = torch.nn.functional.normalize(q_embeddings, p=2, dim=-1)
    p_embeddings = torch.nn.functional.normalize(p_embeddings, p=2, dim=-1)
    scores = q_embeddings @ p_embeddings.T
    return scores.tolist()


# nomic-embed-text v1.5: mean pooling, layer_norm, Matryoshka slice, normalize.
nomic_tokenizer = AutoTokenizer.from_pretrained("ingot-test/nomic-embed-tiny")
# The card also passes safe_serialization=True, which nomic's remote code ignores; transformers' own
# NomicBertModel (5.23) raises TypeError for it, and Ingot rejects it (E0240).
nomic_model = AutoModel.from_pretrained("ingot-test/nomic-embed-tiny", trust_remote_code=True)
nomic_model.eval()


def mean_pooling(model_output, attention_mask):
    token_embeddings = model_output[0]
    input_mask_expanded = attention_mask.unsqueeze(-1).expand(token_embeddings.size()).float()
    return torch.sum(token_embeddings * input_mask_expanded, 1) / torch.clamp(input_mask_expanded.sum(1), min=1e-9)


# case: {"sentences": ["search_query: What is TSNE?", "search_query: Who is Laurens van der Maaten?"]}
# case: {"sentences": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"], "matryoshka_dim": 8}
# case: {"sentences": ["search_document: a"], "matryoshka_dim": 64}
def nomic_embed(sentences: list[str], matryoshka_dim: int = 16) -> list[list[float]]:
    encoded_input = nomic_tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        model_output = nomic_model(**encoded_input)
    embeddings = mean_pooling(model_output, encoded_input["attention_mask"])
    embeddings = F.layer_norm(embeddings, normalized_shape=(embeddings.shape[1],))
    embeddings = embeddings[:, :matryoshka_dim]
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.tolist()


# Qwen3-Embedding: last-token pooling with a left-padding check, instruction prompts.
qwen_tokenizer = AutoTokenizer.from_pretrained("ingot-test/qwen3-embedding-tiny", padding_side="left")
qwen_tokenizer_right = AutoTokenizer.from_pretrained("ingot-test/qwen3-embedding-tiny", padding_side="right")
qwen_model = AutoModel.from_pretrained("ingot-test/qwen3-embedding-tiny")


def last_token_pool(last_hidden_states: Tensor, attention_mask: Tensor) -> Tensor:
    left_padding = attention_mask[:, -1].sum() == attention_mask.shape[0]
    if left_padding:
        return last_hidden_states[:, -1]
    else:
        sequence_lengths = attention_mask.sum(dim=1) - 1
        batch_size = last_hidden_states.shape[0]
        return last_hidden_states[torch.arange(batch_size, device=last_hidden_states.device), sequence_lengths]


def get_detailed_instruct(task_description: str, query: str) -> str:
    return f"Instruct: {task_description}\nQuery:{query}"


# case: {"queries": ["What is the capital of China?", "Explain gravity"], "documents": ["The capital of China is Beijing.", "Gravity is a force that attracts two bodies towards each other."]}
def qwen3_scores(queries: list[str], documents: list[str]) -> list[list[float]]:
    task = "Given a web search query, retrieve relevant passages that answer the query"
    input_texts = [get_detailed_instruct(task, q) for q in queries] + documents
    max_length = 8192
    batch_dict = qwen_tokenizer(input_texts, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    batch_dict.to(qwen_model.device)
    outputs = qwen_model(**batch_dict)
    embeddings = last_token_pool(outputs.last_hidden_state, batch_dict["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    scores = embeddings[:2] @ embeddings[2:].T
    return scores.tolist()


# case: {"input_texts": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"]}
# case: {"input_texts": ["same length", "same length"]}
def qwen3_embed_right(input_texts: list[str]) -> list[list[float]]:
    batch_dict = qwen_tokenizer_right(input_texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    outputs = qwen_model(**batch_dict)
    embeddings = last_token_pool(outputs.last_hidden_state, batch_dict["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.tolist()


# case: {"input_texts": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"]}
def qwen3_embed_left(input_texts: list[str]) -> list[list[float]]:
    batch_dict = qwen_tokenizer(input_texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    outputs = qwen_model(**batch_dict)
    embeddings = last_token_pool(outputs.last_hidden_state, batch_dict["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.tolist()


# gte-modernbert: CLS pooling; modernbert-embed: mean pooling with nomic's prefixes.
modernbert_tokenizer = AutoTokenizer.from_pretrained("ingot-test/gte-modernbert-tiny")
modernbert_model = AutoModel.from_pretrained("ingot-test/gte-modernbert-tiny")


# case: {"input_texts": ["what is the capital of China?", "how to implement quick sort in python?", "Beijing", "sorting algorithms"]}
def gte_modernbert_scores(input_texts: list[str]) -> list[list[float]]:
    batch_dict = modernbert_tokenizer(input_texts, max_length=8192, padding=True, truncation=True, return_tensors="pt")
    outputs = modernbert_model(**batch_dict)
    embeddings = outputs.last_hidden_state[:, 0]
    embeddings = F.normalize(embeddings, p=2, dim=1)
    scores = (embeddings[:1] @ embeddings[1:].T) * 100
    return scores.tolist()


# case: {"sentences": ["Which planet is known as the Red Planet?", "", "Héllo wörld — naïve café, Ünïcödé façade!", "tabs\tand\nnewlines\r\n mixed   spaces"]}
def modernbert_embed_mean(sentences: list[str]) -> list[list[float]]:
    encoded_input = modernbert_tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        model_output = modernbert_model(**encoded_input)
    embeddings = mean_pooling(model_output, encoded_input["attention_mask"])
    embeddings = F.normalize(embeddings, p=2, dim=1)
    return embeddings.tolist()


# Text pairs through a BERT model whose tokenizer (TokenizersBackend) returns no token_type_ids:
# transformers' model then reads zeros, not the pair's 0/1 segments.
# case: {"first": ["Which planet is red?", "a b"], "second": ["Mars is red.", "c"]}
def bge_pair_cls(first: list[str], second: list[str]) -> list[list[float]]:
    encoded = bge_tokenizer(first, second, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        hidden = bge_model(**encoded).last_hidden_state
    return hidden[:, 0].tolist()


# The tensors each tokenizer returns, by its model_input_names.
# case: {"texts": ["a b", "c"]}
def bert_token_types(texts: list[str]) -> list[list[int]]:
    encoded = nomic_tokenizer(texts, texts, padding=True, return_tensors="pt")
    return encoded["token_type_ids"].tolist()

