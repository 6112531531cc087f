from typing import Any

from llama_cpp import Llama

# error: E0221
model = Llama(model_path="../fixtures/chat/llama_tiny.q8_0.gguf", chat_format="chatml")


def f(messages: list[dict[str, str]]) -> dict[str, Any]:
    return model.create_chat_completion(messages=messages)
