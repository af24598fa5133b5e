"""Qt pieces every window uses: the worker thread pattern and the translator."""
