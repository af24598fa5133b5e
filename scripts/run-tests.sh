#!/usr/bin/env bash
# Set up (first time only), then lint, type-check, check the layering and run
# every test (GUI tests offscreen, real model, real loopback servers).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/pytest "$@"
