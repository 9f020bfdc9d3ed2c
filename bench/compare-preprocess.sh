#!/usr/bin/env bash
# Java's exact and fast preprocessing (libjpeg-turbo, then ImageIO's subsampling), then Pillow's and
# OpenCV's, on the same photos, in one run.
#   bench/compare-preprocess.sh [PYTHON] [SECONDS]
# PYTHON: an interpreter with Pillow, numpy and opencv-python-headless (default: python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${1:-python3}"
SECONDS_PER_FIGURE="${2:-8}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
"$ROOT/clipstream" bench preprocess --save-photos "$DIR" --seconds "$SECONDS_PER_FIGURE" --mode exact
"$ROOT/clipstream" bench preprocess --images "$DIR" --seconds "$SECONDS_PER_FIGURE" --mode fast
"$ROOT/clipstream" bench preprocess --images "$DIR" --seconds "$SECONDS_PER_FIGURE" --mode fast --jpeg-decoder imageio
"$PY" "$ROOT/bench/preprocess_compare.py" "$DIR" --seconds "$SECONDS_PER_FIGURE"
