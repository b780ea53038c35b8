"""A picture's alt text and caption changed after it was inserted: one edit of its Markdown, nothing else."""

from editor.core.editing.image_text import post_images, set_image_text

TEXT = ("פתיחה.\n\n![תמונה [ישנה]](ktav-image:abc)\n\n```\n![בקוד](x.png)\n```\n\n"
        '![שנייה](<images/חצר בית הספר.jpg> "כיתוב")\n')


def test_the_alt_text_and_caption_are_rewritten_in_place():
    first, second = post_images(TEXT)
    assert (first.alt, first.caption, second.address, second.caption) == \
        ("תמונה [ישנה]", "", "images/חצר בית הספר.jpg", "כיתוב")
    edit = set_image_text(TEXT, first, 'ילדים בחצר של רש"י', "יום הנטיעות – 2024")
    changed = edit.apply(TEXT)
    assert changed == TEXT.replace("![תמונה [ישנה]](ktav-image:abc)",
                                   '![ילדים בחצר של רש"י](ktav-image:abc "יום הנטיעות – 2024")')
    [again, _] = post_images(changed)
    assert (again.alt, again.caption) == ('ילדים בחצר של רש"י', "יום הנטיעות – 2024")
    spaced = set_image_text(TEXT, second, "החצר", "").apply(TEXT)
    assert spaced.endswith("![החצר](<images/חצר בית הספר.jpg>)\n")  # an address with spaces keeps its <>


def test_nothing_is_edited_when_the_text_moved_on_or_nothing_changes():
    first, _ = post_images(TEXT)
    assert set_image_text(TEXT, first, first.alt, "") is None
    assert set_image_text("נמחק.\n" + TEXT, first, "חדש", "") is None  # the picture is no longer where it was
