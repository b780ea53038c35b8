"""The team's shared library on git: the repository format, merges, commits and syncs (no Qt)."""
