"""`python -m editor`: the same as the `ktav` command."""

from editor.app import main

if __name__ == "__main__":
    raise SystemExit(main())
