#!/usr/bin/env python3
"""Build the committed chat-model fixtures under tests/fixtures/chat/.

Input: nothing but the pinned packages of tools/chat/requirements.txt (torch, transformers,
tokenizers, safetensors, gguf, numpy) and the two real chat templates in tools/chat/templates/.
Output: tiny random-weight chat models in the Hugging Face and GGUF layouts, and what
transformers does with them (rendered prompts, prompt ids, greedy token ids, logits). The Rust
chat runtime (candle-transformers, minijinja, sampling) is tested against these files; CI never
runs this script, it only reads what it wrote.

    /work/venvs/ml/bin/python tools/chat/make_fixtures.py

Writes tests/fixtures/chat/:
  llama_tiny/      LlamaForCausalLM (hidden 64, 2 layers, 4 heads, 2 KV heads, head_dim 16, tied
                   embeddings), a SmolLM2-style byte-level BPE tokenizer (512 tokens, digits split
                   one by one, <|endoftext|> <|im_start|> <|im_end|> at ids 0 1 2), the real
                   SmolLM2-Instruct chat template, bos <|im_start|>, eos <|im_end|>
  qwen3_tiny/      Qwen3ForCausalLM (hidden 64, 2 layers, 4 heads, 2 KV heads, head_dim 32 so
                   heads*head_dim != hidden, untied lm_head, q/k norms), a Qwen-style tokenizer
                   (NFC, the Qwen split regex, specials appended after the BPE vocab, <think> and
                   </think> as non-special added tokens, config vocab padded past the tokenizer's),
                   the real Qwen3 chat template, eos [<|im_end|>, <|endoftext|>] in generation_config
  llama_tiny.f32.gguf, llama_tiny.q8_0.gguf
                   llama_tiny as llama.cpp's converter writes it (q/k rows permuted, gpt2 BPE
                   tokenizer metadata, chat template); Q8_0 quantizes every 2-D weight
  reference_llama_tiny.json, reference_qwen3_tiny.json
                   per message list: the rendered prompt, prompt ids, transformers' greedy new ids
                   (max_new_tokens=40), the logits of the first and last step, the top-2 margin per
                   step, the decoded text
  qwen2_tiny/, gemma3_tiny/, phi3_tiny/ and their .f32.gguf files
                   Qwen2, Gemma 3 (text) and Phi-3 shaped models in both layouts; the gemma3 and
                   phi3 GGUFs carry a SentencePiece vocabulary, and their folders' tokenizer.json
                   is transformers' reading of it; reference_<name>.json as above, and
                   gguf_check_<name>.json (transformers' GGUF loader reproduces the folder)
  reference_gguf_tiny.json
                   transformers' GGUF loader (from_pretrained(dir, gguf_file=...)) run greedily on
                   both GGUF files with the same prompts (llama.cpp's run of the same files is
                   llamacpp_gguf_tiny.json, written by tools/chat/record_llamacpp.py --tiny)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "chat"
TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_NEW_TOKENS = 40
MIN_TOKENS_BEFORE_EOS = 32

# The message lists every model is run on. Each exercises a different part of the templates:
# the SmolLM2 template's default system prompt, an explicit system message, earlier assistant
# turns, non-ASCII and whitespace in content, Qwen3's <think> stripping of earlier turns, and a
# template keyword argument (Qwen3's enable_thinking; the SmolLM2 template ignores it).
CASES = [
    {"name": "simple", "messages": [{"role": "user", "content": "What is the capital of France?"}]},
    {
        "name": "system",
        "messages": [
            {"role": "system", "content": "You are a terse assistant."},
            {"role": "user", "content": "Name three colors."},
        ],
    },
    {
        "name": "multi_turn",
        "messages": [
            {"role": "user", "content": "Hi!"},
            {"role": "assistant", "content": "Hello! How can I help you today?"},
            {"role": "user", "content": "Tell me a short joke about cats."},
        ],
    },
    {
        "name": "unicode",
        "messages": [
            {"role": "user", "content": "Héllo wörld — naïve café 😀 日本語, 12345 and\ttabs\nnew  lines  "}
        ],
    },
    {
        "name": "think_history",
        "messages": [
            {"role": "user", "content": "What is 2+2?"},
            {"role": "assistant", "content": "<think>\nAdd the numbers.\n</think>\n\n2+2 is 4."},
            {"role": "user", "content": "And 3+3?"},
        ],
    },
    {
        "name": "no_thinking",
        "messages": [{"role": "user", "content": "Write one sentence about the sea."}],
        "template_kwargs": {"enable_thinking": False},
    },
]

# Training text for the tiny BPE: plain English with a little punctuation and digits, plus the
# case contents, so the merges are real English merges and the prompts use them.
CORPUS = """
The quick brown fox jumps over the lazy dog. A journey of a thousand miles begins with a single step.
Hello! How can I help you today? I am a helpful assistant, and I answer questions about the world.
What is the capital of France? The capital of France is Paris. Paris is a city on the river Seine.
Name three colors: red, green and blue. The sky is blue and the grass is green in the summer.
Tell me a short joke about cats. Why did the cat sit on the computer? To keep an eye on the mouse!
The sea is deep and wide, and the waves come in and go out with the tide every day of the year.
Numbers like 1, 2, 3, 10, 42, 100 and 2024 appear in text; so do dates such as 12/06/2026.
Machine learning models read tokens, and a tokenizer splits text into tokens before the model runs.
You are a helpful AI assistant. Answer the question of the user in a short and friendly way.
Once upon a time there was a little house in the forest, and in the house lived an old man.
She said that the weather would be nice tomorrow, so we should go for a walk in the park.
Water boils at 100 degrees and freezes at 0 degrees. The earth goes around the sun in a year.
"""

LLAMA_VOCAB = 512
QWEN_BPE_VOCAB = 480
QWEN_CONFIG_VOCAB = 512


def train_bpe(style: str, vocab_size: int):
    """A byte-level BPE trained on CORPUS, pre-tokenized like SmolLM2 ("smollm") or Qwen2/3 ("qwen")."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.BPE(unk_token=None, continuing_subword_prefix="", end_of_word_suffix="", fuse_unk=False, byte_fallback=False))
    if style == "smollm":
        tok.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)]
        )
        tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
        specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    else:
        qwen_split = (
            r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
        )
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Split(Regex(qwen_split), behavior="isolated", invert=False),
                pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
            ]
        )
        tok.post_processor = processors.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
        specials = []
    tok.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    text = [CORPUS] + [m["content"] for c in CASES for m in c["messages"]]
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=[AddedToken(s, special=True, normalized=False) for s in specials],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(text, trainer=trainer)
    if style == "qwen":
        # Qwen appends its specials after the BPE vocabulary; <think> and </think> are added but not special.
        tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]])
        tok.add_tokens([AddedToken(s, special=False, normalized=False) for s in ["<think>", "</think>"]])
    return tok


