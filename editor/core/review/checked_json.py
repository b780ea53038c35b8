"""JSON from outside read with bounds, then checked field by field against a small typed schema.

`loads_bounded` refuses nesting deeper than a limit before parsing (Python's json has none and
recurses). A schema is built from `Text`, `Integer`, `Choice`, `Pattern`, `IsoDate`, `IsoTime`,
`Nullable`, `ListOf`, `MapOf` and `Record`; `spec.check(value, "field")` returns the value with
only the fields the schema knows, or raises `SchemaError` naming the field and what it must be.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable

_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class SchemaError(ValueError):
    """A value that is not what the schema says, at `where` (e.g. `revisions[2].snapshot.title`)."""

    def __init__(self, where: str, expected: str, expected_he: str, found=None, *, missing: bool = False):
        self.where = where
        if not where:  # the value as a whole (a member that is a number instead of a list)
            english, hebrew = _kind(found)
            self.problem = f"the whole of it must be {expected} (found {english})"
            self.problem_he = f"התוכן כולו חייב להיות {expected_he} (נמצא: {hebrew})"
        elif missing:
            self.problem, self.problem_he = f"{where} is missing", f"חסר השדה {where}"
        else:
            english, hebrew = _kind(found)
            self.problem = f"{where} must be {expected} (found {english})"
            self.problem_he = f"השדה {where} חייב להיות {expected_he} (נמצא: {hebrew})"
        super().__init__(self.problem)


class TooDeepError(ValueError):
    """JSON nested deeper than allowed."""


def nesting_depth(data: bytes, limit: int) -> int:
    """How deep the arrays and objects of `data` nest, counting no further than `limit` + 1."""
    depth = deepest = 0
    for match in _TOKEN.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def loads_bounded(data: bytes, max_depth: int):
    """Parse UTF-8 JSON nested at most `max_depth` deep (TooDeepError, UnicodeDecodeError, JSONDecodeError)."""
    if nesting_depth(data, max_depth) > max_depth:
        raise TooDeepError(f"nested deeper than {max_depth}")
    return json.loads(data.decode("utf-8"))


def _kind(value) -> tuple[str, str]:
    if value is None:
        return "null", "ריק"
    if isinstance(value, bool):
        return "true/false", "אמת/שקר"
    for kind, english, hebrew in ((str, "text", "טקסט"), (int, "a whole number", "מספר שלם"),
                                  (float, "a number", "מספר"), (list, "a list", "רשימה"),
                                  (dict, "an object", "אובייקט")):
        if isinstance(value, kind):
            return english, hebrew
    return type(value).__name__, type(value).__name__


class Spec:
    expected = "a value"
    expected_he = "ערך"

    def check(self, value, where: str):
        raise NotImplementedError

    def refuse(self, value, where: str) -> SchemaError:
        return SchemaError(where, self.expected, self.expected_he, value)


class Text(Spec):
    """A string of at most `max_chars` characters that can be stored (no lone surrogates)."""

    def __init__(self, max_chars: int | None = None):
        self.max_chars = max_chars
        limit = f" of at most {max_chars:,} characters" if max_chars else ""
        self.expected = f"text{limit}"
        self.expected_he = f"טקסט{f' של {max_chars:,} תווים לכל היותר' if max_chars else ''}"

    def check(self, value, where):
        if not isinstance(value, str) or (self.max_chars is not None and len(value) > self.max_chars):
            raise self.refuse(value, where)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise SchemaError(where, "valid text", "טקסט תקין", value) from None
        return value


class Integer(Spec):
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high
        self.expected = f"a whole number from {low} to {high:,}"
        self.expected_he = f"מספר שלם בין {low} ל-{high:,}"

    def check(self, value, where):
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise self.refuse(value, where)
        return value


class Choice(Spec):
    """One of an enum's values (kept as the plain value, as JSON has it)."""

    def __init__(self, kind: type[enum.Enum]):
        self.kind = kind
        names = ", ".join(str(member.value) for member in kind)
        self.expected, self.expected_he = f"one of: {names}", f"אחד מאלה: {names}"

    def check(self, value, where):
        try:
            return self.kind(value).value
        except (ValueError, TypeError):
            raise self.refuse(value, where) from None


