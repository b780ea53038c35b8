"""Harnesses that time the programs a writer would pick instead of Ktav, each in its own process."""
