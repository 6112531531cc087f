#!/usr/bin/env python3
"""One transformers (PyTorch) measurement process for bench/chat/run.py.

The protocol is worker_llamacpp.py's ("model" is the GGUF file). transformers loads the GGUF
with from_pretrained(dir, gguf_file=...), which dequantizes every weight to float32, so this side
computes in f32. Each request is the issue's
transformers form: apply_chat_template(add_generation_prompt=True) then generate(do_sample=False),
with a streamer that notes when the first new token arrives.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    job = json.loads(sys.stdin.readline())
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    t0 = time.perf_counter()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.generation.streamers import BaseStreamer

    torch.set_num_threads(job["threads"])
    path = Path(job["model"])
    tok = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32).eval()
    load_s = time.perf_counter() - t0

    class FirstToken(BaseStreamer):
        """generate() puts the prompt first, then each new token; remember when the first new one came."""

        def __init__(self) -> None:
            self.calls, self.first = 0, None

        def put(self, value) -> None:
            self.calls += 1
            if self.calls == 2:
                self.first = time.perf_counter()

        def end(self) -> None:
            pass

    def one(messages, max_tokens: int) -> dict:
        start = time.perf_counter()
        enc = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        streamer = FirstToken()
        with torch.no_grad():
            out = model.generate(
                enc["input_ids"],
                attention_mask=enc["attention_mask"],
                max_new_tokens=max_tokens,
                do_sample=False,
                streamer=streamer,
            )
        n_prompt = enc["input_ids"].shape[1]
        new = out[0, n_prompt:]
        text = tok.decode(new, skip_special_tokens=True)
        end = time.perf_counter()
        return {
            "prompt_tokens": int(n_prompt),
            "gen_tokens": int(new.shape[0]),
            "decode_steps_after_first": int(new.shape[0]) - 1,
            "ttft_s": streamer.first - start,
            "total_s": end - start,
            "text": text,
        }

    print(json.dumps({"ready": True, "backend": "transformers", "load_s": load_s, "kernels": kernels(model)}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        print(json.dumps({"name": req["name"], **one(req["messages"], req.get("max_tokens") or job["max_tokens"])}), flush=True)


def kernels(model) -> dict:
    import torch
    import transformers

    cfg = torch.__config__.show()
    return {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "mkl": torch.backends.mkl.is_available(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "build": [w.strip(",") for w in cfg.split() if w.startswith(("BLAS_INFO=", "LAPACK_INFO=", "USE_MKLDNN=", "USE_OPENMP="))],
        "threads": torch.get_num_threads(),
        "dtype": str(next(model.parameters()).dtype),
        "attn_implementation": getattr(model.config, "_attn_implementation", None),
    }


if __name__ == "__main__":
    main()