class Pattern(Text):
    def __init__(self, pattern: str, expected: str, expected_he: str):
        super().__init__(None)
        self.pattern = re.compile(pattern)
        self.expected, self.expected_he = expected, expected_he

    def check(self, value, where):
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            raise self.refuse(value, where)
        return value


class _Parsed(Text):
    """Text that a parser accepts (a date, a time); stored as the text."""

    def __init__(self, parse: Callable[[str], object], max_chars: int, expected: str, expected_he: str):
        super().__init__(max_chars)
        self.parse = parse
        self.expected, self.expected_he = expected, expected_he

    def check(self, value, where):
        super().check(value, where)
        try:
            self.parse(value)
        except ValueError:
            raise self.refuse(value, where) from None
        return value


def IsoDate() -> Spec:
    return _Parsed(dt.date.fromisoformat, 10, "a date (2023-05-14)", "תאריך (2023-05-14)")


def IsoTime() -> Spec:
    return _Parsed(dt.datetime.fromisoformat, 40, "a time (2026-11-27T03:16:12Z)", "זמן (2026-11-27T03:16:12Z)")


class Nullable(Spec):
    def __init__(self, inner: Spec):
        self.inner = inner

    def check(self, value, where):
        return None if value is None else self.inner.check(value, where)


class ListOf(Spec):
    """A list of at most `max_items`; `unique` names a field no two items may share."""

    def __init__(self, item: Spec, max_items: int, *, unique: str | None = None):
        self.item, self.max_items, self.unique = item, max_items, unique
        self.expected = f"a list of at most {max_items:,} items"
        self.expected_he = f"רשימה של {max_items:,} פריטים לכל היותר"

    def check(self, value, where):
        if not isinstance(value, list) or len(value) > self.max_items:
            raise self.refuse(value, where)
        items = [self.item.check(item, f"{where}[{n}]") for n, item in enumerate(value)]
        if self.unique is not None:
            seen: set = set()
            for n, item in enumerate(items):
                key = item[self.unique]
                if key in seen:
                    raise SchemaError(f"{where}[{n}].{self.unique}", "an id used once", "מזהה שמופיע פעם אחת",
                                      key)
                seen.add(key)
        return items


class MapOf(Spec):
    """An object whose keys match `key` and whose values match `value`."""

    def __init__(self, key: Spec, value: Spec, max_items: int):
        self.key, self.value, self.max_items = key, value, max_items
        self.expected = f"an object of at most {max_items:,} entries"
        self.expected_he = f"אובייקט של {max_items:,} רשומות לכל היותר"

    def check(self, value, where):
        if not isinstance(value, dict) or len(value) > self.max_items:
            raise self.refuse(value, where)
        return {self.key.check(k, f"{where} (a name)"): self.value.check(v, f"{where}.{k}") for k, v in value.items()}


class Record(Spec):
    """An object with these fields; `defaults` holds the optional ones. Other fields are dropped."""

    expected, expected_he = "an object", "אובייקט"

    def __init__(self, fields: dict[str, Spec], defaults: dict | None = None):
        self.fields, self.defaults = fields, defaults or {}

    def check(self, value, where):
        if not isinstance(value, dict):
            raise self.refuse(value, where)
        checked = {}
        for name, spec in self.fields.items():
            inner = f"{where}.{name}" if where else name
            if name in value:
                checked[name] = spec.check(value[name], inner)
            elif name in self.defaults:
                checked[name] = self.defaults[name]
            else:
                raise SchemaError(inner, "", "", missing=True)
        return checked

    def extended(self, fields: dict[str, Spec], defaults: dict | None = None) -> Record:
        return Record(self.fields | fields, self.defaults | (defaults or {}))
