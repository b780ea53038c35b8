"""Prints how long each hostile input of issue 11 takes to render (or to be refused), and to import.

Each render is timed once, in this process, wall-clock (the slow ones are slow by orders of magnitude,
not by percent). The outcome is the HTML's size, or the reason the render refused the post.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from editor.core.errors import ImportFileError, RenderTooComplex
from editor.core.importing.readers import read_post_file
from editor.core.render.pipeline import render_markdown

RENDERED = {
    '"- " x 10,000 (lists in lists)': "- " * 10_000 + "x",
    '"*" x 10,000': "*" * 10_000,
    '"* " x 10,000 (lists in lists)': "* " * 10_000 + "x",
    '">" x 10,000': ">" * 10_000,
    "10,000 nested <div>": "<div>" * 10_000 + "x" + "</div>" * 10_000,
    '10 KB of "["': "[" * 10_000,
    '20 KB of "["': "[" * 20_000,
    '"[](" x 5,000': "[](" * 5_000,
    "40 KB self-referencing footnote": "טקסט[^1]\n\n[^1]: " + "ראו[^1] " * 5_000,
    "10,000 identical headings": "## סיכום\n\nפסקה.\n\n" * 10_000,
    "10,000 heading lines in one block": "# סיכום\n" * 10_000,
    '"-\\n" x 10,000 (setext lines, one block)': "-\n" * 10_000,
    '"<a " x 5,000': "<a " * 5_000,
    "3 MB post": "מילה " * 350_000,
    "50 MB post": "מילה " * 6_000_000,
}


def _outcome(work) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        result = work()
        outcome = f"rendered, {len(result.html):,} characters of HTML" if hasattr(result, "html") else "imported"
    except RenderTooComplex as error:
        outcome = f"refused: {error.reason}"
    except ImportFileError as error:
        outcome = f"refused: {error.message.split(': ', 1)[1][:60]}"
    return time.perf_counter() - start, outcome


def main() -> None:
    render_markdown("חימום")  # builds the Markdown instance
    print(f"{'input':44} {'size':>9} {'seconds':>8}  outcome")
    for name, text in RENDERED.items():
        seconds, outcome = _outcome(lambda text=text: render_markdown(text))
        print(f"{name:44} {len(text.encode()):>9,} {seconds:>8.3f}  {outcome}")
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "import: 50 MB Markdown file": ("big.md", "---\ntitle: גדול\n---\n" + "מילה " * 6_000_000),
            "import: 3 MB Markdown file": ("three.md", "---\ntitle: גדול\n---\n" + "מילה " * 350_000),
            "import: HTML, 10,000 nested <div>": ("deep.html", "<html><title>עמוק</title><body><article>"
                                                  + "<div>" * 10_000 + "טקסט" + "</div>" * 10_000 + "</article>"),
        }
        for name, (file_name, text) in files.items():
            path = Path(folder) / file_name
            path.write_text(text, encoding="utf-8")
            seconds, outcome = _outcome(lambda path=path: read_post_file(path))
            print(f"{name:44} {path.stat().st_size:>9,} {seconds:>8.3f}  {outcome}")


if __name__ == "__main__":
    main()
