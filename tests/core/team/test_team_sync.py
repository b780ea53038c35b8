"""Two people's libraries and one bare repository on this machine: offline edits on both sides, then
syncs, and nothing anyone wrote is lost, and no file or post ever holds a conflict marker."""

import export_helpers
import pygit2
import pytest
from team_helpers import BODY, by_hand, make_team, save

from editor.core.errors import NotATeamRepositoryError, TeamError, TeamUnreachableError
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow
from editor.core.team import state
from editor.core.team.joining import join_team, share_library
from editor.core.team.sync import sync


@pytest.fixture
def team(tmp_path):
    made = make_team(tmp_path)
    yield made
    made.close()


def paragraphs(text: str) -> list[str]:
    return text.strip("\n").split("\n\n")


def all_sync(team, rounds=2):
    for _ in range(rounds):
        sync(team.writer)
        sync(team.editor)


def no_markers(library: Library) -> None:
    for post in library.all_posts():
        assert "<<<<<<<" not in post.body and ">>>>>>>" not in post.body and "=======" not in post.body


def test_the_editor_joins_with_every_post_comment_and_tag(team):
    post = team.post(team.editor)
    assert post.body == BODY and post.tags == ["חינוך"] and post.lead == "חמש יחידות"
    assert [c["body"] for c in team.editor.comments(post.id)] == ["לבדוק את המספר"]
    assert sorted(p.title for p in team.editor.all_posts()) == sorted(p.title for p in team.writer.all_posts())


def test_offline_edits_to_different_posts_both_arrive(team):
    other_uid = next(team.writer.post_uid(s.id) for s in team.writer.list_posts() if team.writer.post_uid(s.id) != team.post_uid)
    save(team.writer, team.post(team.writer), "דנה", title="מתמטיקה בדימונה — עדכון")
    save(team.editor, team.post(team.editor, other_uid), "רוני", body="המרכז פתוח בלילות ובשבתות.\n")
    all_sync(team)
    for library in (team.writer, team.editor):
        assert team.post(library).title == "מתמטיקה בדימונה — עדכון"
        assert team.post(library, other_uid).body == "המרכז פתוח בלילות ובשבתות.\n"


def test_edits_to_different_paragraphs_of_one_post_merge_cleanly(team):
    first, second, third = paragraphs(BODY)
    save(team.writer, team.post(team.writer), "דנה", body=BODY.replace(first, first + " דנה הוסיפה משפט."))
    save(team.editor, team.post(team.editor), "רוני", body=BODY.replace(second, "רוני כתב את הפסקה השנייה מחדש."))
    all_sync(team)
    expected = [first + " דנה הוסיפה משפט.", "רוני כתב את הפסקה השנייה מחדש.", third]
    for library in (team.writer, team.editor):
        post = team.post(library)
        assert paragraphs(post.body) == expected
        assert not [r for r in library.revisions(post.id) if r.reason == RevisionReason.CONFLICT]


def test_the_same_paragraph_changed_on_both_sides_keeps_both_versions(team):
    second = paragraphs(BODY)[1]
    save(team.writer, team.post(team.writer), "דנה", body=BODY.replace(second, "הנוסח של דנה לפסקה השנייה."))
    sync(team.writer)
    save(team.editor, team.post(team.editor), "רוני", body=BODY.replace(second, "הנוסח של רוני לפסקה השנייה."))
    report = sync(team.editor)
    assert report.conflicts == 1
    local = team.post(team.editor)
    assert "הנוסח של רוני לפסקה השנייה." in local.body  # the local text stays
    conflict = [r for r in team.editor.revisions(local.id) if r.reason == RevisionReason.CONFLICT]
    assert len(conflict) == 1 and "הנוסח של דנה לפסקה השנייה." in conflict[0].snapshot["body"]
    assert conflict[0].author == "דנה"
    sync(team.writer)
    writer_post = team.post(team.writer)
    writer_versions = [writer_post.body] + [r.snapshot["body"] for r in team.writer.revisions(writer_post.id)]
    assert any("הנוסח של דנה" in v for v in writer_versions) and "הנוסח של רוני" in writer_post.body
    assert [r.reason for r in team.writer.revisions(writer_post.id)].count(RevisionReason.CONFLICT) == 1
    no_markers(team.writer)
    no_markers(team.editor)


