"""Errors the user can act on (a bad file, a locked or read-only library) apart from our bugs."""

from __future__ import annotations

import errno


class KtavError(Exception):
    """An error caused by the environment or the input, with a message meant for the user.

    `message` is English (the command line); `message_he` is the Hebrew text the window shows.
    """

    def __init__(self, message: str, message_he: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_he = message_he or message


class ResourceMissing(KtavError):
    """A file Ktav ships with (a template, the stop words, the sample posts) is not where it was installed."""

    def __init__(self, name: str, looked_in: str) -> None:
        super().__init__(
            f"Ktav's resource {name} is missing (looked in {looked_in}); the installation is incomplete: reinstall Ktav",
            f"הקובץ {name} של כתב חסר (חיפשנו ב-{looked_in}); ההתקנה חלקית: יש להתקין את כתב מחדש",
        )
        self.name = name


class LibraryError(KtavError):
    """The library file cannot be opened, read or written."""


class LibraryReadOnlyError(LibraryError):
    """A write was attempted on a library opened read-only or on a read-only medium."""


class DiskFullError(LibraryError):
    """The disk (or the library's size limit) is full: nothing was saved."""


class PostNotFoundError(KtavError):
    """No post with the given id (or slug) is in the library."""


class ImportFileError(KtavError):
    """A file given to import cannot be read or understood."""

    def __init__(self, path: str, problem: str, problem_he: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", f"{isolate(path)}: {problem_he or problem}")
        self.path = path


class ImportConflictError(KtavError):
    """Posts being imported have addresses (slugs) already in the library, and no policy was given."""

    def __init__(self, clashes: list[str]) -> None:
        super().__init__(
            "already in the library (same address): " + ", ".join(clashes)
            + "; choose --on-conflict skip, update or copy",
            "פוסטים עם אותה כתובת כבר נמצאים בספרייה: " + ", ".join(clashes),
        )
        self.clashes = clashes


class StatusTransitionError(KtavError):
    """A move between review statuses that the workflow does not allow."""


class BundleError(KtavError):
    """A review bundle that is damaged, truncated or not from Ktav."""


class ExportError(KtavError):
    """Export failed, or the pre-publish check found errors."""


class RenderTooComplex(KtavError):
    """A post too big, too deeply nested or too slow to render; nothing of it was rendered.

    `reason` is "too-big", "too-deep" or "too-slow"; `line` the body's source line when known.
    """

    def __init__(self, message: str, message_he: str, *, reason: str, line: int | None = None) -> None:
        super().__init__(message, message_he)
        self.reason = reason
        self.line = line

    def __reduce__(self):  # crosses process boundaries (export workers, the preview's render process)
        return _rebuild_too_complex, (self.message, self.message_he, self.reason, self.line)


def _rebuild_too_complex(message: str, message_he: str, reason: str, line: int | None) -> RenderTooComplex:
    return RenderTooComplex(message, message_he, reason=reason, line=line)


class HtmlTooDeep(KtavError):
    """HTML that nests its elements deeper than any real page (converting it would recurse too far)."""

    def __init__(self, limit: int, line: int) -> None:
        super().__init__(f"the HTML nests its elements more than {limit} deep (line {line})",
                         f"ה-HTML מקונן יותר מ-{limit} רמות (שורה {line})")
        self.line = line


def isolate(text: object) -> str:
    """Latin text (a path, a file name, an address) kept in its own order inside a Hebrew sentence:
    without the isolates, its slashes and the sentence's punctuation change places."""
    return f"\u2068{text}\u2069"


# What the operating system's common refusals mean, in words a writer reads.
_OS_REASONS = {
    errno.EACCES: ("permission denied", "אין הרשאה"),
    errno.EPERM: ("not permitted", "אין הרשאה"),
    errno.ENOSPC: ("the disk is full", "הדיסק מלא"),
    errno.EDQUOT: ("the disk quota is used up", "נגמר המקום שהוקצה בדיסק"),
    errno.EROFS: ("the disk is read-only", "הדיסק לקריאה בלבד"),
    errno.ENOENT: ("not found", "לא נמצא"),
    errno.ENOTDIR: ("a part of the path is not a folder", "חלק מהנתיב אינו תיקייה"),
    errno.EISDIR: ("it is a folder", "זו תיקייה"),
    errno.EEXIST: ("it exists already", "כבר קיים"),
    errno.ENAMETOOLONG: ("the name is too long", "השם ארוך מדי"),
    errno.EIO: ("the disk could not be read or written", "שגיאה בקריאה או בכתיבה של הדיסק"),
    errno.EBUSY: ("it is in use", "בשימוש כרגע"),
}


def os_reason(error: OSError) -> tuple[str, str]:
    """(English, Hebrew) for an OSError: plain words for the common ones, the system's own
    English (isolated) for the rest."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    english = error.strerror or str(error)
    return english, f"שגיאת מערכת: {isolate(english)}"


class SpellingError(KtavError):
    """The spell check cannot start (no enchant library, no dictionary) or cannot keep a word."""


class TeamError(KtavError):
    """The team's shared library (a git repository) cannot be joined, shared or synchronized."""


class TeamUnreachableError(TeamError):
    """The team's remote cannot be reached (offline, a wrong address, no permission): the writer keeps
    working, and what is waiting goes out at the next sync."""


class NotATeamRepositoryError(TeamError):
    """The remote is not a Ktav team repository (or not an empty one, to share into); nothing was written."""
