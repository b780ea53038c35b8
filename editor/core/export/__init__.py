"""Publish-ready export: the site's page, the CMS fragment, images, index, feed and the pre-publish check.

The names below are read from their modules when first asked for, so that a module needing only
the page (the preview) does not load the whole export (its workers, listing, related ranking).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "ImageSource": "assets", "Finding": "check", "Severity": "check", "MODES": "page", "render_page": "page",
    **dict.fromkeys(("ExportBlocked", "ExportIncomplete", "ExportResult", "PostCheck", "check_post", "check_posts",
                     "export_posts", "render_post"), "run"),
}
__all__ = [
    "MODES", "ExportBlocked", "ExportIncomplete", "ExportResult", "Finding", "ImageSource", "PostCheck", "Severity",
    "check_post", "check_posts", "export_posts", "render_page", "render_post",
]

if TYPE_CHECKING:
    from editor.core.export.assets import ImageSource
    from editor.core.export.check import Finding, Severity
    from editor.core.export.page import MODES, render_page
    from editor.core.export.run import (
        ExportBlocked,
        ExportIncomplete,
        ExportResult,
        PostCheck,
        check_post,
        check_posts,
        export_posts,
        render_post,
    )


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
