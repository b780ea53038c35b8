"""Editorial review: the status workflow, anchored comments, word diffs and review bundles."""
