"""The related-posts panel as a writer uses it: suggestions while typing, pin, reorder, remove."""

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex

from editor.core.models import Post, Status
from editor.core.related import RelatedService
from editor.ui.library.related_panel import POST_ID, RelatedPanel

EDUCATION = "תלמידי התיכון ניגשו לבגרות במתמטיקה ברמה של 4-5 יחידות, והמורים ליוו אותם בכיתה."
BUSES = "קו האוטובוס החדש מחבר שבע מועצות, והנסיעה לתחנה המרכזית התקצרה בחצי שעה."
WELFARE = "העובדת הסוציאלית ביקרה את המשפחה בערב, אחרי שהדיווח על הזנחה הגיע למחלקת הרווחה."


@pytest.fixture
def posts(library):
    def add(title, body, status=Status.PUBLISHED, day=1):
        return library.add_post(Post(title=title, body=body, status=status, date=dt.date(2025, 3, day)))

    return {
        "writing": add("בגרות במתמטיקה בנגב", EDUCATION, status=Status.DRAFT),
        "math": add("כיתת מצוינות במתמטיקה", EDUCATION + " הבגרות במתמטיקה היא היעד.", day=14),
        "school": add("מורים צעירים בתיכון", "המורים בתיכון מלמדים מתמטיקה ותלמידים ניגשים לבגרות.", day=2),
        "bus": add("קו אוטובוס אזורי", BUSES + " תלמידי התיכון נוסעים בו.", day=3),
        "welfare": add("ביקור בית", WELFARE, day=4),
        "draft": add("טיוטה על בגרות במתמטיקה", EDUCATION, status=Status.DRAFT, day=5),
    }


@pytest.fixture
def panel(qtbot, library, posts, hebrew):
    widget = RelatedPanel(RelatedService(library), debounce_ms=50)
    qtbot.addWidget(widget)
    widget.resize(420, 640)
    return widget


def shown(view):
    return [view.item(row).data(POST_ID) for row in range(view.count())]


def open_post(qtbot, panel, post_id):
    with qtbot.waitSignal(panel.suggestionsReady) as ready:
        panel.set_post(post_id)
    return ready.args[0]


def test_suggestions_show_title_date_and_reason_without_drafts(qtbot, panel, posts):
    found = open_post(qtbot, panel, posts["writing"].id)
    assert shown(panel.suggestion_list)[:2] == [posts["math"].id, posts["school"].id]
    assert posts["draft"].id not in shown(panel.suggestion_list)
    first = panel.suggestion_list.item(0).text()
    assert "כיתת מצוינות במתמטיקה" in first and "14.03.2025" in first and "מתמטיקה" in first
    assert found[0].post_id == posts["math"].id
    with qtbot.waitSignal(panel.suggestionsReady):
        panel.show_drafts.setChecked(True)
    assert posts["draft"].id in shown(panel.suggestion_list)


class CountingService:
    """The related service, counting the suggestions it is asked for (a hand-written fake)."""

    def __init__(self, service: RelatedService) -> None:
        self.service, self.asked = service, []

    def suggestions(self, post, *args, **kwargs):
        self.asked.append(post)
        return self.service.suggestions(post, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.service, name)


def test_suggestions_follow_the_typing_once_it_pauses(qtbot, library, posts):
    counting = CountingService(RelatedService(library))
    panel = RelatedPanel(counting, debounce_ms=50)
    qtbot.addWidget(panel)
    open_post(qtbot, panel, posts["writing"].id)
    qtbot.waitUntil(lambda: not panel.refresh_pending)
    counting.asked.clear()
    writing = posts["writing"]
    for text in ("ה", "האוטובוס", "האוטובוס לא מגיע לתחנה המרכזית של המועצות"):
        panel.text_changed(writing.copy(title="תחבורה", body=text))
    qtbot.waitUntil(lambda: not panel.refresh_pending)
    assert shown(panel.suggestion_list)[0] == posts["bus"].id
    assert [post.body for post in counting.asked] == ["האוטובוס לא מגיע לתחנה המרכזית של המועצות"], \
        "the debounced typing asked once, for the last text"


def test_a_result_overtaken_by_newer_text_is_dropped(qtbot, panel, posts):
    open_post(qtbot, panel, posts["writing"].id)
    emitted = []
    panel.suggestionsReady.connect(emitted.append)
    writing = posts["writing"]
    panel.text_changed(writing.copy(body=WELFARE))
    panel.refresh_now()
    panel.text_changed(writing.copy(body=BUSES))
    panel.refresh_now()
    qtbot.waitUntil(lambda: not panel.refresh_pending)
    assert len(emitted) == 1 and emitted[0][0].post_id == posts["bus"].id


