"""Site settings for export: one typed table of defaults, stored in the library as `site.<key>`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from editor.core.errors import KtavError

SETTING_PREFIX = "site."

HEBREW_MONTHS = (
    "ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני",
    "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר",
)


@dataclass(frozen=True)
class SettingField:
    """One site setting as the settings form shows it (its default is in `SiteSettings`)."""

    key: str
    label: str
    label_he: str  # Latin runs inside are wrapped in LRI…PDI, so they read left to right in a Hebrew line
    choices: tuple[str, ...] = ()
    whole_number: tuple[int, int] | None = None  # a whole number within these bounds (inclusive)


SETTING_FIELDS: tuple[SettingField, ...] = (
    SettingField("site_name", "Site name", "שם האתר"),
    SettingField("blog_url", "Blog address (https://…); empty: links between exported files are relative",
                 "כתובת הבלוג (\u2066https://…\u2069); ריק: קישורים יחסיים בין הקבצים"),
    SettingField("post_url_pattern", "Post address pattern ({blog}, {slug}, {yyyy}, {mm}, {dd})",
                 "תבנית כתובת פוסט (\u2066{blog}, {slug}, {yyyy}, {mm}, {dd}\u2069)"),
    SettingField("back_link_text", "Back-link text", "טקסט הקישור חזרה לבלוג"),
    SettingField("related_heading", "Related posts heading", "כותרת הפוסטים הקשורים"),
    SettingField("read_more_text", "Read-more link text", "טקסט הקישור 'קראו עוד'"),
    SettingField("date_format", "Date format (dd, d, mm, m, yyyy, yy, MMMM)",
                 "תבנית תאריך (\u2066dd, d, mm, m, yyyy, yy, MMMM\u2069)"),
    SettingField("css_mode", "CSS: inlined in each page or linked as site.css",
                 "עיצוב העמודים: בתוך כל עמוד, או בקובץ \u2066site.css\u2069 מקושר", ("inline", "linked")),
    SettingField("image_mode", "Images: files in assets/ beside the page, or inlined in it",
                 "תמונות: קבצים בתיקייה \u2066assets\u2069 ליד העמוד, או בתוך העמוד", ("assets", "inline")),
    SettingField("templates_dir", "Folder of your own templates (empty: the built-in ones)",
                 "תיקיית תבניות משלכם (ריק: התבניות המובנות)"),
    SettingField("remote_images", "Images loaded from other sites: a warning in the pre-publish check, or an error "
                 "that blocks the export", "תמונות שנטענות מאתרים אחרים: אזהרה בבדיקה לפני פרסום, או שגיאה שעוצרת "
                 "את הייצוא", ("warn", "block")),
    SettingField("image_width", "Width of the post's column in pixels: pictures are resized to it (never enlarged)",
                 "רוחב עמודת הפוסט בפיקסלים: התמונות מוקטנות אליו (ולא מוגדלות)", whole_number=(100, 4000)),
    SettingField("image_width_2x", "Width of the sharper copy for high-density screens (usually twice the column)",
                 "רוחב העותק החד למסכים צפופים (בדרך כלל פי שניים מהעמודה)", whole_number=(100, 8000)),
    SettingField("image_format", "Pictures are written as WebP or JPEG", "התמונות נכתבות כ-\u2066WebP\u2069 או "
                 "כ-\u2066JPEG\u2069", ("webp", "jpeg")),
    SettingField("image_quality", "Picture quality, 1-100 (80: small files that look like the original)",
                 "איכות התמונות, \u20661-100\u2069 (80: קבצים קטנים שנראים כמו המקור)", whole_number=(1, 100)),
    SettingField("image_alt", "A picture without alt text (a description for blind readers): an error that blocks "
                 "the export, or a warning", "תמונה בלי טקסט חלופי (תיאור לקוראים עיוורים): שגיאה שעוצרת את הייצוא, "
                 "או אזהרה", ("block", "warn")),
)
_FIELDS_BY_KEY = {f.key: f for f in SETTING_FIELDS}


@dataclass(frozen=True)
class SiteSettings:
    """The settings export reads, with their defaults; `load_site_settings` reads the stored ones."""

    site_name: str = "הבלוג"
    blog_url: str = ""
    post_url_pattern: str = "{blog}/{slug}/"
    back_link_text: str = "< בחזרה לבלוג"
    related_heading: str = "אולי יעניין אותך גם"
    read_more_text: str = "קראו עוד"
    date_format: str = "dd.mm.yyyy"
    css_mode: str = "inline"
    image_mode: str = "assets"
    templates_dir: str = ""
    remote_images: str = "warn"
    image_width: int = 800
    image_width_2x: int = 1600
    image_format: str = "webp"
    image_quality: int = 80
    image_alt: str = "block"

    def __post_init__(self) -> None:
        for f in SETTING_FIELDS:
            value = getattr(self, f.key)
            if f.whole_number is not None:
                object.__setattr__(self, f.key, _whole_number(f, value))
            elif f.choices and value not in f.choices:
                raise SettingsError(f.key, f"must be one of {', '.join(f.choices)}",
                                    f"אחד מהערכים: {', '.join(f.choices)}")
        if "{slug}" not in self.post_url_pattern:
            raise SettingsError("post_url_pattern", "must contain {slug}", "חייבת לכלול את {slug}")
        try:
            _PLACEHOLDER.sub("x", self.post_url_pattern).format()
        except (IndexError, KeyError, ValueError):
            raise SettingsError("post_url_pattern", "has an unknown {placeholder} or a stray brace",
                                "כוללת {שדה} לא מוכר או סוגריים מסולסלים בודדים") from None
        if self.image_width_2x < self.image_width:
            raise SettingsError("image_width_2x", f"must be at least the column's width ({self.image_width})",
                                f"חייב להיות לפחות רוחב העמודה ({self.image_width})")
        object.__setattr__(self, "blog_url", self.blog_url.strip().rstrip("/"))
        if self.blog_url and not re.match(r"^https?://[^/\s]+", self.blog_url):
            raise SettingsError("blog_url", "must be an http:// or https:// address",
                                "צריכה להיות כתובת שמתחילה ב-https://")

    def replace(self, **changes) -> SiteSettings:
        return dataclasses.replace(self, **changes)

    @property
    def absolute(self) -> bool:
        """True when a blog address is set: links and canonical addresses are absolute."""
        return bool(self.blog_url)

    def post_path(self, post) -> str:
        """Where a post's page goes inside the export folder: `slug/index.html` or `slug.html`."""
        relative = self._relative_address(post, encode=False)
        return relative + "index.html" if relative.endswith("/") or not relative else relative

    def post_address(self, post, *, from_path: str = "") -> str:
        """The post's address: absolute under the blog address, else relative to `from_path`."""
        relative = self._relative_address(post, encode=True)
        if self.absolute:
            return f"{self.blog_url}/{relative}"
        return _relative_to(relative, from_path)

    def blog_address(self, *, from_path: str = "") -> str:
        """The blog index: the blog address, or the exported index.html relative to `from_path`."""
        return self.blog_url + "/" if self.absolute else _relative_to("index.html", from_path)

    def format_date(self, date: dt.date | None) -> str:
        if date is None:
            return ""
        values = {"yyyy": f"{date.year:04d}", "yy": f"{date.year % 100:02d}", "MMMM": HEBREW_MONTHS[date.month - 1],
                  "mm": f"{date.month:02d}", "m": str(date.month), "dd": f"{date.day:02d}", "d": str(date.day)}
        return _DATE_TOKEN.sub(lambda m: values[m.group(0)], self.date_format)

    def _relative_address(self, post, *, encode: bool) -> str:
        date = post.date or dt.date(1970, 1, 1)
        pattern = self.post_url_pattern
        if pattern.startswith("{blog}"):
            pattern = pattern[len("{blog}"):]
        values = {"slug": quote(post.slug, safe="") if encode else post.slug, "yyyy": f"{date.year:04d}",
                  "mm": f"{date.month:02d}", "dd": f"{date.day:02d}"}
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), pattern).lstrip("/")


