"""Work that waits for the writer to pause: the related index loads between bursts of keys."""

from __future__ import annotations

import time

from editor.core.library.store import Library
from editor.core.models import Post
from editor.core.related import RelatedService
from editor.ui.writing import typing_pause
from editor.ui.writing.typing_pause import LONGEST_WAIT_S, PAUSE_S, TypingPause


def test_a_worker_waits_until_the_typing_pauses_and_never_for_ever():
    pause = TypingPause()
    started = time.monotonic()
    pause.wait()  # nobody typed
    assert time.monotonic() - started < PAUSE_S
    pause.key()
    typed = time.monotonic()
    pause.wait()
    assert time.monotonic() - typed >= PAUSE_S
    for _ in range(3):  # a writer who never pauses
        pause.key()
        started = time.monotonic()
        pause.wait()
        assert time.monotonic() - started <= LONGEST_WAIT_S + 0.5


def test_a_worker_waits_while_the_window_is_busy_and_never_for_ever(monkeypatch):
    monkeypatch.setattr(typing_pause, "LONGEST_BUSY_S", 1.0)  # a sync's bound, shortened for the test
    busy = [True]
    pause = TypingPause(busy=lambda: busy[0])
    started = time.monotonic()
    pause.wait()  # busy throughout: the bound
    assert 1.0 <= time.monotonic() - started <= 1.5
    busy[0] = False
    started = time.monotonic()
    pause.wait()
    assert time.monotonic() - started < PAUSE_S


def test_the_related_index_asks_to_pace_itself_while_it_loads_and_suggests_the_same(tmp_path):
    with Library.open(tmp_path / "library.sqlite") as library:
        for number in range(150):
            library.add_post(Post(title=f"פוסט {number} על מתמטיקה", body=f'תלמידים בנגב לומדים מתמטיקה עם רש"י. {number}'))
        library.add_post(Post(title="מרכז לילה לנערות", body="המרכז פתוח בלילות לנערות בסיכון."))
        asked = []
        paced = RelatedService(library, pace=lambda: asked.append(1))
        plain = RelatedService(library)
        assert [s.post_id for s in paced.suggestions(1, 5)] == [s.post_id for s in plain.suggestions(1, 5)]
        assert len(asked) >= 2  # every few posts, while 151 are read