def added_tokens_decoder(tok) -> dict:
    out = {}
    for i, t in sorted(tok.get_added_tokens_decoder().items()):
        out[str(i)] = {
            "content": t.content,
            "lstrip": t.lstrip,
            "normalized": t.normalized,
            "rstrip": t.rstrip,
            "single_word": t.single_word,
            "special": t.special,
        }
    return out


def write_tokenizer(folder: Path, tok, style: str, max_len: int, template: str = "qwen3.jinja") -> None:
    """tokenizer.json plus a tokenizer_config.json shaped like the real model's, chat_template inline."""
    tok.save(str(folder / "tokenizer.json"))
    if style == "smollm":
        cfg = {
            "add_prefix_space": False,
            "added_tokens_decoder": added_tokens_decoder(tok),
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "bos_token": "<|im_start|>",
            "chat_template": (TEMPLATES / "smollm2.jinja").read_text(),
            "clean_up_tokenization_spaces": False,
            "eos_token": "<|im_end|>",
            "model_max_length": max_len,
            "pad_token": "<|im_end|>",
            "tokenizer_class": "GPT2Tokenizer",
            "unk_token": "<|endoftext|>",
            "vocab_size": tok.get_vocab_size(),
        }
        special_map = {
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "bos_token": "<|im_start|>",
            "eos_token": "<|im_end|>",
            "pad_token": "<|im_end|>",
            "unk_token": "<|endoftext|>",
        }
    else:
        cfg = {
            "add_bos_token": False,
            "add_prefix_space": False,
            "added_tokens_decoder": added_tokens_decoder(tok),
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "bos_token": None,
            "chat_template": (TEMPLATES / template).read_text(),
            "clean_up_tokenization_spaces": False,
            "eos_token": "<|im_end|>",
            "errors": "replace",
            "model_max_length": max_len,
            "pad_token": "<|endoftext|>",
            "split_special_tokens": False,
            "tokenizer_class": "Qwen2Tokenizer",
            "unk_token": None,
        }
        special_map = {
            "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
            "eos_token": "<|im_end|>",
            "pad_token": "<|endoftext|>",
        }
    (folder / "tokenizer_config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    (folder / "special_tokens_map.json").write_text(json.dumps(special_map, indent=2) + "\n")


def randomize_(model: torch.nn.Module, seed: int, std: float, final_norm_scale: float = 3.0) -> None:
    """Every weight random; norm weights around 1 (so a runtime that ignores them fails).

    The final norm's weights are around `final_norm_scale` instead: that scales the logits alone
    (not the dynamics of the layers), so the greedy choice at each step wins by a margin far
    above float32 rounding and a correct runtime cannot flip a near tie.
    """
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                scale = final_norm_scale if name == "model.norm.weight" else 1.0
                p.copy_(scale * (1.0 + 0.2 * torch.randn(p.shape, generator=g)))
            else:
                p.copy_(torch.randn(p.shape, generator=g) * std)


def build_llama(folder: Path):
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    tok = train_bpe("smollm", LLAMA_VOCAB)
    assert tok.token_to_id("<|endoftext|>") == 0 and tok.token_to_id("<|im_start|>") == 1 and tok.token_to_id("<|im_end|>") == 2
    config = LlamaConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=16,
        hidden_act="silu",
        max_position_embeddings=512,
        rms_norm_eps=1e-5,
        rope_theta=100000.0,
        tie_word_embeddings=True,
        attention_bias=False,
        mlp_bias=False,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=2,
        initializer_range=0.02,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).eval()
    randomize_(model, seed=1234, std=0.15)
    gen = GenerationConfig(bos_token_id=1, eos_token_id=2, pad_token_id=2)
    return model, tok, gen


def build_qwen3(folder: Path):
    from transformers import GenerationConfig, Qwen3Config, Qwen3ForCausalLM

    tok = train_bpe("qwen", QWEN_BPE_VOCAB)
    eot, im_end = tok.token_to_id("<|endoftext|>"), tok.token_to_id("<|im_end|>")
    config = Qwen3Config(
        vocab_size=QWEN_CONFIG_VOCAB,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=32,
        hidden_act="silu",
        max_position_embeddings=512,
        rms_norm_eps=1e-6,
        rope_theta=1000000.0,
        tie_word_embeddings=False,
        attention_bias=False,
        use_sliding_window=False,
        bos_token_id=eot,
        eos_token_id=im_end,
        initializer_range=0.02,
    )
    torch.manual_seed(0)
    model = Qwen3ForCausalLM(config).eval()
    randomize_(model, seed=4321, std=0.15)
    # The rows past the tokenizer's vocabulary are padding, as in the real Qwen3 checkpoints:
    # zero them so greedy decoding never picks an id the tokenizer cannot decode.
    n = tok.get_vocab_size()
    with torch.no_grad():
        model.model.embed_tokens.weight[n:].zero_()
        model.lm_head.weight[n:].zero_()
    # Qwen3's real generation_config asks for sampling; the transformers-form call overrides it with do_sample=False.
    gen = GenerationConfig(
        bos_token_id=eot, eos_token_id=[im_end, eot], pad_token_id=eot, do_sample=True, temperature=0.6, top_k=20, top_p=0.95
    )
    return model, tok, gen


