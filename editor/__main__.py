"""`python -m editor`: the same as the `ktav` command."""

from editor.app import run

if __name__ == "__main__":
    run()
