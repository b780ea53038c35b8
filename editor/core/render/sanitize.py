"""The HTML allow-list of a post and the nh3 sanitizer that enforces it."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3
from pygments.token import STANDARD_TYPES

URL_SCHEMES = frozenset({"http", "https", "mailto", "ktav-image"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
EXTERNAL_LINK_REL = "noopener noreferrer"

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "p", "div", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption",
}  # fmt: skip
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var", "wbr",
}  # fmt: skip
ALLOWED_TAGS = frozenset(_BLOCKS | _INLINE)
# Removed together with everything inside them (not only the tag).
CONTENT_DROPPED_TAGS = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "embed"}
)

_EVERYWHERE = {"dir", "title", "lang"}
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: frozenset(_EVERYWHERE | extra)
    for tag, extra in {
        **{h: {"id", "data-line"} for h in _HEADINGS},
        **{t: {"data-line"} for t in ("p", "blockquote", "ul", "dl", "hr", "table", "figure")},
        "div": {"class", "id", "data-line"},
        "pre": {"class", "data-line"},
        "code": {"class"},
        "span": {"class"},
        "ol": {"start", "data-line"},
        "li": {"id", "class"},
        "sup": {"id", "class"},
        "a": {"href", "class", "id"},
        "img": {"src", "alt", "width", "height"},
        "th": {"align", "colspan", "rowspan"},
        "td": {"align", "colspan", "rowspan"},
        "abbr": set(),
    }.items()
}
for _tag in ALLOWED_TAGS - ALLOWED_ATTRIBUTES.keys():
    ALLOWED_ATTRIBUTES[_tag] = frozenset(_EVERYWHERE)
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "xlink:href"})

# A post lives inside the site's page: its ids (headings, footnotes, a writer's own) all start with
# this, and so do the links to them, so none can take an id of the page (its related block, a site
# template's header). A page's own ids never start with it.
BODY_ID_PREFIX = "ktav-body-"
# The classes our pipeline gives (code highlighting, footnotes, the [TOC] block); any other class,
# typed by the writer (`class="site-header"`, `{: .ktav-related }`), would take the page's styles.
PIPELINE_CLASSES = frozenset(
    {"codehilite", "hll", "footnote", "footnote-ref", "footnote-backref", "toc"} | set(STANDARD_TYPES.values())
) - {""}
CODE_LANGUAGE_CLASS = "language-"  # fenced code's language (`language-python`), kept as written


def body_id(value: str) -> str:
    """An id of the post body as the page carries it."""
    return value if value.startswith(BODY_ID_PREFIX) else BODY_ID_PREFIX + value


def _keep_pipeline_classes(tag: str, name: str, value: str) -> str | None:
    if name != "class":
        return value
    kept = [c for c in value.split() if c in PIPELINE_CLASSES or c.startswith(CODE_LANGUAGE_CLASS)]
    return " ".join(kept) if kept else None


def _to_body_ids(url: str) -> str:
    """A link to a place in the post (`#סיכום`, `#fn:1`) follows its id's prefix; others stay."""
    if url.startswith("#") and len(url) > 1:
        return "#" + body_id(url[1:])
    return url


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CONTENT_DROPPED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_keep_pipeline_classes,
    tag_attribute_values={"a": {"rel": {EXTERNAL_LINK_REL}}},
    url_schemes=set(URL_SCHEMES),
    url_relative=_to_body_ids,
    id_prefix=BODY_ID_PREFIX,
    link_rel=None,
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """`html` without what the allow-list lacks (scripts, handlers, styles, bad URLs, the writer's
    classes), its ids and the links to them prefixed with BODY_ID_PREFIX."""
    return _cleaner.clean(html)


_BLANKS_AND_CONTROLS = re.compile("[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme of `url` as a browser reads it (lower case, blanks ignored), or None."""
    compact = _BLANKS_AND_CONTROLS.sub("", url).lower()
    head, sep, _ = compact.partition(":")
    if not sep or any(c in head for c in "/?#"):
        return None
    return head


def is_allowed_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def is_allowed_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "a" and name == "rel":
        return value == EXTERNAL_LINK_REL
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    return name not in URL_ATTRIBUTES or is_allowed_url(value)


class _UnsafePartsFinder(HTMLParser):
    """Collects what the sanitizer would remove from a piece of raw HTML (comments are expected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
            return
        for name, value in attrs:
            if not is_allowed_attribute(tag, name, value or ""):
                self.found.append(f"{name}=" if name not in URL_ATTRIBUTES else f"{name}={value}")

    handle_startendtag = handle_starttag


def unsafe_parts(raw_html: str) -> list[str]:
    """The tags and attributes of `raw_html` that `sanitize_html` drops: ['<script>', 'onerror=']."""
    finder = _UnsafePartsFinder()
    finder.feed(raw_html)
    finder.close()
    return finder.found


class _TagReader(HTMLParser):
    """Reads a piece of raw HTML that should be one opening tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.more = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.more = True

    def handle_data(self, data: str) -> None:
        self.more = self.more or bool(data.strip())


def with_external_rel(raw_tag: str) -> str:
    """An opening `<a>` written as raw HTML, with `rel="noopener noreferrer"` when it links out.

    Anything else (several tags, text, another tag) comes back unchanged.
    """
    if raw_tag[:2].lower() != "<a" or raw_tag[2:3] not in (" ", "\t", "\n"):
        return raw_tag
    reader = _TagReader()
    reader.feed(raw_tag)
    reader.close()
    if reader.more or len(reader.tags) != 1 or reader.tags[0][0] != "a":
        return raw_tag
    attrs = [(name, value or "") for name, value in reader.tags[0][1] if name != "rel"]
    if url_scheme(dict(attrs).get("href", "")) not in EXTERNAL_SCHEMES:
        return raw_tag
    attrs.append(("rel", EXTERNAL_LINK_REL))
    return "<a" + "".join(f' {name}="{html.escape(value)}"' for name, value in attrs) + ">"
