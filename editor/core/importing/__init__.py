"""Posts coming in: front-matter Markdown, site text, HTML pages, Word documents, pasted HTML."""
