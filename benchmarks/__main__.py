"""``python -m benchmarks``: the one command that prints the table and writes JSON."""

from __future__ import annotations

import sys

from benchmarks.run import main

sys.exit(main())
