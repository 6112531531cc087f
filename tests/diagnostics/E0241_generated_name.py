from typing import Any

from llama_cpp import Llama

model = Llama(model_path="../fixtures/chat/llama_tiny.q8_0.gguf")


def f(messages: list[dict[str, str]]) -> dict[str, Any]:
    return model.create_chat_completion(messages=messages)


# error: E0241
def ingot_chat_token_counts(messages: list[dict[str, str]], completion: str) -> list[int]:
    return [len(messages), len(completion)]
