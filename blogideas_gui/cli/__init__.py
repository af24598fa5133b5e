"""The command line: the same core the window drives, no Qt."""
