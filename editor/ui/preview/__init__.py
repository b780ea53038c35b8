"""The live preview: the page as the site will show it, rendered off the UI thread."""
