"""Sample content: the welcome post of a new library and the sample posts a user can load."""

from __future__ import annotations

from pathlib import Path

from editor.core import resources
from editor.core.errors import ResourceMissing
from editor.core.importing.into_library import ImportReport, OnConflict, import_files
from editor.core.library.store import Library
from editor.core.models import Post, Status

SAMPLES = "samples"
WELCOME_SLUG = "ברוכים-הבאים-לכתב"

WELCOME_BODY = """\
כתב הוא שולחן הכתיבה של הבלוג: כאן כותבים, עורכים ומפרסמים פוסטים בעברית.

## איך כותבים

כותבים ב-Markdown: מימין העורך ומשמאלו התצוגה המקדימה, בדיוק כפי שהפוסט ייראה באתר.
כל פסקה מקבלת את הכיוון של הטקסט שלה: פסקה בעברית מיושרת לימין, ופסקה באנגלית לשמאל.

An English paragraph, like this one, reads from left to right.

- **מודגש** עם Ctrl+B, *נטוי* עם Ctrl+I, קישור עם Ctrl+K;
- כותרת עם `##` בתחילת השורה;
- ראשי תיבות כמו רש"י או אג"ח נשארים כפי שנכתבו.

## שום מילה לא הולכת לאיבוד

הטקסט נשמר מעצמו שנייה אחרי שמפסיקים להקליד, וכל שמירה מפורשת או שינוי סטטוס נרשמים כגרסה
שאפשר לחזור אליה.

## מה עוד אפשר לעשות

1. לטעון את פוסטי הדוגמה ולנסות את החיפוש, הפוסטים הקשורים והייצוא;
2. לשלוח טיוטה לעריכה ולקבל הערות על פסקאות;
3. לייצא עמוד HTML מוכן להעלאה לאתר.
"""


def ensure_welcome_post(library: Library) -> Post:
    """The short Hebrew welcome post a new default library starts with."""
    existing = library.post_by_slug(WELCOME_SLUG)
    if existing is not None:
        return existing
    return library.add_post(Post(
        title="ברוכים הבאים לכתב",
        lead="כמה מילים על שולחן הכתיבה החדש: כותבים, עורכים ומפרסמים — הכול בעברית, גם בלי רשת.",
        body=WELCOME_BODY, slug=WELCOME_SLUG, tags=["כתב", "מדריך"], status=Status.DRAFT,
    ))


def sample_paths() -> list[Path]:
    """The sample posts Ktav ships with; none found is an incomplete installation (ResourceMissing)."""
    found = sorted(resources.path(SAMPLES).glob("*.md"))
    if not found:
        raise ResourceMissing(f"{SAMPLES}/*.md", str(resources.path(SAMPLES)))
    return found


def import_samples(library: Library) -> ImportReport:
    """Load the sample posts as published posts; samples already loaded are left as they are."""
    return import_files(library, sample_paths(), status=Status.PUBLISHED, on_conflict=OnConflict.SKIP)
