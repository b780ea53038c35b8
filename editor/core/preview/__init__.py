"""The live preview without Qt: the page it shows and the process of its own that renders it."""
