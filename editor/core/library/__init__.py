"""The library: one SQLite file of posts, revisions, comments, images and settings, and its search."""
