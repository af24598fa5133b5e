"""What the user chose: the settings file, llama.cpp load settings and API keys (keychain first)."""