def save_hf(folder: Path, model, tok, gen, style: str, template: str = "qwen3.jinja") -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    model.save_pretrained(folder, safe_serialization=True)
    gen.save_pretrained(folder)
    legacy_rope_config(folder / "config.json")
    if style == "gguf":
        # The tokenizer is transformers' own reading of the GGUF metadata (saved by the caller).
        tok.save_pretrained(folder)
    else:
        write_tokenizer(folder, tok, style, model.config.max_position_embeddings, template)


def legacy_rope_config(path: Path) -> None:
    """Write rope_theta at the top level, as the published checkpoints' config.json files have it.

    transformers 5 saves `rope_parameters: {rope_theta, rope_type}` instead, and reads both forms;
    readers such as candle-transformers' configs know only `rope_theta` and silently default it
    (10000) when it is missing, so the fixtures use the form users download.
    """
    cfg = json.loads(path.read_text())
    rope = cfg.pop("rope_parameters", None)
    if rope is not None and "full_attention" in rope:
        # Gemma 3: one RoPE per attention kind; the published configs say rope_theta (global
        # layers) and rope_local_base_freq (sliding-window layers).
        assert all(r.get("rope_type", "default") == "default" for r in rope.values()), rope
        cfg["rope_theta"] = rope["full_attention"]["rope_theta"]
        cfg["rope_local_base_freq"] = rope["sliding_attention"]["rope_theta"]
        cfg["rope_scaling"] = None
    elif rope is not None:
        assert rope.get("rope_type", "default") == "default", rope
        cfg["rope_theta"] = rope["rope_theta"]
        cfg["rope_scaling"] = None
    path.write_text(json.dumps(dict(sorted(cfg.items())), indent=2) + "\n")


def rope_theta(cfg) -> float:
    rp = getattr(cfg, "rope_parameters", None)
    if isinstance(rp, dict) and "full_attention" in rp:
        rp = rp["full_attention"]
    return float(rp["rope_theta"]) if isinstance(rp, dict) and "rope_theta" in rp else float(cfg.rope_theta)


def floats(t: torch.Tensor) -> list[float]:
    return [float(x) for x in t.detach().to(torch.float32).reshape(-1).tolist()]


def top2_margin(logits: torch.Tensor) -> float:
    top = torch.topk(logits.to(torch.float32), 2).values
    return float(top[0] - top[1])


def render(tok, case) -> str:
    return tok.apply_chat_template(case["messages"], add_generation_prompt=True, tokenize=False, **case.get("template_kwargs", {}))


def prompt_ids_of(tok, case, rendered: str) -> list[int]:
    """The ids of the rendered prompt, checked against apply_chat_template(tokenize=True)."""
    ids = tok(rendered, add_special_tokens=False)["input_ids"]
    direct = tok.apply_chat_template(case["messages"], add_generation_prompt=True, tokenize=True, **case.get("template_kwargs", {}))
    if hasattr(direct, "keys"):
        direct = direct["input_ids"]
    if direct and isinstance(direct[0], list):
        direct = direct[0]
    assert list(direct) == ids, (case["name"], direct, ids)
    return ids


def greedy(model, prompt_ids: list[int], eos_ids: list[int], max_new_tokens: int = MAX_NEW_TOKENS) -> dict:
    """transformers' greedy generate, plus a hand-written KV-cache loop that must agree with it."""
    input_ids = torch.tensor([prompt_ids])
    with torch.no_grad():
        out = model.generate(
            input_ids,
            attention_mask=torch.ones_like(input_ids),
            max_new_tokens=max_new_tokens,
            do_sample=False,
            num_beams=1,
            output_logits=True,
            return_dict_in_generate=True,
        )
    new_ids = out.sequences[0, len(prompt_ids) :].tolist()
    logits = [l[0] for l in out.logits]
    assert len(logits) == len(new_ids)
    # Greedy means each new id is the argmax of that step's raw logits (no processor changed them).
    for step, (l, t) in enumerate(zip(logits, new_ids)):
        assert int(torch.argmax(l)) == t, ("generate is not plain argmax at step", step)
    # The hand-written loop of the transformers form, with past_key_values kept between steps.
    with torch.no_grad():
        past, ids, manual = None, input_ids, []
        for _ in range(len(new_ids)):
            o = model(input_ids=ids, past_key_values=past, use_cache=True)
            past = o.past_key_values
            nxt = int(torch.argmax(o.logits[0, -1]))
            manual.append(nxt)
            if nxt in eos_ids:
                break
            ids = torch.tensor([[nxt]])
    assert manual == new_ids, ("manual KV-cache loop differs from generate", manual, new_ids)
    eos_at = next((i for i, t in enumerate(new_ids) if t in eos_ids), None)
    return {
        "new_ids": new_ids,
        "finish_reason": "stop" if eos_at is not None else "length",
        "eos_at": eos_at,
        "margins": [round(top2_margin(l), 6) for l in logits],
        "first_logits": floats(logits[0]),
        "last_logits": floats(logits[-1]),
    }


