"""What is asked and what comes back: requests, role prompts, presets, templates, idea parsing."""
