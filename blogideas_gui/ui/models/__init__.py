"""The model manager: catalog downloads, installed models, llama.cpp load settings."""
