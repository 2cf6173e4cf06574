"""The version, on the ground floor: options, render, downloads and the CLI all print it."""

__version__ = "0.1.0"
