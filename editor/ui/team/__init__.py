"""The team library in the window: join, share, sync (off the UI thread) and its status-bar indicator."""
