"""Subcommand groups mounted by ``tlsum.cli`` (each module keeps its imports light)."""
