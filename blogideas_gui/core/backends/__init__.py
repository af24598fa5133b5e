"""Backends behind one contract (:mod:`.base`): llama.cpp and OpenAI-compatible servers.

The engines themselves (``llama_cpp``, ``openai``) are imported only inside
the backend modules, and only when a model is loaded; which backend a request
uses is chosen in :mod:`blogideas_gui.core.pipeline.factory`.
"""
