"""Our Markdown's registries are listed once, and a processor registered or removed later is walked, or not."""

import markdown

from editor.core.render.registries import ListedRegistry, list_once


def names(registry):
    return [type(item).__name__ for item in registry]


def test_a_listed_registry_walks_what_the_registry_holds_in_its_order():
    md = markdown.Markdown(extensions=["tables", "fenced_code"])
    before = {name: names(getattr(md, name)) for name in ("preprocessors", "treeprocessors", "postprocessors")}
    blocks = names(md.parser.blockprocessors)
    list_once(md)
    assert isinstance(md.parser.blockprocessors, ListedRegistry)
    assert names(md.parser.blockprocessors) == names(md.parser.blockprocessors) == blocks
    assert {name: names(getattr(md, name)) for name in before} == before


def test_a_processor_registered_or_removed_after_listing_is_walked_or_not():
    md = markdown.Markdown()
    list_once(md)
    registry = md.parser.blockprocessors
    first = list(registry)
    registry.register(first[-1], "again", 1000)  # the highest priority: walked first
    assert list(registry) == [first[-1], *first]
    registry.deregister("again")
    registry.deregister("paragraph")
    assert list(registry) == first[:-1]


def test_markdown_renders_the_same_with_listed_registries():
    text = "# כותרת\n\nפסקה עם **הדגשה** ו-`קוד`.\n\n| א | ב |\n|---|---|\n| 1 | 2 |\n\n```\nx = 1\n```\n"
    plain = markdown.Markdown(extensions=["tables", "fenced_code"]).convert(text)
    listed = markdown.Markdown(extensions=["tables", "fenced_code"])
    list_once(listed)
    assert listed.convert(text) == plain
    listed.reset()
    assert listed.convert(text) == plain
