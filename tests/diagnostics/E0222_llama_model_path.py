import os
from typing import Any

from llama_cpp import Llama

# error: E0222
model = Llama(model_path=os.environ["MODEL_PATH"], verbose=False)


def f(messages: list[dict[str, str]]) -> dict[str, Any]:
    return model.create_chat_completion(messages=messages)
