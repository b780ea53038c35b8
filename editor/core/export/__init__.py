"""Publish-ready export: the site's page, the CMS fragment, images, index, feed and the pre-publish check."""

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

__all__ = [
    "MODES", "ExportBlocked", "ExportIncomplete", "ExportResult", "Finding", "ImageSource", "PostCheck", "Severity",
    "check_post", "check_posts", "export_posts", "render_page", "render_post",
]
