"""`ktav site`: show or change the site settings that export uses (blog address, date format, …)."""

from __future__ import annotations

import argparse
import dataclasses
import json

from editor.core.cli import add_db_argument, open_library
from editor.core.errors import KtavError


def register(subparsers) -> None:
    from editor.core.export.site import SETTING_FIELDS

    keys = ", ".join(f.key for f in SETTING_FIELDS)
    parser = subparsers.add_parser("site", help="show or change the site settings used by export",
                                   description=f"Site settings: {keys}.")
    add_db_argument(parser)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="change a setting (repeatable); an empty VALUE restores the default")
    parser.add_argument("--json", action="store_true", help="print the settings as one JSON document")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.export.site import SETTING_FIELDS, SiteSettings, load_site_settings, save_site_settings

    changes = dict(_parse_assignment(text) for text in args.set)
    unknown = sorted(set(changes) - {f.key for f in SETTING_FIELDS})
    if unknown:
        raise KtavError(f"unknown site setting: {', '.join(unknown)} (one of: "
                        f"{', '.join(f.key for f in SETTING_FIELDS)})")
    with open_library(args, read_only=not changes and args.db is not None) as library:
        settings = load_site_settings(library)
        if changes:
            defaults = SiteSettings()
            settings = settings.replace(**{key: value or getattr(defaults, key) for key, value in changes.items()})
            save_site_settings(library, settings)
    values = dataclasses.asdict(settings)
    if args.json:
        print(json.dumps(values, ensure_ascii=False, indent=1))
    else:
        for field in SETTING_FIELDS:
            print(f"{field.key:<18} {values[field.key]}")
    return 0


def _parse_assignment(text: str) -> tuple[str, str]:
    key, separator, value = text.partition("=")
    if not separator:
        raise KtavError(f"--set needs KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()
