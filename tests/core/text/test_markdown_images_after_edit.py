"""After an edit, a text's pictures are found from the lines edited only, and they are the pictures a
reading of the whole text finds: where they are, on which line, what they say."""

import random

from editor.core.text.line_edit import spaced_window
from editor.core.text.markdown_images import markdown_images, markdown_images_after_edit

TEXT = "\n".join([
    "פסקה ראשונה עם מילים.",
    "",
    '![ילדים בכיתה](ktav-image:abc "בכיתה בדימונה")',
    "",
    "פסקה עם ![תמונה](https://example.org/a.png) באמצע ועוד מילים",
    "",
    "```",
    "![לא תמונה](בקוד)",
    "```",
    "",
    "סוף הפוסט.",
])
PIECES = ["א", "ב", " ", "\n", "!", "[", "]", "(", ")", "![", "](", "`", "```", "~~~", '"', "x", "ktav-image:d"]


def test_pictures_after_any_edit_are_the_pictures_of_the_edited_text():
    chance = random.Random(7)
    text = TEXT
    for _ in range(3000):
        where, cut = chance.randint(0, len(text)), chance.choice([0, 0, 1, 2])
        edited = text[:where] + "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 2))) + text[where + cut:]
        start, _end_before, end = spaced_window(text, edited)
        assert markdown_images_after_edit(edited, text, markdown_images(text), start, end) == markdown_images(edited)
        if chance.random() < 0.5:
            text = edited
        if len(text) > 2000 or chance.random() < 0.01:
            text = TEXT


def test_a_window_that_does_not_fit_the_texts_reads_the_whole_text():
    edited = TEXT + "\n\n![עוד](x)"
    assert markdown_images_after_edit(edited, TEXT, markdown_images(TEXT), 0, 5) == markdown_images(edited)
