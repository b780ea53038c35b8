"""Shared pieces of the export tests: a small library of Hebrew posts and a real PNG."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from editor.core.library.store import Library
from editor.core.models import Post, Status


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid PNG of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))


MAIN_BODY = """## איך זה התחיל

לפני שנתיים פתחנו כיתה של 4-5 יחידות במתמטיקה, בשיתוף קרן רש"י ועמותת Data for Good.

The Social Finance Israel team joined us in the second year and measured the outcomes.

## מה למדנו

קבוצות קטנות של 4-5 תלמידים עבדו טוב יותר מכיתה שלמה.

```python
print("שלום")
```
"""


def add_post(library: Library, title: str, *, body: str = "פסקה אחת של טקסט.", lead: str = "פתיח קצר.",
             date: dt.date | None = dt.date(2019, 12, 23), status: Status = Status.APPROVED,
             tags: list[str] | None = None) -> Post:
    post = library.add_post(Post(title=title, body=body, lead=lead, date=date, tags=tags or []))
    if status is not Status.DRAFT:
        post = library.set_status(post.id, status)
    return post


def small_library(path: Path) -> tuple[Library, Post, list[Post]]:
    """A main post with three chosen related posts, all approved or published."""
    library = Library.open(path)
    related = [
        add_post(library, "ביקור בית בשמונה בערב", lead="יום עבודה אחד עם עובדת סוציאלית.",
                 date=dt.date(2024, 2, 29), status=Status.PUBLISHED),
        add_post(library, "לרשויות המקומיות חשיבות עצומה", lead="הרשות המקומית מכירה את התושבים.",
                 date=dt.date(2024, 2, 26)),
        add_post(library, "צעירים במצוקה: איך בונים חוסן", lead="מה מסייע לשמור על חוסן נפשי.",
                 date=dt.date(2024, 1, 4)),
    ]
    main = add_post(library, 'חדשנות חברתית הלכה למעשה: אג"ח חברתי', body=MAIN_BODY,
                    lead="מה הופך ארגון חברתי לחדשני, ולמה צריך חדשנות חברתית?", tags=["חדשנות", "אימפקט"])
    library.set_related_choices(main.id, [p.id for p in related])
    return library, library.get_post(main.id), related
