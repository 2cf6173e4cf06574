"""tlsum: translate a news article locally and list its summary and open questions."""

__version__ = "0.1.0"
