"""Local models: the curated catalog, what fits this machine, downloads from the hub, installed models."""
