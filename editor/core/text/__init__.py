"""Text facts, pure and small: Hebrew normalization and direction, Markdown source lines, word count, UTF-16."""
