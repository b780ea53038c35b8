"""The preview's word count is counted where the render runs, and travels with its result."""

import pickle

from editor.core.models import Post
from editor.core.preview.page import PreviewContext, render_preview
from editor.core.text.word_count import markdown_word_count


def test_the_counts_come_counted_with_the_result_from_the_render_process():
    text = 'לפי רש"י יש [שתי](https://example.org/a-b) יחידות\n\n' + "מילה נוספת " * 300
    result = render_preview(text, PreviewContext(Post(title="כותרת"), (), None))
    arrived = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))  # as from the render child
    counted = vars(arrived.rendered)  # a cached count is kept in the result itself
    assert counted["word_count"] == markdown_word_count(text) == 605
    assert counted["reading_minutes"] == arrived.rendered.reading_minutes >= 2
