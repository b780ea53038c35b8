"""Word documents (.docx) as posts: mammoth's HTML through the one foreign-HTML converter.

The images of the document come back with their bytes and are referred to as
`ktav-image:<sha256>`, the reference `Library.add_image` gives them; the importer stores them in
the same transaction as the post. Images of a kind Ktav cannot show (EMF, WMF, TIFF) are left out.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers.expat import ExpatError

import mammoth

from editor.core.errors import ImportFileError
from editor.core.importing import foreign_html as paste_html
from editor.core.importing import html_clean as paste_clean
from editor.core.importing.foreign_html import PastedImage
from editor.core.library import images as image_types

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file: old .doc, or an encrypted .docx
_HEADING = re.compile(r"h[1-6]$")
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# Word's own style names (English in every language of Word) beyond mammoth's headings and lists.
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""


@dataclass
class WordDocument:
    title: str  # the first heading, else the first paragraph; "" when the document has neither
    markdown: str
    images: list[PastedImage] = field(default_factory=list)  # each with its bytes, once


def read_docx(data: bytes, name: str) -> WordDocument:
    """The document's title, Markdown and images; ImportFileError (naming `name`) when unreadable."""
    _refuse_what_is_not_a_docx(data, name)
    found: dict[str, PastedImage] = {}

    def keep_image(image) -> dict:
        with image.open() as stream:
            content = stream.read()
        info = image_types.sniff(content)
        if info is None:
            return {}  # an image without an address is dropped by the converter
        sha = hashlib.sha256(content).hexdigest()
        reference = f"ktav-image:{sha}"
        found.setdefault(reference, PastedImage(reference, image.alt_text or "", content, info.mime,
                                                f"word-image-{len(found) + 1}.{image_types.extension(info.mime)}"))
        return {"src": reference}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP,
                                         convert_image=mammoth.images.img_element(keep_image))
    except OSError:  # mammoth: no main document part
        raise ImportFileError(name, "is not a Word document: it has no word/document.xml",
                              "אין זה מסמך Word: חסר בו החלק word/document.xml") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, ExpatError):
        raise _damaged(name) from None
    tree = paste_clean.clean_tree(paste_clean.parse(result.value))
    title = _take_title(tree)
    pasted = paste_html.convert_tree(tree)
    used = {image.reference for image in pasted.images}
    return WordDocument(title, pasted.markdown, [image for ref, image in found.items() if ref in used])


def _refuse_what_is_not_a_docx(data: bytes, name: str) -> None:
    if data.startswith(OLE_SIGNATURE):
        if _ENCRYPTION_STREAM in data:
            raise ImportFileError(
                name, "is protected by a password; open it in Word, remove the password"
                      " (File > Info > Protect Document) and save it again",
                "המסמך מוגן בסיסמה; יש לפתוח אותו ב-Word, להסיר את הסיסמה (קובץ > מידע > הגן על מסמך) ולשמור שוב")
        raise ImportFileError(name, "is an old Word 97-2003 document (.doc); save it as .docx in Word",
                              "זהו מסמך Word ישן (‎.doc); יש לשמור אותו ב-Word כ-‎.docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            broken = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise _damaged(name) from None
    if broken is not None:
        raise _damaged(name)


def _damaged(name: str) -> ImportFileError:
    return ImportFileError(name, "is damaged or is not a Word document (.docx); Word may be able to repair it",
                           "הקובץ פגום או שאינו מסמך Word ‏(‎.docx); ייתכן ש-Word יוכל לתקן אותו")


def _take_title(tree) -> str:
    """The first heading's text, else the first paragraph's, taken out of the document."""
    node = tree.find(lambda tag: _HEADING.match(tag.name) and tag.get_text().strip()) \
        or tree.find(lambda tag: tag.name == "p" and tag.get_text().strip())
    if node is None:
        return ""
    title = " ".join(node.get_text().split())
    node.decompose()
    return title
