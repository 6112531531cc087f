from typing import Any

from llama_cpp import Llama

model = Llama(model_path="../fixtures/chat/llama_tiny.q8_0.gguf")


def f(messages: list[dict[str, str]]) -> dict[str, Any]:
    # error: E0240
    return model.create_chat_completion(messages=messages, tools=[{"type": "function"}])
