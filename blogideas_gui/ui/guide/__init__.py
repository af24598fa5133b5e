"""The first-run guide and its connection check."""
