"""The performance harness: the app measured against raw llama.cpp.

Run it with ``python -m benchmarks`` from the repository root; see
``benchmarks/README.md`` for what each figure means and the latest results.
"""