def test_pin_reorder_and_remove_are_stored_with_the_post(qtbot, panel, posts, library):
    writing = posts["writing"].id
    open_post(qtbot, panel, writing)
    panel.suggestion_list.setCurrentRow(1)  # the school post
    with qtbot.waitSignal(panel.choicesChanged) as changed:
        panel.pin_selected()
    assert changed.args == [[posts["school"].id]]
    qtbot.waitUntil(lambda: posts["school"].id not in shown(panel.suggestion_list))
    panel.suggestion_list.setCurrentRow(0)
    with qtbot.waitSignal(panel.choicesChanged):
        panel.pin_selected()
    assert library.related_choices(writing) == [posts["school"].id, posts["math"].id]
    panel.chosen_list.setCurrentRow(1)
    with qtbot.waitSignal(panel.choicesChanged) as changed:
        panel.up_button.click()
    assert changed.args == [[posts["math"].id, posts["school"].id]]
    assert "1. כיתת מצוינות במתמטיקה" in panel.chosen_list.item(0).text()
    with qtbot.waitSignal(panel.choicesChanged):
        panel.remove_button.click()  # the selection followed the moved post: math
    assert library.related_choices(writing) == [posts["school"].id]
    # reopening the post shows what was stored
    panel.set_post(None)
    open_post(qtbot, panel, writing)
    assert shown(panel.chosen_list) == [posts["school"].id]


def test_a_dragged_post_keeps_its_new_place(qtbot, panel, posts, library):
    writing = posts["writing"].id
    library.set_related_choices(writing, [posts["bus"].id, posts["math"].id, posts["school"].id])
    open_post(qtbot, panel, writing)
    assert panel.chosen_list.dragDropMode() == panel.chosen_list.DragDropMode.InternalMove
    # what a drop does to the list: the last row taken and put first
    with qtbot.waitSignal(panel.choicesChanged) as changed:
        panel.chosen_list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    order = [posts["school"].id, posts["bus"].id, posts["math"].id]
    assert changed.args == [order] and library.related_choices(writing) == order
    assert panel.chosen_list.item(0).text().startswith("1. מורים צעירים בתיכון")


def test_pinned_post_stays_while_the_text_changes(qtbot, panel, posts, library):
    writing = posts["writing"]
    library.set_related_choices(writing.id, [posts["welfare"].id])
    open_post(qtbot, panel, writing.id)
    with qtbot.waitSignal(panel.suggestionsReady):
        panel.text_changed(writing.copy(body=BUSES))
    assert shown(panel.chosen_list) == [posts["welfare"].id]
    assert posts["welfare"].id not in shown(panel.suggestion_list)


def test_saved_post_reaches_the_suggestions(qtbot, panel, posts, library):
    open_post(qtbot, panel, posts["writing"].id)
    renamed = library.save_post(posts["welfare"].copy(title="מתמטיקה ובגרות בתיכון", body=EDUCATION))
    panel.post_saved(renamed)
    with qtbot.waitSignal(panel.suggestionsReady):
        panel.refresh_now()
    assert posts["welfare"].id in shown(panel.suggestion_list)[:3]


def test_screenshot(qtbot, panel, posts, library, tmp_path):
    library.set_related_choices(posts["writing"].id, [posts["bus"].id, posts["draft"].id])
    open_post(qtbot, panel, posts["writing"].id)
    panel.show()
    qtbot.waitExposed(panel)
    image = panel.grab()
    assert not image.isNull() and image.width() >= 400
    image.save(str(tmp_path / "related_panel.png"))


class BrokenService:
    """A service whose engine fails: the panel must say so, not die with its worker."""

    def suggestions(self, post, limit, *, linkable_only=True, exclude=()):
        raise RuntimeError("engine down")

    def choices(self, post_id):
        return []

    def describe(self, post_ids):
        return []


def test_a_failing_engine_is_reported_in_the_panel(qtbot, hebrew):
    panel = RelatedPanel(BrokenService(), debounce_ms=10)
    qtbot.addWidget(panel)
    panel.text_changed(Post(title="בגרות במתמטיקה", body=EDUCATION))
    qtbot.waitUntil(lambda: "לא ניתן לחשב הצעות" in panel.status.text())
    assert panel.suggestion_list.count() == 0
