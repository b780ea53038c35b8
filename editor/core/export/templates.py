"""The Jinja2 templates of export: built-in ones from resources/, or a maintainer's own folder."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from editor.core import resources
from editor.core.errors import ExportError

TEMPLATE_FOLDER = "templates"


class ResourceLoader(jinja2.BaseLoader):
    """Templates under resources/templates, read through `resources.path` (which refuses escapes)."""

    def get_source(self, environment, template):
        try:
            path = resources.path(f"{TEMPLATE_FOLDER}/{template}", must_exist=False)
        except ValueError:
            raise jinja2.TemplateNotFound(template) from None
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime


@lru_cache(maxsize=4)
def environment(templates_dir: str = "") -> jinja2.Environment:
    """Autoescaping, StrictUndefined; a maintainer's folder overrides the built-in templates by name."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        folder = Path(templates_dir).expanduser()
        if not folder.is_dir():
            raise ExportError(f"templates folder not found: {folder}", f"תיקיית התבניות לא נמצאה: {folder}")
        loaders.append(jinja2.FileSystemLoader(str(folder)))  # refuses '..' in template names itself
    loaders.append(ResourceLoader())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["text"] = text_node
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The templates compiled once, kept in this user's cache folder by their source's checksum (and
    Python's version): compiling them took 20-30 ms of every export. None where it cannot be made."""
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("Ktav", appauthor=False)) / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be written (a full disk, a read-only home) compiles the templates instead."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def text_node(value) -> markupsafe.Markup:
    """Escape for a text node: <, > and & only, so an acronym keeps its plain gershayim (רש"י),
    as the body does, instead of &#34;. Attributes keep Jinja's full escaping."""
    if isinstance(value, markupsafe.Markup):
        return value
    return markupsafe.Markup(html.escape(str(value), quote=False))


def render(templates_dir: str, name: str, **context) -> str:
    """Render template `name`; a template error becomes an ExportError that names the template."""
    try:
        return environment(templates_dir).get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise ExportError(f"template not found: {error.name}", f"התבנית לא נמצאה: {error.name}") from None
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f"{name} line {line}: " if line else f"{name}: "
        raise ExportError(f"template error in {where}{error}", f"שגיאה בתבנית {where}{error}") from None


def page_css(templates_dir: str = "") -> str:
    """The site stylesheet (a maintainer's site.css beside their templates wins), then code highlighting."""
    own = Path(templates_dir).expanduser() / "site.css" if templates_dir else None
    site_css, code_css = _built_in_css()
    sources = [own if own is not None and own.is_file() else site_css, code_css]
    existing = tuple(path for path in sources if path.is_file())
    return _joined_css(existing, tuple(path.stat().st_mtime_ns for path in existing))


@lru_cache(maxsize=1)
def _built_in_css() -> tuple[Path, Path]:
    """Where the built-in stylesheets are (resolving them for every page of a batch was measured)."""
    return resources.path("site.css"), resources.path("code.css")


@lru_cache(maxsize=4)
def _joined_css(paths: tuple[Path, ...], mtimes: tuple[int, ...]) -> str:
    """Cached by modification time: a maintainer's edit shows at the next export, even in a running app."""
    return "\n".join(path.read_text(encoding="utf-8").strip() for path in paths) + "\n"
