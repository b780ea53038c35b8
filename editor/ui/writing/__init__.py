"""Writing a post: the source editor, its keys, highlighting, directions, formatting and autosave."""
