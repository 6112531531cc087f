"""XLM-RoBERTa's tokenizer returns no token_type_ids (its model_input_names): reading them is a KeyError in Python
and a compile diagnostic in Ingot. tests/cards.test.ts checks both."""
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("ingot-test/xlmr-tiny")


# case: {"texts": ["query: a", "passage: b"]}
def token_types(texts: list[str]) -> list[list[int]]:
    encoded = tokenizer(texts, padding=True, return_tensors="pt")
    return encoded["token_type_ids"].tolist()
