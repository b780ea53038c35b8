"""Reading posts from files: front-matter Markdown, text copied from the site, HTML pages, Word documents."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from editor.core.errors import HtmlTooDeep, ImportFileError, RenderTooComplex
from editor.core.importing.front_matter import FrontMatterRefused, load_front_matter
from editor.core.importing.local_pictures import PictureProblem, bring_local_pictures
from editor.core.models import Post, Status
from editor.core.render.limits import MAX_POST_BYTES, check_render_limits

if TYPE_CHECKING:
    from editor.core.importing.foreign_html import PastedImage

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
WORD_SUFFIXES = {".docx"}
BUNDLE_SUFFIXES = {".ktav"}
SUPPORTED = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | WORD_SUFFIXES | BUNDLE_SUFFIXES
# A file bigger than this is refused before it is read (a page may carry its images inline; its post
# must still be within the render's limits once read).
MAX_FILE_BYTES = 8 * MAX_POST_BYTES
MAX_WORD_BYTES = 256 << 20  # a Word document carries its photos inside


@dataclass
class ParsedFile:
    """A post read from a file, before it reaches the library."""

    path: Path
    post: Post
    images: list[PastedImage] = field(default_factory=list)  # with bytes; the body refers to them
    problems: list[PictureProblem] = field(default_factory=list)  # pictures it names that were not brought


def read_post_file(path: Path) -> ParsedFile:
    """Parse one post file by its type; raises ImportFileError naming the file and the problem."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED - BUNDLE_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED))
        raise ImportFileError(str(path), f"unknown file type {suffix or '(none)'}; Ktav imports {kinds}",
                              f"סוג קובץ לא מוכר ({suffix or 'ללא סיומת'}); כתב מייבא {kinds}")
    if suffix in WORD_SUFFIXES:
        return _within_render_limits(parse_word_document(read_bytes(path, MAX_WORD_BYTES), path))
    text = read_text(path)
    if suffix in MARKDOWN_SUFFIXES:
        post = parse_front_matter_markdown(text, str(path))
        post.body, pictures, problems = bring_local_pictures(post.body, path)
        parsed = ParsedFile(path, post, pictures, problems)
    elif suffix in TEXT_SUFFIXES:
        parsed = ParsedFile(path, parse_site_text(text, str(path)))
    else:
        parsed = parse_html_page(text, path)
    return _within_render_limits(parsed)


def _converter(name: str):
    """The HTML or Word converter, loaded on first use: BeautifulSoup and mammoth are not needed to
    open the window, which imports this module (they cost ~0.3 s of its start-up)."""
    return importlib.import_module(f"editor.core.importing.{name}")


def _within_render_limits(parsed: ParsedFile) -> ParsedFile:
    """A post that could never be rendered is not let in."""
    try:
        check_render_limits(parsed.post.body)
    except RenderTooComplex as error:
        raise ImportFileError(str(parsed.path), error.message, error.message_he) from None
    return parsed


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a file over `limit` is refused before it is read."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # reading says what is wrong
    if size > limit:
        _refuse_size(path, size, limit)
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise ImportFileError(str(path), "no such file", "הקובץ אינו קיים") from None
    except IsADirectoryError:
        raise ImportFileError(str(path), "is a folder, not a file", "זו תיקייה ולא קובץ") from None
    except OSError as error:
        raise ImportFileError(str(path), f"cannot be read ({error.strerror})", "לא ניתן לקרוא את הקובץ") from None
    if len(data) > limit:  # it grew while being read
        _refuse_size(path, len(data), limit)
    return data


def _refuse_size(path: Path, size: int, limit: int) -> None:
    megabytes, most = size / (1024 * 1024), limit // (1024 * 1024)
    post_most = MAX_POST_BYTES / (1024 * 1024)
    raise ImportFileError(str(path), f"is {megabytes:.1f} MB; Ktav imports files of up to {most} MB "
                          f"(a post can have at most {post_most:g} MB of text)",
                          f"הקובץ גדול מדי ({megabytes:.1f} MB); כתב מייבא קבצים של עד {most} MB "
                          f"(ובפוסט עד {post_most:g} MB של טקסט)")


def read_text(path: Path) -> str:
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            str(path), f"is not UTF-8 text (invalid byte at position {error.start}); save it as UTF-8",
            f"הקובץ אינו בקידוד UTF-8 (בית לא תקין במקום {error.start}); יש לשמור אותו כ-UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- front-matter Markdown ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_TITLE = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


def parse_front_matter_markdown(text: str, name: str) -> Post:
    """A Jekyll/Hugo style file: YAML between `---` lines, then the Markdown body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        title_match = _ATX_TITLE.match(text)
        if not title_match:
            raise ImportFileError(name, "has no front matter (--- title: ... ---) and no '# title' line",
                                  "אין בקובץ כותרת: לא בפרטים שבראש הקובץ (בין שני קווי ---) ולא בשורת '# כותרת'")
        return Post(title=title_match.group(1).strip(), body=text[title_match.end():].strip("\n") + "\n")
    try:
        meta = load_front_matter(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line, line_he = (f" at line {where.line + 2}", f" בשורה {where.line + 2}") if where is not None else ("", "")
        problem = getattr(error, "problem", None) or str(error)
        detail_he = f": {error.problem_he}" if isinstance(error, FrontMatterRefused) else ""
        raise ImportFileError(name, f"front matter is not valid YAML{line}: {problem}",
                              f"לא ניתן לקרוא את הפרטים שבראש הקובץ{line_he}{detail_he}") from None
    if not isinstance(meta, dict):
        raise ImportFileError(name, "front matter must be 'key: value' lines", "הפרטים שבראש הקובץ צריכים להיות שורות של 'שם: ערך'")
    title = _text_field(meta, "title", name)
    if not title:
        raise ImportFileError(name, "front matter has no title", "בפרטים שבראש הקובץ אין כותרת (title)")
    status = meta.get("status")
    post = Post(
        title=title,
        lead=_text_field(meta, "lead", name) or _text_field(meta, "description", name),
        author=_text_field(meta, "author", name),
        date=_date_field(meta.get("date"), name),
        tags=_tags_field(meta.get("tags", meta.get("categories")), name),
        slug=_text_field(meta, "slug", name),
        body=text[match.end():].lstrip("\n"),
    )
    if status is not None:
        post.status = _status_field(status, name)
    return post


def _text_field(meta: dict, key: str, name: str) -> str:
    """A text field; a number is taken as written, anything else (a list, a date, yes/no) is refused."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ImportFileError(name, f"front matter field '{key}' must be text (found {_kind(value)})",
                              f"הפרט '{key}' שבראש הקובץ חייב להיות טקסט")
    return str(value).strip()


