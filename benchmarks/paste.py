"""Time pasting a 5,000-word Word document (clipboard HTML → Markdown) and importing one as .docx.

The clipboard HTML has the shapes of tests/fixtures/clipboard/word.html (its <head> with the mso
styles, MsoNormal paragraphs of split runs, bold and italic, MsoListParagraphCxSp* lists on two
levels, numbered lists, MsoTableGrid tables), repeated with varied Hebrew and English words. The
.docx of the same size is built from its XML parts (tests/core/docx_helpers.py) and imported
through mammoth and the same converter. Goal: the paste under 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "core"))

import docx_helpers

from editor.core.importing.foreign_html import markdown_from_clipboard_html
from editor.core.importing.readers import read_post_file

FIXTURE = ROOT / "tests" / "fixtures" / "clipboard" / "word.html"
WORDS = ('מלגה תלמידים שכונה ספרייה קהילה מתנדבים תקציב שנה מורה כיתה ערב בוקר משפחות ילדים הורים '
         'מפגש קבוצה תוכנית מחקר נתונים סיכום דוח הצלחה אתגר פרויקט רכזת עירייה מרכז תיכון יחידות '
         'רש"י אג"ח ש"ח הַמִּלְגָּה Zoom Excel PDF STEM online 4-5 2024 38% 120').split()
SPAN = "<span lang=HE style='font-family:\"David\",sans-serif'>{}</span>"
LIST_ITEM = ("<p class={cls} dir=RTL style='margin-right:{margin}.0pt;text-indent:-18.0pt;"
             "mso-list:l{lst} level{level} lfo1;direction:rtl'><![if !supportLists]><span style='font-family:Symbol'>"
             "<span style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; "
             "</span></span></span><![endif]><span dir=RTL></span>{text}<o:p></o:p></p>\n")


class Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.count = rng, 0

    def take(self, n: int) -> list[str]:
        self.count += n
        return [self.rng.choice(WORDS) for _ in range(n)]


def _runs(words: list[str], rng: random.Random) -> str:
    """Words as Word writes them: runs of a few words, some bold or italic, a space at a run's end."""
    out, i = [], 0
    while i < len(words):
        n = rng.randint(1, 6)
        text = " ".join(words[i:i + n]) + (" " if i + n < len(words) else "")
        run = SPAN.format(text)
        out.append(rng.choice([run, run, run, f"<b>{run}</b>", f"<i>{run}</i>"]))
        i += n
    return "".join(out)


def clipboard_html(word_count: int, seed: int = 7) -> tuple[str, int]:
    rng, words = random.Random(seed), Words(random.Random(seed + 1))
    head = FIXTURE.read_text(encoding="utf-8").split("<!--StartFragment-->")[0]
    blocks, lst = [], 0
    while words.count < word_count:
        blocks.append(f"<h2 dir=RTL>{SPAN.format(' '.join(words.take(3)))}<o:p></o:p></h2>\n")
        for _ in range(3):
            blocks.append(f"<p class=MsoNormal dir=RTL>{_runs(words.take(rng.randint(30, 60)), rng)}<o:p></o:p></p>\n")
        lst += 1
        for index, level in enumerate([1, 1, 2, 2, 1]):
            cls = "MsoListParagraphCxSp" + ("First" if index == 0 else "Last" if index == 4 else "Middle")
            blocks.append(LIST_ITEM.format(cls=cls, margin=36 * level, lst=lst, level=level,
                                           marker="&middot;" if level == 1 else "o",
                                           text=_runs(words.take(rng.randint(4, 10)), rng)))
        lst += 1
        for number in range(1, 4):
            blocks.append(LIST_ITEM.format(cls="MsoListParagraphCxSpMiddle", margin=36, lst=lst, level=1,
                                           marker=f"{number}.", text=_runs(words.take(6), rng)))
        rows = "".join("<tr>" + "".join(f"<td width=301 valign=top><p class=MsoNormal dir=RTL>"
                                        f"{_runs(words.take(2), rng)}<o:p></o:p></p></td>" for _ in range(3)) + "</tr>\n"
                       for _ in range(4))
        blocks.append(f"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 dir=rtl>{rows}</table>\n")
    html = head + "<!--StartFragment-->\n" + "".join(blocks) + "<!--EndFragment-->\n</body>\n</html>\n"
    return html, words.count


def word_document(word_count: int, seed: int = 7) -> tuple[bytes, int]:
    rng, words = random.Random(seed), Words(random.Random(seed + 1))
    d = docx_helpers
    parts = []
    while words.count < word_count:
        parts.append(d.paragraph(d.run(" ".join(words.take(3))), style="Heading2"))
        for _ in range(3):
            runs = [d.run(" ".join(words.take(rng.randint(1, 6))) + " ", bold=rng.random() < 0.2,
                          italic=rng.random() < 0.1) for _ in range(rng.randint(6, 12))]
            parts.append(d.paragraph(*runs))
        for level in (0, 0, 1, 1, 0):
            parts.append(d.paragraph(d.run(" ".join(words.take(rng.randint(4, 10)))), style="ListParagraph",
                                     num_id=1, level=level))
    return d.docx("".join(parts)), words.count


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    html, count = clipboard_html(args.words)
    print(f"clipboard HTML: {count} words, {len(html) / 1024:.0f} KiB")
    paste = median_seconds(lambda: markdown_from_clipboard_html(html), args.runs)
    print(f"paste (Word clipboard -> Markdown): median {paste * 1000:.0f} ms of {args.runs} runs"
          f" ({'under' if paste < 1 else 'OVER'} the 1 s goal)")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.docx"
        data, count = word_document(args.words)
        path.write_bytes(data)
        print(f".docx: {count} words, {len(data) / 1024:.0f} KiB")
        docx_time = median_seconds(lambda: read_post_file(path), args.runs)
        print(f".docx import (mammoth -> Markdown): median {docx_time * 1000:.0f} ms of {args.runs} runs")


if __name__ == "__main__":
    main()
