"""One Python measurement process of the encoder benchmark (bench/encoders/run.py).

    python worker.py torch MODEL_ID          # sentence-transformers on PyTorch
    python worker.py onnx MODEL_ID           # the same transformer exported with torch.onnx, on ONNX Runtime
    python worker.py onnx-int8 MODEL_ID      # that export after onnxruntime's quantize_dynamic (QInt8 weights)
    python worker.py ingot-python MODULE     # the compiled function through its generated Python package

The first stdin line is the job {"texts", "threads"}; the worker loads, runs one call and prints
{"ready", "load_s", "kernels"}. Each later line is {"batch", "iters", "set"?} (time `iters` calls of the
embedding function on `batch` texts, cycling through the texts, or the job's "<set>_texts" with "set") or {"vectors": N} (the vectors of
the first N texts, for the agreement check); the answer is one JSON line.
"""

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

kind, target = sys.argv[1], sys.argv[2]


def ort_embedder(model_id: str, threads: int, int8: bool = False):
    import onnxruntime as ort
    import torch
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(model_id, device="cpu")
    tok = st.tokenizer
    max_len = st.max_seq_length
    cache = Path(os.environ.get("BENCH_ENCODERS_ONNX_DIR", Path.home() / ".cache" / "ingot" / "bench-onnx"))
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / (model_id.replace("/", "--") + ".onnx")
    if not path.exists():
        bert = st[0].auto_model.eval()

        class Wrap(torch.nn.Module):
            # transformers 5 models take keywords only here (KNOWN.md: positional export fails).
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        enc = tok(["a sample input", "another"], padding=True, return_tensors="pt")
        args = (enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids", torch.zeros_like(enc["input_ids"])))
        torch.onnx.export(
            Wrap(bert),
            args,
            str(path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "b", 1: "s"} for n in ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    if int8:
        # ONNX Runtime's own dynamic int8: weights per tensor (QInt8), activations quantized per call (MatMulInteger).
        from onnxruntime.quantization import QuantType, quantize_dynamic

        q = path.with_suffix(".int8.onnx")
        if not q.exists():
            quantize_dynamic(str(path), str(q), weight_type=QuantType.QInt8)
        path = q
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    pooling = st[1].pooling_mode
    if pooling != "mean":
        raise SystemExit(f"onnx worker: pooling {pooling} not implemented")

    def embed(texts):
        # The same preprocessing and pooling as sentence-transformers: its tokenizer, its
        # max_seq_length, mean over the attention mask, L2 normalisation.
        enc = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="np")
        feeds = {
            "input_ids": enc["input_ids"].astype(np.int64),
            "attention_mask": enc["attention_mask"].astype(np.int64),
            "token_type_ids": enc.get("token_type_ids", np.zeros_like(enc["input_ids"])).astype(np.int64),
        }
        h = sess.run(None, feeds)[0]
        m = feeds["attention_mask"][..., None].astype(np.float32)
        e = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        return e / np.clip(np.linalg.norm(e, axis=1, keepdims=True), 1e-12, None)

    kernels = {"onnxruntime": ort.__version__, "providers": sess.get_providers(), "onnx_file": str(path)}
    return embed, kernels


def main() -> None:
    job = json.loads(sys.stdin.readline())
    texts, threads = job["texts"], job["threads"]
    t0 = time.perf_counter()
    if kind == "torch":
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        st = SentenceTransformer(target, device="cpu")

        def embed(b):
            return st.encode(b, normalize_embeddings=True, batch_size=max(len(b), 1))

        kernels = {"torch": torch.__version__, "cpu_capability": torch.backends.cpu.get_cpu_capability(), "threads": torch.get_num_threads()}
    elif kind in ("onnx", "onnx-int8"):
        import torch

        torch.set_num_threads(threads)
        embed, kernels = ort_embedder(target, threads, int8=kind == "onnx-int8")
    elif kind == "ingot-python":
        import importlib

        # This folder holds the Python sources the packages were compiled from, under the same
        # module names; the import must find the installed package, not the source.
        here = Path(__file__).resolve().parent
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
        mod = importlib.import_module(target)
        if not (Path(mod.__file__).parent / "manifest.json").exists():
            raise SystemExit(f"ingot-python: {mod.__file__} is not a generated Ingot package")

        def embed(b):
            return mod.embed(b)

        kernels = {"package": mod.__file__, "RAYON_NUM_THREADS": os.environ.get("RAYON_NUM_THREADS")}
    else:
        raise SystemExit(f"unknown worker kind {kind}")
    embed(texts[:4])
    print(json.dumps({"ready": True, "load_s": time.perf_counter() - t0, "kernels": kernels}), flush=True)
    pos = 0
    for line in sys.stdin:
        req = json.loads(line)
        if "vectors" in req:
            v = np.asarray(embed(texts[: req["vectors"]]), dtype=np.float32)
            print(json.dumps({"vectors": v.tolist()}), flush=True)
            continue
        b, times = req["batch"], []
        # {"set": "long" | "mixed"} draws from the job's long_texts or mixed_texts instead (run.py's SETS).
        pool = job.get(f"{req['set']}_texts") or texts if "set" in req else texts
        for _ in range(req["iters"]):
            chunk = [pool[(pos + k) % len(pool)] for k in range(b)]
            pos += b
            s = time.perf_counter()
            embed(chunk)
            times.append(time.perf_counter() - s)
        print(json.dumps({"times": times}), flush=True)


main()