def reference_cases(model, tok, eos_ids: list[int]) -> list[dict]:
    cases = []
    for case in CASES:
        rendered = render(tok, case)
        ids = prompt_ids_of(tok, case, rendered)
        g = greedy(model, ids, eos_ids)
        n_before_eos = g["eos_at"] if g["eos_at"] is not None else len(g["new_ids"])
        if n_before_eos < MIN_TOKENS_BEFORE_EOS:
            sys.exit(f"{case['name']}: the random model hits EOS after {n_before_eos} tokens; change the seed")
        out_ids = g["new_ids"]
        vocab_n = len(tok)
        assert all(t < vocab_n for t in out_ids), "generated an id past the tokenizer"
        cases.append(
            {
                "name": case["name"],
                "messages": case["messages"],
                "template_kwargs": case.get("template_kwargs", {}),
                "prompt": rendered,
                "prompt_ids": ids,
                **{k: g[k] for k in ("new_ids", "finish_reason", "eos_at")},
                "text": tok.decode(out_ids, skip_special_tokens=True),
                "text_with_special_tokens": tok.decode(out_ids, skip_special_tokens=False),
                "min_margin": min(g["margins"]),
                "margins": g["margins"],
                "first_logits": g["first_logits"],
                "last_logits": g["last_logits"],
            }
        )
        print(f"  {case['name']}: {len(ids)} prompt ids, {len(out_ids)} new, {len(set(out_ids))} distinct, "
              f"min margin {min(g['margins']):.4f}, eos_at {g['eos_at']}: {cases[-1]['text'][:60]!r}", file=sys.stderr)
    return cases


def versions() -> dict:
    from importlib.metadata import version

    return {name: version(name) for name in ("torch", "transformers", "tokenizers", "safetensors", "gguf", "numpy")}


def eos_list(gen) -> list[int]:
    e = gen.eos_token_id
    return list(e) if isinstance(e, (list, tuple)) else [e]


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n")


def make_hf(name: str, build, style: str, template: str = "qwen3.jinja"):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = OUT / name
    model, tok, gen = build(folder)
    built_theta = rope_theta(model.config)
    save_hf(folder, model, tok, gen, style, template)
    # Everything below reads the files back, as a user's from_pretrained(DIR) would.
    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    eos = eos_list(model.generation_config)
    assert rope_theta(model.config) == built_theta, ("config.json read back with another rope_theta", rope_theta(model.config))
    print(f"{name}: vocab {len(tok)} (config {model.config.vocab_size}), eos {eos}", file=sys.stderr)
    ref = {
        "model": name,
        "made_by": "tools/chat/make_fixtures.py",
        "versions": versions(),
        "call": f"apply_chat_template(messages, add_generation_prompt=True); generate(max_new_tokens={MAX_NEW_TOKENS}, do_sample=False)",
        "eos_token_ids": eos,
        "vocab_size": model.config.vocab_size,
        "tokenizer_size": len(tok),
        "cases": reference_cases(model, tok, eos),
    }
    write_json(OUT / f"reference_{name}.json", ref)
    return model, tok


# --- GGUF -------------------------------------------------------------------------------------


