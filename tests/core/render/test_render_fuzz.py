"""Random Markdown through the whole render pipeline: never a traceback, always a Rendered or the clear
RenderTooComplex, and each example in bounded time.

The text is built from Markdown's own characters (brackets, stars, quotes, list markers, backticks,
HTML tags, footnotes), Hebrew with niqqud and gershayim, long runs of one piece (where quadratic
time hides) and random nesting of lists, quotes and HTML blocks, up to ~20 KB.
KTAV_FUZZ_EXAMPLES=5000 KTAV_FUZZ_RANDOM=1 runs a longer, random search.
"""

import os

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from editor.core.errors import RenderTooComplex
from editor.core.render.pipeline import Rendered, render_markdown, render_or_explain

MAX_CHARS = 20_000

PIECES = [
    "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: ", "[^א]", "*", "**", "_", "__", "~", "`", "``", "```",
    ">", "> ", "- ", "* ", "+ ", "1. ", "#", "## ", "|", "---", "===", "\\", "&", "&amp;", "&#x5d0;",
    "<div>", "</div>", "<span>", "</span>", "<p>", "<b>", "<a href='#x'>", "</a>", "<style>", "<!--", "-->",
    "<img src=x>", "{: #x }", "{: .c }", "{: src=http://e.example/x.png }", "[TOC]", "http://example.org",
    "ktav-image:" + "ab" * 32, "שלום", "שָׁלוֹם", 'רש"י', "צ'יפס", "ו-AI", "English", "4-5", " - ", "...",
    " ", "  ", "\t", "\n", "\n\n", "    ", "\u200f", "\u202b",
]
LETTERS = "אבגדהוזחטיכלמנסעפצקרשתםןץףך" + "abcXYZ0123" + "\u05b0\u05b4\u05b7\u05b8\u05bc\u05c1"

# Repeated thousands of times: pieces that open no container; those that do, a few dozen times (past the
# nesting limit now and then, so that refusals are exercised too).
FLAT = [p for p in PIECES if not p.startswith((">", "- ", "* ", "+ ", "1. ", "<")) and p.strip()]
CONTAINERS = ["> ", ">", "- ", "* ", "1. ", "<div>", "<span>", "<b>", "    - "]

piece = st.sampled_from(PIECES)
word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
run = st.builds(lambda p, n: p * n, st.sampled_from(FLAT), st.integers(min_value=2, max_value=2000))
deep_run = st.builds(lambda p, n: p * n, st.sampled_from(CONTAINERS), st.integers(min_value=2, max_value=24))
line = st.lists(st.one_of(piece, word, piece, run, deep_run), max_size=30).map("".join)


def _nest(inner):
    blocks = st.lists(inner, min_size=1, max_size=4).map("\n\n".join)
    return st.one_of(
        blocks.map(lambda text: "\n".join("> " + row for row in text.split("\n"))),
        blocks.map(lambda text: "- " + text.replace("\n", "\n    ")),
        blocks.map(lambda text: "1. " + text.replace("\n", "\n   ")),
        blocks.map(lambda text: f"<div>\n{text}\n</div>"),
    )


block = st.recursive(line, _nest, max_leaves=12)
document = st.lists(block, max_size=12).map(lambda blocks: "\n\n".join(blocks)[:MAX_CHARS])

FUZZ = settings(
    deadline=2000,  # ms per example, generous for a loaded CI machine; the pipeline's own budget is 5 s
    max_examples=int(os.environ.get("KTAV_FUZZ_EXAMPLES", "120")),
    derandomize=not os.environ.get("KTAV_FUZZ_RANDOM"),  # the same examples on every run unless asked
    database=None,  # nothing written into the work tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.mark.slow
@FUZZ
@given(text=document, line_numbers=st.booleans())
def test_any_markdown_renders_or_is_refused_clearly(text, line_numbers):
    try:
        rendered = render_markdown(text, line_numbers=line_numbers)
    except RenderTooComplex as error:
        assert error.reason in ("too-big", "too-deep", "too-slow") and error.message and error.message_he
        event(f"refused: {error.reason}")
        return
    event("rendered")
    assert isinstance(rendered, Rendered) and isinstance(rendered.html, str)
    lowered = rendered.html.lower()
    assert "<script" not in lowered and "<style" not in lowered and "javascript:" not in lowered
    assert all(heading.id.startswith("ktav-body-") for heading in rendered.outline)
    assert rendered.word_count >= 0 and all(w.message_he for w in rendered.warnings)


@FUZZ
@given(text=st.text(max_size=3000))
def test_any_text_at_all_gives_the_preview_a_page(text):
    rendered = render_or_explain(text, line_numbers=True)
    assert isinstance(rendered.html, str)