_DATE_TOKEN = re.compile("yyyy|yy|MMMM|mm|m|dd|d")
_PLACEHOLDER = re.compile(r"\{(slug|yyyy|mm|dd|blog)\}")


def _relative_to(target: str, from_path: str) -> str:
    """`target` (a path from the export root) as seen from the file at `from_path`."""
    depth = len(PurePosixPath(from_path).parts) - 1 if from_path else 0
    return "../" * depth + target if (depth or target) else "./"


def _whole_number(field: SettingField, value) -> int:
    low, high = field.whole_number or (0, 0)
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise SettingsError(field.key, f"must be a whole number from {low} to {high}",
                            f"צריך להיות מספר שלם בין {low} ל-{high}")
    return number


class SettingsError(KtavError):
    """A site setting has a value export cannot use."""

    def __init__(self, key: str, problem: str, problem_he: str) -> None:
        field = _FIELDS_BY_KEY[key]
        super().__init__(f"site setting {key!r} {problem}", f"הגדרת האתר '{field.label_he}': {problem_he}")
        self.key = key


def load_site_settings(library) -> SiteSettings:
    """The library's site settings, the defaults where a setting was never stored."""
    values: dict[str, Any] = {}
    for f in SETTING_FIELDS:
        value = library.get_setting(SETTING_PREFIX + f.key, None)
        if value is not None:
            values[f.key] = value if f.whole_number is not None else str(value)
    return SiteSettings(**values)


def save_site_settings(library, settings: SiteSettings) -> None:
    """Store every site setting (one transaction)."""
    with library.transaction():
        for f in SETTING_FIELDS:
            library.set_setting(SETTING_PREFIX + f.key, getattr(settings, f.key))