def permute_qk(w: np.ndarray, n_head: int) -> np.ndarray:
    """llama.cpp's convert_hf_to_gguf permutation: HF's rotate-half rows to GGML's interleaved pairs."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def write_gguf(path: Path, model, hf_dir: Path, qtype: str) -> None:
    import gguf

    cfg = model.config
    tj = json.loads((hf_dir / "tokenizer.json").read_text())
    tc = json.loads((hf_dir / "tokenizer_config.json").read_text())
    vocab = tj["model"]["vocab"]
    for a in tj["added_tokens"]:
        vocab[a["content"]] = a["id"]
    tokens = [None] * len(vocab)
    for t, i in vocab.items():
        tokens[i] = t
    assert None not in tokens
    special = {a["id"]: a["special"] for a in tj["added_tokens"]}
    # llama.cpp's token types: 1 normal, 3 control (special added tokens), 4 user-defined (other added tokens).
    types = [3 if special.get(i) else 4 if i in special else 1 for i in range(len(tokens))]
    merges = [m if isinstance(m, str) else " ".join(m) for m in tj["model"]["merges"]]

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_type(gguf.GGUFType.MODEL)
    w.add_name("llama_tiny")
    w.add_context_length(cfg.max_position_embeddings)
    w.add_embedding_length(cfg.hidden_size)
    w.add_block_count(cfg.num_hidden_layers)
    w.add_feed_forward_length(cfg.intermediate_size)
    w.add_head_count(cfg.num_attention_heads)
    w.add_head_count_kv(cfg.num_key_value_heads)
    w.add_rope_freq_base(rope_theta(cfg))
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    w.add_rope_dimension_count(cfg.head_dim)
    w.add_vocab_size(cfg.vocab_size)
    ftype = {"f32": gguf.LlamaFileType.ALL_F32, "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0}[qtype]
    w.add_file_type(ftype)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("smollm")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_bos_token_id(vocab[tc["bos_token"]])
    w.add_eos_token_id(vocab[tc["eos_token"]])
    w.add_unk_token_id(vocab[tc["unk_token"]])
    w.add_pad_token_id(vocab[tc["pad_token"]])
    w.add_add_bos_token(False)
    w.add_add_space_prefix(False)
    w.add_chat_template(tc["chat_template"])

    names = {
        "model.embed_tokens.weight": "token_embd.weight",
        "model.norm.weight": "output_norm.weight",
        "lm_head.weight": "output.weight",
    }
    per_layer = {
        "input_layernorm.weight": "attn_norm.weight",
        "self_attn.q_proj.weight": "attn_q.weight",
        "self_attn.k_proj.weight": "attn_k.weight",
        "self_attn.v_proj.weight": "attn_v.weight",
        "self_attn.o_proj.weight": "attn_output.weight",
        "post_attention_layernorm.weight": "ffn_norm.weight",
        "mlp.gate_proj.weight": "ffn_gate.weight",
        "mlp.up_proj.weight": "ffn_up.weight",
        "mlp.down_proj.weight": "ffn_down.weight",
    }
    sd = model.state_dict()
    for key, t in sd.items():
        if key == "lm_head.weight" and cfg.tie_word_embeddings:
            continue  # tied: llama.cpp reads the output projection from token_embd
        if key in names:
            name = names[key]
        else:
            parts = key.split(".")
            assert parts[0] == "model" and parts[1] == "layers", key
            name = f"blk.{parts[2]}.{per_layer['.'.join(parts[3:])]}"
        data = t.detach().to(torch.float32).numpy().copy()
        if key.endswith("q_proj.weight"):
            data = permute_qk(data, cfg.num_attention_heads)
        elif key.endswith("k_proj.weight"):
            data = permute_qk(data, cfg.num_key_value_heads)
        if qtype == "q8_0" and data.ndim == 2:
            q = gguf.quants.quantize(data, gguf.GGMLQuantizationType.Q8_0)
            w.add_tensor(name, q, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
        else:
            w.add_tensor(name, data)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def make_gguf(model, hf_name: str) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    hf_dir = OUT / hf_name
    hf_ref = json.loads((OUT / f"reference_{hf_name}.json").read_text())
    files = {}
    for qtype in ("f32", "q8_0"):
        path = OUT / f"{hf_name}.{qtype}.gguf"
        write_gguf(path, model, hf_dir, qtype)
        gm = AutoModelForCausalLM.from_pretrained(OUT, gguf_file=path.name, dtype=torch.float32).eval()
        tok_note = None
        try:
            gtok = AutoTokenizer.from_pretrained(OUT, gguf_file=path.name)
        except Exception as e:  # noqa: BLE001 - recorded, the HF tokenizer is the fallback
            gtok, tok_note = None, f"transformers could not build a tokenizer from the GGUF: {type(e).__name__}: {e}"
        eos = [int(hf_ref["eos_token_ids"][0])]
        cases = []
        for c in hf_ref["cases"]:
            g = greedy(gm, c["prompt_ids"], eos)
            entry = {
                "name": c["name"],
                "prompt_ids": c["prompt_ids"],
                **{k: g[k] for k in ("new_ids", "finish_reason", "eos_at")},
                "min_margin": min(g["margins"]),
                "margins": g["margins"],
                "first_logits": g["first_logits"],
                "last_logits": g["last_logits"],
                "same_new_ids_as_safetensors": g["new_ids"] == c["new_ids"],
                "max_abs_last_logits_diff_vs_safetensors": float(
                    np.max(np.abs(np.array(g["last_logits"]) - np.array(c["last_logits"])))
                ),
            }
            if gtok is not None:
                entry["gguf_tokenizer_prompt_ids"] = gtok(c["prompt"], add_special_tokens=False)["input_ids"]
                entry["gguf_tokenizer_text"] = gtok.decode(g["new_ids"], skip_special_tokens=True)
            cases.append(entry)
            entry["first_divergence_from_safetensors"] = next(
                (i for i, (a, b) in enumerate(zip(g["new_ids"], c["new_ids"])) if a != b), None
            )
            entry["max_abs_first_logits_diff_vs_safetensors"] = float(
                np.max(np.abs(np.array(g["first_logits"]) - np.array(c["first_logits"])))
            )
            print(f"  gguf {qtype} {c['name']}: same ids as safetensors {entry['same_new_ids_as_safetensors']}, "
                  f"diverges at {entry['first_divergence_from_safetensors']}, max |first dlogit| {entry['max_abs_first_logits_diff_vs_safetensors']:.2e}", file=sys.stderr)
        files[path.name] = {
            "qtype": qtype,
            "reader": "transformers from_pretrained(dir, gguf_file=...) (dequantizes to f32)",
            "tokenizer_note": tok_note,
            "cases": cases,
        }
    write_json(
        OUT / "reference_gguf_tiny.json",
        {
            "made_by": "tools/chat/make_fixtures.py",
            "versions": versions(),
            "source": hf_name,
            "note": "prompts and their ids are those of reference_" + hf_name + ".json (same cases, same order)",
            "transformers": files,
        },
    )

# --- More families: qwen2, gemma3, phi3 ---------------------------------------------------------
#
# Each is written twice, as transformers saves it and as llama.cpp's convert_hf_to_gguf.py lays
# out its architecture, and both must give transformers' greedy run. gemma3 and phi3 carry a
# SentencePiece vocabulary in the GGUF (tokenizer.ggml.model = "llama": tokens, scores, token
# types, byte pieces); their tokenizer.json is transformers' own reading of that metadata, so
# a GGUF tokenizer that reads it differently from transformers fails the prompt-id check.

FAMILY_VOCAB_PIECES = 150


def build_qwen2(folder: Path):
    """Shaped like Qwen2.5-0.5B-Instruct: q/k/v biases, tied embeddings, ChatML with a default system prompt."""
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    tok = train_bpe("qwen", QWEN_BPE_VOCAB)
    eot, im_end = tok.token_to_id("<|endoftext|>"), tok.token_to_id("<|im_end|>")
    config = Qwen2Config(
        vocab_size=tok.get_vocab_size(),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        hidden_act="silu",
        max_position_embeddings=512,
        rms_norm_eps=1e-6,
        rope_theta=1000000.0,
        tie_word_embeddings=True,
        use_sliding_window=False,
        bos_token_id=eot,
        eos_token_id=im_end,
        initializer_range=0.02,
    )
    torch.manual_seed(0)
    model = Qwen2ForCausalLM(config).eval()
    randomize_(model, seed=2024, std=0.15)
    gen = GenerationConfig(bos_token_id=eot, eos_token_id=[im_end, eot], pad_token_id=eot)
    return model, tok, gen


def spm_vocab(head: list[tuple[str, int]], tail: list[str]):
    """A SentencePiece-style vocabulary as a GGUF stores it: (tokens, scores, token types).

    `head` are the leading specials with their llama.cpp token types (2 unknown, 3 control),
    then the 256 byte pieces <0x00>..<0xFF> (type 6), then pieces learned by a BPE over
    words marked with U+2581 (printable ASCII and merges of it, so other characters such as
    'é', '日', a tab or a newline take the byte fallback), scored so that a later merge ranks
    lower, then `tail`, the chat specials (control). The training text is cut to printable
    ASCII rather than the trainer's `limit_alphabet`, which breaks frequency ties by hash
    order and so gave a different vocabulary on every run.
    """
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    t = Tokenizer(models.BPE())
    t.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    trainer = trainers.BpeTrainer(vocab_size=FAMILY_VOCAB_PIECES, min_frequency=2, show_progress=False)
    text = [CORPUS] + [m["content"] for c in CASES for m in c["messages"]]
    t.train_from_iterator(["".join(ch for ch in x if " " <= ch <= "~") for x in text], trainer=trainer)
    pieces = [p for p, _ in sorted(t.get_vocab().items(), key=lambda kv: kv[1])]
    tokens = [h for h, _ in head] + [f"<0x{b:02X}>" for b in range(256)] + pieces + list(tail)
    assert len(set(tokens)) == len(tokens)
    scores = [0.0] * (len(head) + 256) + [-float(i) for i in range(len(pieces))] + [0.0] * len(tail)
    types = [ty for _, ty in head] + [6] * 256 + [1] * len(pieces) + [3] * len(tail)
    return tokens, scores, types


def build_gemma3(vocab_size: int, ids: dict):
    """Gemma3ForCausalLM (text), shaped like Gemma 3 270M/1B: 6 layers, the 6th global and the
    others sliding-window (16 positions) with their own RoPE base (10000, which llama.cpp assumes), q/k norms,
    four norms per layer, (1 + w) norms, tied embeddings scaled by sqrt(hidden), 4 heads of 16
    over a hidden size of 32 (heads * head_dim != hidden), one KV head."""
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig, GenerationConfig

    config = Gemma3TextConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=6,
        num_attention_heads=4,
        num_key_value_heads=1,
        head_dim=16,
        hidden_activation="gelu_pytorch_tanh",
        max_position_embeddings=512,
        rms_norm_eps=1e-6,
        rope_parameters={
            "full_attention": {"rope_type": "default", "rope_theta": 1000000.0},
            "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0},
        },
        query_pre_attn_scalar=16,
        # Shorter than every prompt, so the window applies to the prompt and to each step.
        sliding_window=16,
        final_logit_softcapping=None,
        attn_logit_softcapping=None,
        tie_word_embeddings=True,
        attention_bias=False,
        pad_token_id=ids["<pad>"],
        bos_token_id=ids["<bos>"],
        eos_token_id=[ids["<eos>"], ids["<end_of_turn>"]],
    )
    torch.manual_seed(0)
    model = Gemma3ForCausalLM(config).eval()
    # Gemma's norms scale by (1 + w): weights around 0 keep the
    # effective scales near those of the other families; the final one, around 31, scales the
    # logits alone, so that greedy choices win by margins far above float32 rounding (the tied
    # embedding is small, and so are raw logits). The embedding is scaled by
    # sqrt(hidden) on the way in, so it is drawn small; with larger values it swamps the
    # residual stream and the greedy run repeats one token.
    g = torch.Generator().manual_seed(3003)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                centre = 30.0 if name == "model.norm.weight" else 0.0
                p.copy_(centre + 0.2 * torch.randn(p.shape, generator=g))
            else:
                std = 0.05 if name == "model.embed_tokens.weight" else 1.0
                p.copy_(torch.randn(p.shape, generator=g) * std)
    gen = GenerationConfig(bos_token_id=ids["<bos>"], eos_token_id=[ids["<eos>"], ids["<end_of_turn>"]], pad_token_id=ids["<pad>"])
    return model, gen


def build_phi3(vocab_size: int, ids: dict):
    """Phi3ForCausalLM, shaped like Phi-3-mini: fused qkv_proj and gate_up_proj, untied lm_head,
    full attention (no sliding window), the Llama 2 SentencePiece vocabulary's layout."""
    from transformers import GenerationConfig, Phi3Config, Phi3ForCausalLM

    config = Phi3Config(
        vocab_size=vocab_size,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        hidden_act="silu",
        max_position_embeddings=512,
        original_max_position_embeddings=512,
        rms_norm_eps=1e-5,
        rope_parameters={"rope_type": "default", "rope_theta": 10000.0},
        sliding_window=None,
        tie_word_embeddings=False,
        bos_token_id=ids["<s>"],
        eos_token_id=[ids["<|endoftext|>"], ids["<|end|>"]],
        pad_token_id=ids["<|endoftext|>"],
    )
    torch.manual_seed(0)
    model = Phi3ForCausalLM(config).eval()
    randomize_(model, seed=1618, std=0.15)
    gen = GenerationConfig(bos_token_id=ids["<s>"], eos_token_id=[ids["<|endoftext|>"], ids["<|end|>"]], pad_token_id=ids["<|endoftext|>"])
    return model, gen


