"""BlogIdeas: turn a topic into blog post ideas, locally or through OpenAI."""

__version__ = "0.1.0"
