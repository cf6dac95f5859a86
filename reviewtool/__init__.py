"""reviewtool: structured evidence review that works offline and merges without loss."""

__version__ = "0.1.0"