# convert_hf_to_gguf.py's tensor names (gguf-py's TensorNameMap), per architecture.
GGUF_LAYER_NAMES = {
    "qwen2": {
        "input_layernorm": "attn_norm",
        "self_attn.q_proj": "attn_q",
        "self_attn.k_proj": "attn_k",
        "self_attn.v_proj": "attn_v",
        "self_attn.o_proj": "attn_output",
        "post_attention_layernorm": "ffn_norm",
        "mlp.gate_proj": "ffn_gate",
        "mlp.up_proj": "ffn_up",
        "mlp.down_proj": "ffn_down",
    },
    "gemma3": {
        "input_layernorm": "attn_norm",
        "self_attn.q_proj": "attn_q",
        "self_attn.k_proj": "attn_k",
        "self_attn.v_proj": "attn_v",
        "self_attn.o_proj": "attn_output",
        "self_attn.q_norm": "attn_q_norm",
        "self_attn.k_norm": "attn_k_norm",
        "post_attention_layernorm": "post_attention_norm",
        "pre_feedforward_layernorm": "ffn_norm",
        "post_feedforward_layernorm": "post_ffw_norm",
        "mlp.gate_proj": "ffn_gate",
        "mlp.up_proj": "ffn_up",
        "mlp.down_proj": "ffn_down",
    },
    "phi3": {
        "input_layernorm": "attn_norm",
        "self_attn.qkv_proj": "attn_qkv",
        "self_attn.o_proj": "attn_output",
        "post_attention_layernorm": "ffn_norm",
        "mlp.gate_up_proj": "ffn_up",
        "mlp.down_proj": "ffn_down",
    },
}