def test_taking_the_conflict_version_is_one_restore_away(team):
    save(team.writer, team.post(team.writer), "דנה", title="כותרת של דנה")
    sync(team.writer)
    save(team.editor, team.post(team.editor), "רוני", title="כותרת של רוני")
    sync(team.editor)
    post = team.post(team.editor)
    conflict = next(r for r in team.editor.revisions(post.id) if r.reason == RevisionReason.CONFLICT)
    restored = workflow.restore_revision(team.editor, conflict.id, "רוני")
    assert restored.title == "כותרת של דנה"
    sync(team.editor)
    sync(team.writer)
    assert team.post(team.writer).title == "כותרת של דנה"


def test_comments_replies_and_status_moves_from_both_sides_all_arrive(team):
    writer_post, editor_post = team.post(team.writer), team.post(team.editor)
    workflow.change_status(team.writer, writer_post.id, Status.IN_REVIEW, "דנה", "מוכן לעריכה")
    workflow.add_comment(team.editor, editor_post.id, "רוני", "מה המקור?", quote='דברי רש"י')
    root = next(c for c in team.editor.comments(editor_post.id) if c["body"] == "לבדוק את המספר")
    workflow.reply(team.editor, editor_post.id, root["id"], "רוני", "בדקתי, זה נכון")
    workflow.resolve(team.editor, root["id"])
    workflow.add_comment(team.writer, writer_post.id, "דנה", "הערה נוספת של דנה", quote="ניקוד")
    all_sync(team)
    for library in (team.writer, team.editor):
        post = team.post(library)
        comments = {c["body"]: c for c in library.comments(post.id)}
        assert set(comments) == {"לבדוק את המספר", "מה המקור?", "בדקתי, זה נכון", "הערה נוספת של דנה"}
        assert comments["בדקתי, זה נכון"]["parent_id"] == comments["לבדוק את המספר"]["id"]
        assert comments["לבדוק את המספר"]["resolved_at"] is not None
        assert comments["מה המקור?"]["anchor"]["quote"] == 'דברי רש"י'
        assert [(c["to"], c["author"]) for c in library.status_history(post.id)] == [("in_review", "דנה")]
        assert post.status == Status.IN_REVIEW


def test_status_moves_made_on_both_sides_are_both_in_the_history(team):
    workflow.change_status(team.writer, team.post(team.writer).id, Status.IN_REVIEW, "דנה")
    all_sync(team)
    workflow.change_status(team.writer, team.post(team.writer).id, Status.DRAFT, "דנה", "עוד לא")
    workflow.change_status(team.editor, team.post(team.editor).id, Status.APPROVED, "רוני", "מאושר")
    all_sync(team)
    for library in (team.writer, team.editor):
        moves = [(c["to"], c["author"]) for c in library.status_history(team.post(library).id)]
        assert sorted(moves) == sorted([("in_review", "דנה"), ("draft", "דנה"), ("approved", "רוני")])
    assert team.post(team.writer).status == team.post(team.editor).status


def test_an_image_travels_once_with_its_post(team):
    png = export_helpers.png(2, 1)  # a whole picture: the library refuses one Pillow cannot decode
    image = team.writer.add_image(png, filename="תמונה.png")
    post = team.post(team.writer)
    save(team.writer, post, "דנה", body=post.body + f"\n![תמונה]({image.uri})\n")
    other = team.writer.add_post(Post(title="עוד פוסט עם אותה תמונה", body=f"![]({image.uri})\n"))
    team.writer.add_revision(other.id, RevisionReason.SAVE, author="דנה")
    all_sync(team)
    assert team.editor.get_image(image.sha256).data == png
    repo = pygit2.Repository(team.url)
    images = [e.name for e in repo.revparse_single("main").tree["images"][image.sha256[:2]]]
    assert images == [f"{image.sha256}.png"]


def test_a_post_trashed_on_one_side_and_edited_on_the_other_stays_with_a_note(team):
    team.writer.move_to_trash(team.post(team.writer).id)
    save(team.editor, team.post(team.editor), "רוני", body=BODY + "\nפסקה שרוני הוסיף.\n")
    all_sync(team)
    for library in (team.writer, team.editor):
        post = team.post(library)
        assert not post.in_trash and "פסקה שרוני הוסיף." in post.body
        assert any("לאשפה" in c["body"] for c in library.comments(post.id))


