"""The Qt shell of Ktav: widgets and windows that call the core."""
