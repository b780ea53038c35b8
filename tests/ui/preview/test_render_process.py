"""Preview rendering in a process of its own: same result as in the window's process, survives a crash."""

import os
import signal
import subprocess
import sys

import pytest

from editor.core.models import Post
from editor.core.preview.child_process import RenderProcess
from editor.core.preview.page import PreviewContext, render_preview

TEXT = 'פסקה על 4-5 יחידות ועל רש"י, with an English clause.\n\n## כותרת\n\nשָׁלוֹם'


@pytest.fixture
def process():
    renderer = RenderProcess()
    yield renderer
    renderer.close()


def test_the_child_renders_what_the_window_would(process):
    context = PreviewContext(Post(title="כותרת הפוסט"))
    result = process(TEXT, context)
    expected = render_preview(TEXT, context)
    assert result.body_html == expected.body_html
    assert result.page_html == expected.page_html
    assert result.rendered.word_count == expected.rendered.word_count


def test_a_crashed_child_costs_no_preview(process):
    context = PreviewContext(Post(title="כותרת"))
    process(TEXT, context)
    before = process.pids
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    for _ in before:
        assert 'רש"י' in process(TEXT, context).body_html  # rendered here while a new child starts
    assert set(process.pids).isdisjoint(before)
    assert len(process.pids) == len(before)
    assert 'רש"י' in process(TEXT, context).body_html


def test_the_child_loads_no_qt():
    code = ("import sys, editor.core.preview.child_process\n"
            "sys.exit(1 if [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))] else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