def test_a_post_trashed_on_one_side_only_goes_to_the_trash_everywhere(team):
    team.writer.move_to_trash(team.post(team.writer).id)
    all_sync(team)
    assert team.post(team.editor).in_trash
    team.editor.restore_from_trash(team.post(team.editor).id)
    all_sync(team)
    assert not team.post(team.writer).in_trash


def test_a_post_emptied_from_the_trash_while_edited_elsewhere_is_kept(team):
    team.writer.move_to_trash(team.post(team.writer).id)
    all_sync(team)
    team.editor.restore_from_trash(team.post(team.editor).id)
    save(team.editor, team.post(team.editor), "רוני", body="רוני החזיר את הפוסט וכתב אותו מחדש.\n")
    team.writer.empty_trash()
    all_sync(team)
    for library in (team.writer, team.editor):
        post = library.post_by_uid(team.post_uid)
        assert post is not None and post.body == "רוני החזיר את הפוסט וכתב אותו מחדש.\n" and not post.in_trash
        assert [c["body"] for c in library.comments(post.id)][0] == "לבדוק את המספר"  # its trail came back


def test_autosaved_text_not_yet_committed_is_merged_not_overwritten(team):
    first, second, _third = paragraphs(BODY)
    save(team.writer, team.post(team.writer), "דנה", body=BODY.replace(first, "פתיחה חדשה של דנה."))
    sync(team.writer)
    editor_post = team.post(team.editor)
    team.editor.save_post(editor_post.copy(body=BODY.replace(second, "טיוטה של רוני, עוד לא נשמרה במפורש.")))
    sync(team.editor)
    body = team.post(team.editor).body
    assert "פתיחה חדשה של דנה." in body and "טיוטה של רוני, עוד לא נשמרה במפורש." in body
    sync(team.writer)
    assert "טיוטה של רוני" not in team.post(team.writer).body  # an autosave stays local until saved


def test_a_file_edited_by_hand_is_imported_and_a_broken_one_is_named(team, tmp_path):
    def edit(worktree):
        path = next(worktree.glob(f"posts/*/*.{team.post_uid}.md"))
        path.write_text(path.read_text(encoding="utf-8").replace("4-5 יחידות", "חמש יחידות (נערך ביד)"), encoding="utf-8")
        (worktree / "posts" / "new-by-hand.md").write_text(
            "---\ntitle: פוסט שנכתב ביד\ntags: [ידני, git]\ndate: 2024-03-05\n---\nגוף הפוסט.\n", encoding="utf-8")
        (worktree / "posts" / "broken.md").write_text("---\ntitle: [לא נסגר\n---\nגוף\n", encoding="utf-8")
    by_hand(team.url, tmp_path, edit)
    report = sync(team.writer)
    assert "חמש יחידות (נערך ביד)" in team.post(team.writer).body
    hand_made = next(p for p in team.writer.all_posts() if p.title == "פוסט שנכתב ביד")
    assert hand_made.tags == ["ידני", "git"] and hand_made.date.isoformat() == "2024-03-05"
    assert [p.path for p in report.problems] == ["posts/broken.md"]
    assert "posts/broken.md" in report.summary
    assert state.last_sync(team.writer).ok
    sync(team.editor)
    assert any(p.title == "פוסט שנכתב ביד" for p in team.editor.all_posts())
    save(team.writer, hand_made, "דנה", body="גוף הפוסט, ערוך.\n")
    sync(team.writer)
    tree = pygit2.Repository(team.url).revparse_single("main").tree
    assert "new-by-hand.md" not in [e.name for e in tree["posts"]]  # it got its proper name, once


def test_a_library_cloned_and_written_back_changes_no_file(team):
    from editor.core.team.clone import locked
    from editor.core.team.to_tree import write_everything
    from editor.core.team.tree_edit import TreeEdit

    link = state.link(team.editor)
    with locked(link.clone) as clone:
        tip = clone.repo[state.tip(team.editor)]
        edit = TreeEdit(clone.repo, tip.tree)
        write_everything(team.editor, edit, "רוני")
        assert edit.write() == tip.tree.id


