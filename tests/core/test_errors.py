"""Errors a writer reads: the system's reasons in Hebrew words, paths kept in their own order."""

import errno

from editor.core.errors import isolate, os_reason


def test_common_system_refusals_have_hebrew_words():
    for number, words in [(errno.EACCES, "אין הרשאה"), (errno.ENOSPC, "הדיסק מלא"), (errno.EROFS, "לקריאה בלבד"),
                          (errno.ENOENT, "לא נמצא")]:
        english, hebrew = os_reason(OSError(number, "whatever the system says"))
        assert words in hebrew and "whatever" not in hebrew and english


def test_an_unusual_refusal_keeps_the_systems_words_isolated():
    english, hebrew = os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    assert english == "Too many levels of symbolic links"
    assert "\u2068Too many levels of symbolic links\u2069" in hebrew


def test_a_path_is_isolated():
    assert isolate("/sys/kernel") == "\u2068/sys/kernel\u2069"
