"""Markdown to the post's sanitized HTML: the pipeline, its Python-Markdown extension, the preview page."""
