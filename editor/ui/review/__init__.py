"""Review in the window: status strip, comments, history, review mode and bundles."""
