"""The batch export on spawned workers (what Windows, macOS and a frozen Ktav there have) writes the same
bytes as on forked ones: every page, the index, the feed, the linked stylesheet and the images."""

import multiprocessing

import pytest
from export_helpers import png

from editor.core.export import export_posts
from editor.core.export.site import SiteSettings
from editor.core.importing.into_library import import_files
from editor.core.importing.samples import sample_paths
from editor.core.library.store import Library
from editor.core.models import Status

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def files_of(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
@needs_fork
def test_spawned_workers_write_what_forked_ones_write(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        posts = library.all_posts()
        for number, post in enumerate(posts[::7]):  # pictures in posts of every worker's share
            image = library.add_image(png(3 + number, 2, (number * 30 % 256, 90, 160)), filename=f"תרשים-{number}.png")
            library.save_post(post.copy(body=post.body + f"\n\n![תרשים {number}]({image.uri})\n"))
        settings = SiteSettings(css_mode="linked")
        exports = {}
        for method in ("fork", "spawn"):
            out = tmp_path / method
            result = export_posts(library, out, settings=settings, workers=3, start_method=method)
            assert len(result.written) == len(files_of(out))
            exports[method] = files_of(out)
        single = tmp_path / "one"
        export_posts(library, single, settings=settings, workers=1)
    forked, spawned = exports["fork"], exports["spawn"]
    pages = [name for name in forked if name.endswith("/index.html")]
    assets = [name for name in forked if "/assets/" in name]
    assert len(pages) == len(posts) == 48
    assert {"index.html", "feed.xml", "site.css"} <= set(forked)
    with_pictures = {name.split("/assets/")[0] for name in assets}  # the pictures' copies beside their pages
    assert len(with_pictures) >= len(posts[::7])
    assert sorted(spawned) == sorted(forked)
    for name, data in forked.items():
        assert spawned[name] == data, name
    assert files_of(single) == forked


def test_a_start_method_this_system_lacks_is_refused(tmp_path):
    from editor.core.errors import ExportError
    from editor.core.export.parallel import start_method

    assert start_method() in multiprocessing.get_all_start_methods()
    with pytest.raises(ExportError, match="not available"):
        start_method("teleport")
