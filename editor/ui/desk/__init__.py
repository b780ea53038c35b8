"""The desk: the main window, its assembly and start-up, the interface language and remembered settings."""
