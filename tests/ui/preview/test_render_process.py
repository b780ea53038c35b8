"""Preview rendering in a process of its own: same result as in the window's process, survives a crash."""

import os
import signal
import subprocess
import sys

import pytest

from editor.core.child_process import TYPING_NICENESS, RenderProcess
from editor.core.models import Post
from editor.core.preview.page import PreviewContext, render_preview

TEXT = 'פסקה על 4-5 יחידות ועל רש"י, with an English clause.\n\n## כותרת\n\nשָׁלוֹם'


@pytest.fixture
def process():
    renderer = RenderProcess()
    yield renderer
    renderer.close()


def test_the_child_renders_what_the_window_would():
    rendered_here = []
    process = RenderProcess(fallback=lambda text, context: rendered_here.append(text))
    context = PreviewContext(Post(title="כותרת הפוסט"))
    try:
        result = process(TEXT, context)
    finally:
        process.close()
    assert rendered_here == [] and process.problem is None, "rendered by a child, not in this process"
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
    for render in (process, process.while_typing):  # each lane of children finds its child gone
        assert 'רש"י' in render(TEXT, context).body_html  # rendered here while a new child starts
    assert set(process.pids).isdisjoint(before)
    assert len(process.pids) == len(before)
    assert 'רש"י' in process(TEXT, context).body_html
    assert 'רש"י' in process.while_typing(TEXT, context).body_html


def test_renders_while_typing_give_way_to_the_window(process):
    """The child rendering while the writer types runs at a lower priority; the one rendering after
    a pause at the window's own."""
    if not hasattr(os, "getpriority"):
        pytest.skip("no process priorities here")
    context = PreviewContext(Post(title="כותרת"))
    process.while_typing(TEXT, context)
    process(TEXT, context)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert sorted(os.getpriority(os.PRIO_PROCESS, pid) - own for pid in process.pids) == [0, TYPING_NICENESS]


def test_the_child_loads_no_qt():
    code = ("import sys, editor.core.child_process\n"
            "sys.exit(1 if [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))] else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_a_frozen_ktav_serves_as_its_own_render_child():
    """A frozen program has no `-m`: it is started again with CHILD_ARGUMENT, which main() hands to serve()."""
    from pathlib import Path

    from editor.core.child_process import CHILD_ARGUMENT

    main = Path(__file__).resolve().parents[3] / "main.py"
    renderer = RenderProcess(children=1, command=[sys.executable, str(main), CHILD_ARGUMENT])
    try:
        context = PreviewContext(Post(title="כותרת"))
        assert renderer(TEXT, context).body_html == render_preview(TEXT, context).body_html
        assert renderer.problem is None
    finally:
        renderer.close()


def test_a_render_child_that_cannot_start_is_said_and_the_preview_renders_here(capfd):
    renderer = RenderProcess(children=2, command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    try:
        context = PreviewContext(Post(title="כותרת"))
        for _ in range(3):
            assert renderer(TEXT, context).body_html == render_preview(TEXT, context).body_html
        assert renderer.children == 0  # not started again and again
    finally:
        renderer.close()
    said = capfd.readouterr().err
    assert "render process cannot start" in said and "exit code 3" in said
    assert "done in the window's process" in renderer.problem


def test_a_crashed_child_is_said(process, capfd):
    context = PreviewContext(Post(title="כותרת"))
    process(TEXT, context)
    for pid in process.pids:
        os.kill(pid, signal.SIGKILL)
    process(TEXT, context)
    assert "render process ended (exit code -9)" in capfd.readouterr().err


def test_a_render_child_that_never_says_ready_is_stopped_and_the_preview_renders_here(capfd):
    """Another program in the child's place (an older Ktav found first, say) must not hang the preview."""
    waiting = [sys.executable, "-c", "import sys; sys.stdin.read()"]
    renderer = RenderProcess(children=1, command=waiting, start_timeout=1.0)
    try:
        context = PreviewContext(Post(title="כותרת"))
        assert renderer(TEXT, context).body_html == render_preview(TEXT, context).body_html
    finally:
        renderer.close()
    assert "render process cannot start" in capfd.readouterr().err
