#!/usr/bin/env bash
# Set up (first time only) and open BlogIdeas, ready to generate offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/blogideas "$@"
