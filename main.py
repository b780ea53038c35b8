"""Entry point: python main.py [--db PATH] [command ...]."""

from editor.app import run

if __name__ == "__main__":
    run()
