"""The Qt layer: windows and workers. Talks to ``core``, never to the engines."""