def write_family_gguf(path: Path, arch: str, model, tokenizer) -> None:
    """One float32 GGUF laid out as convert_hf_to_gguf.py writes `arch`.

    None of these architectures has its q/k rows permuted (llama.cpp runs them with NeoX-style
    RoPE, which is transformers' rotate-half layout); Gemma's (1 + w) norms are stored as 1 + w;
    tied embeddings leave out output.weight. `tokenizer(w)` adds the tokenizer metadata.
    """
    import gguf

    cfg = model.config
    head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
    w = gguf.GGUFWriter(str(path), arch)
    w.add_type(gguf.GGUFType.MODEL)
    w.add_name(path.name.split(".")[0])
    w.add_context_length(cfg.max_position_embeddings)
    w.add_embedding_length(cfg.hidden_size)
    w.add_block_count(cfg.num_hidden_layers)
    w.add_feed_forward_length(cfg.intermediate_size)
    w.add_head_count(cfg.num_attention_heads)
    w.add_head_count_kv(cfg.num_key_value_heads)
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    w.add_rope_freq_base(rope_theta(cfg))
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    if arch == "gemma3":
        # Gemma3Model.set_gguf_parameters: key/value lengths and the sliding window; the local
        # RoPE base (10000) and the 5:1 sliding pattern are llama.cpp's built-in assumptions.
        w.add_key_length(head_dim)
        w.add_value_length(head_dim)
        w.add_sliding_window(cfg.sliding_window)
        rp = cfg.rope_parameters
        assert rp["sliding_attention"]["rope_theta"] == 10000.0
        assert cfg.layer_types == ["sliding_attention" if (i + 1) % 6 else "full_attention" for i in range(cfg.num_hidden_layers)]
    elif arch == "phi3":
        # Phi3MiniModel.set_gguf_parameters.
        w.add_rope_scaling_orig_ctx_len(cfg.original_max_position_embeddings)
        w.add_rope_dimension_count(head_dim)
        w.add_sliding_window(cfg.sliding_window or 0)
    tokenizer(w)
    layer_names = GGUF_LAYER_NAMES[arch]
    for key, t in model.state_dict().items():
        if key == "lm_head.weight" and cfg.tie_word_embeddings:
            continue
        data = t.detach().to(torch.float32).numpy().copy()
        if arch == "gemma3" and key.endswith("norm.weight"):
            data = data + 1.0  # Gemma3Model.modify_tensors: norm_shift
        if key == "model.embed_tokens.weight":
            name = "token_embd.weight"
        elif key == "model.norm.weight":
            name = "output_norm.weight"
        elif key == "lm_head.weight":
            name = "output.weight"
        else:
            parts = key.split(".")
            assert parts[:2] == ["model", "layers"], key
            module, kind = ".".join(parts[3:-1]), parts[-1]
            name = f"blk.{parts[2]}.{layer_names[module]}.{kind}"
        w.add_tensor(name, data)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def gpt2_tokenizer_metadata(hf_dir: Path, pre: str):
    tj = json.loads((hf_dir / "tokenizer.json").read_text())
    tc = json.loads((hf_dir / "tokenizer_config.json").read_text())
    vocab = dict(tj["model"]["vocab"])
    for a in tj["added_tokens"]:
        vocab[a["content"]] = a["id"]
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    assert [vocab[t] for t in tokens] == list(range(len(tokens)))
    special = {a["id"]: a["special"] for a in tj["added_tokens"]}
    types = [3 if special.get(i) else 4 if i in special else 1 for i in range(len(tokens))]
    merges = [m if isinstance(m, str) else " ".join(m) for m in tj["model"]["merges"]]

    def add(w) -> None:
        w.add_tokenizer_model("gpt2")
        w.add_tokenizer_pre(pre)
        w.add_token_list(tokens)
        w.add_token_types(types)
        w.add_token_merges(merges)
        w.add_eos_token_id(vocab[tc["eos_token"]])
        w.add_pad_token_id(vocab[tc["pad_token"]])
        w.add_bos_token_id(vocab["<|endoftext|>"])
        w.add_add_bos_token(False)
        w.add_chat_template(tc["chat_template"])

    return add


def spm_tokenizer_metadata(tokens, scores, types, ids: dict, add_bos: bool, add_space_prefix: bool, eot: str, template: str):
    def add(w) -> None:
        w.add_tokenizer_model("llama")
        w.add_tokenizer_pre("default")
        w.add_token_list(tokens)
        w.add_token_scores(scores)
        w.add_token_types(types)
        w.add_bos_token_id(ids["bos"])
        w.add_eos_token_id(ids["eos"])
        w.add_unk_token_id(ids["unk"])
        w.add_pad_token_id(ids["pad"])
        w.add_eot_token_id(tokens.index(eot))
        w.add_add_bos_token(add_bos)
        w.add_add_eos_token(False)
        w.add_add_space_prefix(add_space_prefix)
        w.add_chat_template((TEMPLATES / template).read_text())

    return add


