#!/usr/bin/env python3
"""Record what transformers' `model.generate(...)` does with each tiny folder's generation_config.json.

Input: the tiny transformers folders under tests/fixtures/chat/ (written by make_fixtures.py) and
the calls listed in CALLS below, each a keyword-argument text as a user writes it in
`model.generate(input_ids, <kwargs>)`. Output: tests/fixtures/chat/generate_calls.json: for each
folder, the settings transformers resolved from its generation_config.json, and per call either the
ids `generate` returned (prompt included) or the exception it raised. tests/chat.test.ts compiles
the same keyword text into a function and compares. A call that samples with more than one
candidate token cannot be recorded (torch's RNG stream is not Ingot's); such calls are listed
with `"samples": true` and checked for determinism and spread there instead.

    /work/venvs/ml/bin/python tools/chat/record_generate.py
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "chat"

MESSAGES = [{"role": "user", "content": "What is the capital of France?"}]

# Keyword texts; `input_ids` and `ref` (the folder's greedy new ids for 40 tokens) are in scope.
CALLS = [
    ("defaults", ""),
    ("max_new_tokens", "max_new_tokens=12"),
    ("do_sample_false", "max_new_tokens=12, do_sample=False"),
    ("top_k_1", "max_new_tokens=12, top_k=1"),
    ("sample_top_k_1", "max_new_tokens=12, do_sample=True, top_k=1, temperature=0.5"),
    ("max_length", "max_length=input_ids.shape[1] + 7, top_k=1"),
    ("max_length_too_short", "max_length=input_ids.shape[1], do_sample=False"),
    ("eos_int", "max_new_tokens=40, do_sample=False, eos_token_id=ref[4]"),
    ("eos_list", "max_new_tokens=40, do_sample=False, eos_token_id=[ref[9], ref[6]]"),
    ("repetition_penalty", "max_new_tokens=24, do_sample=False, repetition_penalty=1.5"),
    ("max_new_tokens_zero", "max_new_tokens=0"),
    ("temperature_zero", "max_new_tokens=4, do_sample=True, temperature=0.0"),
]

RESOLVED = ["do_sample", "temperature", "top_k", "top_p", "repetition_penalty", "max_length", "max_new_tokens",
            "eos_token_id", "bos_token_id", "pad_token_id"]


def record(name: str) -> dict:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = FIXTURES / name
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    input_ids = tok.apply_chat_template(MESSAGES, add_generation_prompt=True, return_tensors="pt", return_dict=False)
    if not isinstance(input_ids, torch.Tensor):
        input_ids = input_ids["input_ids"]
    with torch.no_grad():
        full = model.generate(input_ids, max_new_tokens=40, do_sample=False)
    ref = full[0, input_ids.shape[1]:].tolist()
    gc = model.generation_config
    out = {"resolved": {k: getattr(gc, k, None) for k in RESOLVED}, "prompt_ids": input_ids[0].tolist(), "calls": []}
    for call_name, text in CALLS:
        kwargs = eval(f"dict({text})", {}, {"input_ids": input_ids, "ref": ref})
        # The call's keywords merged over the folder's settings, as generate merges them.
        merged = gc.to_dict()
        merged.update(kwargs)
        # Sampling with more than one candidate draws from torch's RNG, which Ingot's stream does not reproduce; a
        # non-positive temperature raises before any draw, so that outcome is recorded.
        samples = bool(merged.get("do_sample")) and (merged.get("top_k") or 50) != 1 and merged.get("temperature", 1.0) > 0
        entry = {"name": call_name, "kwargs": text, "samples": samples}
        # Without attention_mask=, transformers masks prompt tokens equal to a pad id that ends no sequence; Ingot
        # attends to every prompt token and raises NotImplementedError there instead (the test expects that).
        eos = merged.get("eos_token_id")
        eos = [] if eos is None else list(eos) if isinstance(eos, (list, tuple)) else [eos]
        pad = merged.get("pad_token_id")
        entry["inferred_mask"] = (
            "attention_mask" not in kwargs and pad is not None and pad not in eos and pad in input_ids[0].tolist()
        )
        try:
            with torch.no_grad():
                ids = model.generate(input_ids, **kwargs)
            if not samples:
                entry["ids"] = ids[0].tolist()
        except Exception as e:  # noqa: BLE001 - the exception is what is recorded; it comes before any draw
            entry["error"] = {"type": type(e).__name__, "message": str(e)}
        out["calls"].append(entry)
        print(f"{name} {call_name}: {entry.get('ids', entry.get('error', 'samples'))}", file=sys.stderr)
    return out


def main() -> None:
    from importlib.metadata import version

    doc = {
        "made_by": "tools/chat/record_generate.py",
        "versions": {p: version(p) for p in ("torch", "transformers")},
        "messages": MESSAGES,
        "models": {name: record(name) for name in ("llama_tiny", "qwen3_tiny")},
    }
    (FIXTURES / "generate_calls.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
