#!/usr/bin/env python3
"""One llama-cpp-python measurement process for bench/chat/run.py.

The protocol (bench/chat/run.py): the first stdin line is the job ({"model", "max_tokens",
"threads"}); the worker loads the model and prints {"ready", "load_s", "kernels"}. Then each
stdin line is a request ({"name", "messages"}) and the worker prints one JSON line with its
measurements; it exits at the end of stdin. Each request is what a user of the issue's
llama-cpp-python form runs: create_chat_completion(messages, stream=True), greedy
(temperature=0), from an empty KV cache (reset() first, so no prompt prefix is reused).
"""
from __future__ import annotations

import json
import sys
import time


def main() -> None:
    job = json.loads(sys.stdin.readline())
    t0 = time.perf_counter()
    import llama_cpp
    from llama_cpp import Llama

    llm = Llama(
        model_path=job["model"],
        n_ctx=2048,
        n_threads=job["threads"],
        n_threads_batch=job["threads"],
        verbose=False,
        seed=0,
    )
    load_s = time.perf_counter() - t0

    def one(messages, max_tokens: int) -> dict:
        llm.reset()
        llama_cpp.llama_perf_context_reset(llm.ctx)
        start = time.perf_counter()
        first, pieces = None, []
        for chunk in llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True):
            if first is None:
                first = time.perf_counter()
            pieces.append(chunk["choices"][0]["delta"].get("content") or "")
        end = time.perf_counter()
        perf = llama_cpp.llama_perf_context(llm.ctx)
        # llama.cpp evaluates every generated token but the last, so the decode steps after the
        # first token are n_eval and the generated count is n_eval + 1.
        return {
            "prompt_tokens": int(perf.n_p_eval),
            "gen_tokens": int(perf.n_eval) + 1,
            "decode_steps_after_first": int(perf.n_eval),
            "ttft_s": first - start,
            "total_s": end - start,
            "internal_prompt_ms": perf.t_p_eval_ms,
            "internal_decode_ms": perf.t_eval_ms,
            "text": "".join(pieces),
        }

    print(json.dumps({"ready": True, "backend": "llama.cpp", "load_s": load_s, "kernels": kernels(llm)}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        print(json.dumps({"name": req["name"], **one(req["messages"], req.get("max_tokens") or job["max_tokens"])}), flush=True)


def kernels(llm) -> dict:
    import llama_cpp

    meta = llm.metadata
    return {
        "llama_cpp_python": llama_cpp.__version__,
        "system_info": llama_cpp.llama_print_system_info().decode().strip(),
        "file_type": meta.get("general.file_type"),
        "threads": llm.context_params.n_threads,
    }


if __name__ == "__main__":
    main()