def test_a_rejected_push_fetches_merges_and_pushes_again(team, tmp_path):
    join_team(team.url, tmp_path / "third.sqlite")
    with Library.open(tmp_path / "third.sqlite") as third:
        save(third, third.post_by_uid(team.post_uid), "שלישי", title="שינוי של השלישי")
        save(team.writer, team.post(team.writer), "דנה", lead="פתיח של דנה")
        sync(third)
        report = sync(team.writer)  # its branch is behind: merged, then pushed
        assert report.sent >= 1
        sync(third)
        post = third.post_by_uid(team.post_uid)
        assert post.title == "שינוי של השלישי" and post.lead == "פתיח של דנה"


def test_an_unreachable_remote_gives_a_hebrew_message_and_the_work_waits(team, tmp_path):
    state.set_link(team.writer, str(tmp_path / "no-such-remote"), state.link(team.writer).clone)
    save(team.writer, team.post(team.writer), "דנה", title="נכתב בלי רשת")
    with pytest.raises(TeamUnreachableError) as raised:
        sync(team.writer)
    assert "לא ניתן להגיע לספרייה המשותפת" in raised.value.message_he and "בסנכרון הבא" in raised.value.message_he
    assert state.last_sync(team.writer).offline
    save(team.writer, team.post(team.writer), "דנה", lead="עוד עבודה בלי רשת")  # the writer keeps working
    state.set_link(team.writer, team.url, state.link(team.writer).clone)
    assert sync(team.writer).sent >= 1
    sync(team.editor)
    assert team.post(team.editor).title == "נכתב בלי רשת" and team.post(team.editor).lead == "עוד עבודה בלי רשת"


def test_a_remote_that_is_not_a_team_repository_is_refused_before_anything_is_written(tmp_path):
    url = str(tmp_path / "plain.git")
    repo = pygit2.init_repository(url, bare=True, initial_head="main")
    sig = pygit2.Signature("someone", "x@example.org")
    tree = repo.TreeBuilder()
    tree.insert("README", repo.create_blob(b"not ktav"), pygit2.enums.FileMode.BLOB)
    repo.create_commit("refs/heads/main", sig, sig, "plain", tree.write(), [])
    with pytest.raises(NotATeamRepositoryError):
        join_team(url, tmp_path / "joined.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.git"]
    with Library.open(tmp_path / "mine.sqlite") as library:
        library.add_post(Post(title="שלי", body="טקסט"))
        with pytest.raises(NotATeamRepositoryError):
            share_library(library, url)
        assert state.link(library) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite", "plain.git"]


def test_a_sync_refuses_a_remote_replaced_by_something_else(team, tmp_path):
    plain = pygit2.Repository(team.url)
    sig = pygit2.Signature("someone", "x@example.org")
    tree = plain.TreeBuilder().write()
    plain.references.create("refs/heads/main", plain.create_commit(None, sig, sig, "replaced", tree, []), force=True)
    before = team.post(team.writer).body
    with pytest.raises(NotATeamRepositoryError):
        sync(team.writer)
    assert team.post(team.writer).body == before and state.link(team.writer) is not None


def test_a_library_that_is_not_shared_cannot_sync(library):
    with pytest.raises(TeamError) as raised:
        sync(library)
    assert "אינה ספרייה משותפת" in raised.value.message_he


def test_a_lost_clone_is_made_again_and_commits_never_sent_are_not_lost(team):
    import shutil

    save(team.editor, team.post(team.editor), "רוני", lead="פתיח של רוני")
    sync(team.editor)
    save(team.writer, team.post(team.writer), "דנה", title="כותרת שלא נשלחה")  # committed, never pushed
    shutil.rmtree(state.link(team.writer).clone)
    report = sync(team.writer)
    assert report.sent >= 1
    post = team.post(team.writer)
    assert post.title == "כותרת שלא נשלחה"
    sync(team.editor)
    assert team.post(team.editor).title == "כותרת שלא נשלחה"
    versions = [team.post(team.writer).lead] + [r.snapshot["lead"] for r in team.writer.revisions(post.id)]
    assert "פתיח של רוני" in versions  # the other side's change is kept (in the post or as a conflict version)