def _kind(value) -> str:
    if isinstance(value, bool):
        return "yes/no"
    names: dict[type, str] = {list: "a list", dict: "a set of fields"}
    return names.get(type(value), type(value).__name__)


def _date_field(value, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ImportFileError(name, f"date {value!r} is not a date (use 2023-05-14 or 14.05.2023)",
                              f"התאריך '{value}' אינו תקין (יש לכתוב 2023-05-14 או 14.05.2023)")
    return parsed


def parse_date(text: str) -> dt.date | None:
    """A date written as ISO (2019-12-23, also with a time) or as the site writes it (23.12.2019)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if match:
        day, month, year = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def _tags_field(value, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split(",") if t.strip()]
    if isinstance(value, list) and all(isinstance(t, (str, int, float)) and not isinstance(t, bool) for t in value):
        return [str(t).strip() for t in value if str(t).strip()]
    raise ImportFileError(name, "front matter 'tags' must be a list of words", "הפרט tags (תגיות) חייב להיות רשימת מילים")


def _status_field(value, name: str) -> Status:
    try:
        if not isinstance(value, str):
            raise ValueError(f"status must be one of: {', '.join(s.value for s in Status)}")
        return Status.parse(value)
    except ValueError as error:
        raise ImportFileError(name, str(error), f"סטטוס לא מוכר: {value}") from None


# -- text copied from the site ------------------------------------------------------------

_SITE_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
BACK_LINK_MARKERS = ("בחזרה לבלוג", "חזרה לבלוג")
RELATED_HEADING = "אולי יעניין אותך גם"
HEADING_MAX_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?:;…,]$")


def parse_site_text(text: str, name: str) -> Post:
    """A post copied from the website as plain text.

    The shape: a back link, the title, a lead, paragraphs (short lines without a closing
    punctuation mark are section headings), the dd.mm.yyyy date, then the related-posts block,
    which is left out. It arrives as a draft: whether it is published here is the user's choice.
    """
    blocks = [line.strip() for line in text.split("\n") if line.strip()]
    if blocks and any(marker in blocks[0] for marker in BACK_LINK_MARKERS):
        blocks = blocks[1:]
    if blocks and blocks[-1].startswith("<") and len(blocks[-1]) < 40:
        blocks = blocks[:-1]
    date = None
    body_blocks: list[str] = []
    for block in blocks:
        if block == RELATED_HEADING:
            break
        if _SITE_DATE.match(block) and date is None:
            date = parse_date(block)
            continue
        if date is not None:
            continue  # anything after the date and before the related block is page furniture
        body_blocks.append(block)
    if not body_blocks:
        raise ImportFileError(name, "holds no post text", "אין בקובץ טקסט של פוסט")
    title, rest = body_blocks[0], body_blocks[1:]
    lead = rest.pop(0) if rest and not _looks_like_heading(rest[0]) else ""
    paragraphs = [f"## {b}" if _looks_like_heading(b) else b for b in rest]
    return Post(title=title, lead=lead, date=date, body="\n\n".join(paragraphs) + "\n" if paragraphs else "")


def _looks_like_heading(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS and not _SENTENCE_END.search(line)


# -- HTML pages ---------------------------------------------------------------------------


def parse_html_page(text: str, path: Path) -> ParsedFile:
    """A post page: ours (exported by Ktav, exact through its JSON-LD) or one saved from the site.

    It arrives as a draft, like a copied text: the user chooses another status (`--status`)."""
    try:
        page = _converter("html_pages").read_page(text)
    except HtmlTooDeep as error:
        raise ImportFileError(str(path), error.message + "; save the post's own part of the page and import that",
                              error.message_he + "; כדאי לשמור רק את חלק הפוסט בעמוד ולייבא אותו") from None
    if not page.title:
        raise ImportFileError(str(path), "has no post title (no <h1> and no <title>)", "אין בעמוד כותרת (h1)")
    post = Post(title=page.title, lead=page.lead, body=page.body_markdown, author=page.author,
                date=parse_date(page.date) if page.date else None, tags=page.tags)
    return ParsedFile(path, post, page.images)


# -- Word documents -----------------------------------------------------------------------


def parse_word_document(data: bytes, path: Path) -> ParsedFile:
    """A .docx: its first heading (or first paragraph, or the file's name) is the title, a draft."""
    document = _converter("docx").read_docx(data, str(path))
    body = document.markdown + "\n" if document.markdown else ""
    return ParsedFile(path, Post(title=document.title or path.stem, body=body), document.images)
