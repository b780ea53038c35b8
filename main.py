"""Entry point: python main.py [--db PATH] [command ...]."""

from editor.app import main

if __name__ == "__main__":
    raise SystemExit(main())
