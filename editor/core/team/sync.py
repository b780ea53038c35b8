"""A sync: commit what waits, fetch, merge, bring the merge into the library, push; again when the
push is refused because someone pushed first.

    report = sync(library)        # TeamError (TeamUnreachableError when offline) when it cannot
    report.summary / summary_he   # one line, for the command line and the status bar

Kill it at any moment and the library and the clone stay consistent: the library's transaction
records the commit it now holds (`state.tip`) together with what it brought in, and the clone's
branch follows that record (`TeamClone.align`) the next time it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygit2

from editor.core.errors import ImportFileError, TeamError, TeamUnreachableError
from editor.core.team import layout, outbox, state
from editor.core.team.clone import LOCAL_REF, REMOTE_REF, TeamClone, check_team_tree, locked
from editor.core.team.commit import commit_pending, signature
from editor.core.team.from_tree import bring_in
from editor.core.team.history import changes_between
from editor.core.team.library_records import record_of
from editor.core.team.post_file import to_text
from editor.core.team.remote_access import offline
from editor.core.team.text_merge import BodyMerger
from editor.core.team.tree_edit import blob_at, tree_of
from editor.core.team.tree_merge import merge_commits

MAX_ROUNDS = 5  # pushes refused because others pushed first, before the sync gives up for now


@dataclass
class SyncReport:
    brought: int = 0  # posts this library took changes of
    sent: int = 0  # commits sent to the remote
    conflicts: int = 0  # versions kept as conflict revisions, to look at
    kept: int = 0  # posts trashed on one side and changed on the other, kept
    changed_ids: set[int] = field(default_factory=set)
    problems: list[ImportFileError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [f"{self.brought} post(s) brought in", f"{self.sent} change(s) sent"]
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict(s) to look at")
        if self.kept:
            parts.append(f"{self.kept} post(s) kept out of the trash")
        text = "synced: " + ", ".join(parts)
        if self.problems:
            text += f"; {len(self.problems)} file(s) could not be read: " + ", ".join(str(p.path) for p in self.problems)
        return text

    @property
    def summary_he(self) -> str:
        parts = [f"{self.brought} פוסטים התעדכנו", f"{self.sent} שינויים נשלחו"]
        if self.conflicts:
            parts.append(f"{self.conflicts} התנגשויות לבדיקה")
        if self.kept:
            parts.append(f"{self.kept} פוסטים נשארו מחוץ לאשפה")
        text = "סונכרן: " + ", ".join(parts)
        if self.problems:
            text += f"; {len(self.problems)} קבצים לא נקראו: " + ", ".join(str(p.path) for p in self.problems)
        return text


def sync(library, *, wait: float = 30.0) -> SyncReport:
    """Synchronize the library with its team's remote; the last sync's outcome is recorded either way."""
    team = state.link(library)
    if team is None:
        raise TeamError(f"{library.path}: this library is not a team library (share it, or join one)",
                        "הספרייה הזאת אינה ספרייה משותפת: שתפו אותה או הצטרפו לספרייה משותפת")
    try:
        if not team.clone.is_dir():
            TeamClone.create(team.clone, team.url)  # lost or deleted: made again, and filled by the sync
        with locked(team.clone, wait=wait) as clone:
            if clone is None:
                raise TeamError("another sync of this library is running", "סנכרון אחר של הספרייה הזאת פועל כעת")
            report = _sync(library, clone, team.url)
    except TeamUnreachableError as error:
        said = offline(error)
        state.record_sync(library, ok=False, offline=True, summary=said.message, summary_he=said.message_he, problems=[])
        raise said from error
    except TeamError as error:
        state.record_sync(library, ok=False, offline=False, summary=error.message, summary_he=error.message_he,
                          problems=[])
        raise
    state.record_sync(library, ok=True, offline=False, summary=report.summary, summary_he=report.summary_he,
                      problems=[p.message for p in report.problems])
    return report


def _sync(library, clone: TeamClone, url: str) -> SyncReport:
    report = SyncReport()
    bodies = BodyMerger(clone.repo)
    tip = state.tip(library)
    if tip is not None and not clone.has_commit(tip):
        clone.fetch(url)
        if not clone.has_commit(tip):  # commits never sent, lost with the clone
            _adopt(library, clone, url, bodies, report)
    clone.align(state.tip(library))
    commit_pending(library, clone)
    for _ in range(MAX_ROUNDS):
        remote = clone.fetch(url)
        if remote is not None:
            check_team_tree(clone.repo, remote, url)
            _take(library, clone, remote, bodies, report)
        local = clone.ref(LOCAL_REF)
        if local is None or local == remote:
            return report
        ahead = clone.repo.ahead_behind(local, remote)[0] if remote is not None else _count(clone.repo, local)
        if clone.push(url):
            report.sent += ahead
            return report
    raise TeamError("the team library kept changing while this sync ran; sync again",
                    "הספרייה המשותפת השתנתה שוב ושוב בזמן הסנכרון; נסו לסנכרן שוב")


def _take(library, clone: TeamClone, remote: pygit2.Oid, bodies: BodyMerger, report: SyncReport) -> None:
    """Make the library hold `remote` merged with its own commit (a fast-forward when it can be)."""
    repo = clone.repo
    tip_hex = state.tip(library)
    tip = pygit2.Oid(hex=tip_hex) if tip_hex else None
    if tip == remote or (tip is not None and repo.descendant_of(tip, remote)):
        return
    if tip is None or repo.descendant_of(remote, tip):
        target = remote
    else:
        sig = signature(library, repo)
        merged = merge_commits(repo, tip, remote, bodies=bodies, our_name=sig.name)
        report.kept += merged.kept
        report.problems.extend(merged.problems)
        target = repo.create_commit(None, sig, sig, "מיזוג עם הספרייה המשותפת\n", merged.tree, [tip, remote])
    old_tree = tree_of(repo, tip) if tip is not None else None
    with library.transaction() as db:
        before = outbox.last_id(db)
        brought = bring_in(library, repo, old_tree, tree_of(repo, target), bodies=bodies,
                           changes=changes_between(repo, tip, target))
        outbox.drop_after(db, before)  # what came in is in the repository already
        state.set_tip(library, str(target))
    clone.set_ref(LOCAL_REF, target)
    report.brought += brought.created + brought.updated
    report.conflicts += brought.conflicts
    report.changed_ids |= brought.changed
    report.problems.extend(brought.problems)


def _adopt(library, clone: TeamClone, url: str, bodies: BodyMerger, report: SyncReport) -> None:
    """A clone that lacks the library's commit (lost, deleted): the library takes the remote's branch
    as if joining it, merging with no common version (a post that differs keeps this library's text,
    the remote's as a conflict revision), and marks what it holds that the branch lacks, to send it."""
    remote = clone.ref(REMOTE_REF)
    if remote is None:
        raise TeamError(f"{url}: the team repository is empty, and the clone beside the library is lost",
                        "המאגר המשותף ריק, והעותק המקומי של הספרייה המשותפת אבד")
    check_team_tree(clone.repo, remote, url)
    repo = clone.repo
    tree = tree_of(repo, remote)
    with library.transaction() as db:
        before = outbox.last_id(db)
        brought = bring_in(library, repo, None, tree, bodies=bodies, changes=changes_between(repo, None, remote))
        outbox.drop_after(db, before)
        for summary in library.list_posts() + library.list_posts(trash=True):
            post = library.get_post(summary.id)
            uid = library.post_uid(post.id)
            path = layout.post_path(uid, post.slug)
            if blob_at(repo, tree, path) != to_text(record_of(library, post)).encode("utf-8"):
                outbox.mark(db, uid, "post", "save")
            outbox.mark(db, uid, "review", "comment")  # only review files the branch lacks are written
        state.set_tip(library, str(remote))
    report.conflicts += brought.conflicts
    report.changed_ids |= brought.changed
    report.problems.extend(brought.problems)


def _count(repo: pygit2.Repository, head: pygit2.Oid) -> int:
    return sum(1 for _ in repo.walk(head))
