"""Running one request against a backend: events, results and the stream's pacing."""
