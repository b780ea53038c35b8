"""The library in the window: the post list, the post's details, related posts, importing files."""
