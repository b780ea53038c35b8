"""Work split with a forked copy of the process: the same answers as alone, even when the copy dies."""

from __future__ import annotations

import os
import signal

import pytest

from editor.core import forked

pytestmark = pytest.mark.skipif(not forked.can_fork() or not os.path.isdir("/proc/self/task"),
                                reason="this system cannot fork, or lists no child processes")


def _squares(numbers: list[int]) -> list[int]:
    return [n * n for n in numbers]


def test_both_halves_are_worked_out_and_the_second_in_another_process():
    parent = os.getpid()
    here, there = forked.in_two(lambda part: (os.getpid(), _squares(part)), [1, 2, 3], [4, 5])
    assert here == (parent, [1, 4, 9])
    assert there[1] == [16, 25] and there[0] != parent


def test_a_copy_killed_outright_leaves_its_half_to_this_process():
    parent = os.getpid()

    def work(part: list[int]) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # a real kill, as the out-of-memory killer does
        return _squares(part)

    assert forked.in_two(work, [1, 2], [3, 4]) == ([1, 4], [9, 16])


def test_an_answer_too_big_for_the_pipe_comes_back_whole():
    here, there = forked.in_two(lambda part: [str(n) * 50 for n in part], list(range(10)), list(range(20_000)))
    assert there == [str(n) * 50 for n in range(20_000)] and len(here) == 10


def test_an_error_here_is_raised_and_the_copy_does_not_outlive_it():
    parent = os.getpid()

    def work(part: list[int]) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("here")
        signal.pause()  # the copy would wait forever: it must be killed
        return part

    before = _children()
    with pytest.raises(ValueError, match="here"):
        forked.in_two(work, [1], [2])
    assert _children() == before  # no child left behind


def _children() -> set[int]:
    """This process's child processes, as Linux lists them."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children", encoding="ascii") as listed:
            found.update(int(pid) for pid in listed.read().split())
    return found


def test_a_copy_that_never_answers_is_killed_and_its_half_worked_out_here(monkeypatch):
    monkeypatch.setattr(forked, "MIN_PATIENCE_S", 0.5)
    parent = os.getpid()
    before = _children()

    def work(part: list[int]) -> list[int]:
        if os.getpid() != parent:
            signal.pause()  # stuck, as on a lock a thread of the parent held when it forked
        return _squares(part)

    assert forked.in_two(work, [1], [2, 3]) == ([1], [4, 9])
    assert _children() == before