def ref_head_dim(name: str) -> int:
    return int(json.loads((OUT / name / "config.json").read_text())["head_dim"])


def check_gguf_against_reference(name: str, arch: str) -> dict:
    """transformers' GGUF loader (a reader that is not ours) on the GGUF must give the safetensors
    reference: the same tokenizer ids, the same greedy ids, logits to float32 rounding."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = OUT / f"{name}.f32.gguf"
    ref = json.loads((OUT / f"reference_{name}.json").read_text())
    # A Gemma 3 GGUF does not store query_pre_attn_scalar: llama.cpp (and candle) scale by
    # 1/sqrt(key_length), transformers' GGUF reader assumes 256 (the real models' head_dim).
    # The tiny model's head_dim is 16, so that reader is told the value llama.cpp uses.
    extra = {"query_pre_attn_scalar": ref_head_dim(name)} if arch == "gemma3" else {}
    gm = AutoModelForCausalLM.from_pretrained(OUT, gguf_file=path.name, dtype=torch.float32, **extra).eval()
    gtok = AutoTokenizer.from_pretrained(OUT, gguf_file=path.name)
    out = []
    for c in ref["cases"]:
        ids = gtok(c["prompt"], add_special_tokens=False)["input_ids"]
        assert ids == c["prompt_ids"], (name, c["name"], "GGUF tokenizer ids", ids, c["prompt_ids"])
        g = greedy(gm, c["prompt_ids"], ref["eos_token_ids"])
        d = float(np.max(np.abs(np.array(g["last_logits"]) - np.array(c["last_logits"]))))
        assert g["new_ids"] == c["new_ids"] and d < 1e-4, (name, c["name"], g["new_ids"], c["new_ids"], d)
        out.append({"name": c["name"], "same_prompt_ids": True, "same_new_ids": True, "max_abs_last_logits_diff": d})
        print(f"  gguf {name} {c['name']}: transformers' GGUF reader agrees, max |last dlogit| {d:.2e}", file=sys.stderr)
    return {"file": path.name, "architecture": arch, "reader": "transformers from_pretrained(dir, gguf_file=...)", "cases": out}


def make_qwen2() -> dict:
    name = "qwen2_tiny"
    model, _ = make_hf(name, build_qwen2, "qwen", "qwen2.jinja")
    write_family_gguf(OUT / f"{name}.f32.gguf", "qwen2", model, gpt2_tokenizer_metadata(OUT / name, "qwen2"))
    return check_gguf_against_reference(name, "qwen2")


def make_spm_family(name: str, arch: str) -> dict:
    """gemma3 or phi3: the GGUF first (its tokenizer is the source), then the transformers
    folder with transformers' reading of that tokenizer, then the references."""
    from transformers import AutoTokenizer

    if arch == "gemma3":
        head = [("<pad>", 3), ("<eos>", 3), ("<bos>", 3), ("<unk>", 2)]
        tail = ["<start_of_turn>", "<end_of_turn>"]
        tokens, scores, types = spm_vocab(head, tail)
        ids = {t: i for i, t in enumerate(tokens)}
        model, gen = build_gemma3(len(tokens), ids)
        meta = spm_tokenizer_metadata(
            tokens, scores, types, {"bos": ids["<bos>"], "eos": ids["<eos>"], "unk": ids["<unk>"], "pad": ids["<pad>"]},
            add_bos=True, add_space_prefix=False, eot="<end_of_turn>", template="gemma3.jinja",
        )
    else:
        head = [("<unk>", 2), ("<s>", 3), ("</s>", 3)]
        tail = ["<|endoftext|>", "<|assistant|>", "<|end|>", "<|system|>", "<|user|>"]
        tokens, scores, types = spm_vocab(head, tail)
        ids = {t: i for i, t in enumerate(tokens)}
        model, gen = build_phi3(len(tokens), ids)
        meta = spm_tokenizer_metadata(
            tokens, scores, types, {"bos": ids["<s>"], "eos": ids["<|endoftext|>"], "unk": ids["<unk>"], "pad": ids["<|endoftext|>"]},
            add_bos=False, add_space_prefix=True, eot="<|end|>", template="phi3.jinja",
        )
    gguf_path = OUT / f"{name}.f32.gguf"
    write_family_gguf(gguf_path, arch, model, meta)
    tok = AutoTokenizer.from_pretrained(OUT, gguf_file=gguf_path.name)
    assert tok.chat_template, "the GGUF's chat template did not reach the tokenizer"
    make_hf(name, lambda _folder: (model, tok, gen), "gguf")
    return check_gguf_against_reference(name, arch)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["llama", "qwen3", "gguf", "qwen2", "gemma3", "phi3"], action="append")
    args = ap.parse_args()
    only = set(args.only or ["llama", "qwen3", "gguf", "qwen2", "gemma3", "phi3"])
    OUT.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    llama = None
    if "llama" in only or "gguf" in only:
        llama, _ = make_hf("llama_tiny", build_llama, "smollm")
    if "qwen3" in only:
        make_hf("qwen3_tiny", build_qwen3, "qwen")
    if "gguf" in only:
        make_gguf(llama, "llama_tiny")
    families = {}
    if "qwen2" in only:
        families["qwen2_tiny"] = make_qwen2()
    if "gemma3" in only:
        families["gemma3_tiny"] = make_spm_family("gemma3_tiny", "gemma3")
    if "phi3" in only:
        families["phi3_tiny"] = make_spm_family("phi3_tiny", "phi3")
    for name, check in families.items():
        write_json(OUT / f"gguf_check_{name}.json", {"made_by": "tools/chat/make_fixtures.py", "versions": versions(), **check})


if __name__ == "__main__":
    main()
