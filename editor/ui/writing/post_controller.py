"""The open post: opening, creating and switching posts, feeding edits to autosave and the preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.editing.session import EditSession
from editor.core.errors import KtavError
from editor.core.export.site import load_site_settings
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.preview.page import PreviewContext, related_covers
from editor.core.related import EXPORTED_RELATED, RelatedService
from editor.core.review import workflow as review
from editor.ui.background import Background
from editor.ui.preview.live import LivePreview
from editor.ui.writing.autosave import Autosaver


class PostController(QObject):
    """Keeps the editor, the details panel and the preview on one post and its EditSession.

    `postOpened(id)` (0 for a new post not stored yet); `postEdited(Post)` after each edit;
    `textTaken(text, change)` after each edit of the text, with where it changed when known;
    `stored(Post)` once the library holds the open post's text (an autosave, a status move);
    `statusChanged(Post)` after a status move; `revisionSaved(Post)` after an explicit save;
    `problem(message_he)` when an action was refused (a status move, a switch while the text
    cannot be saved). `user_name()` gives the name that signs moves and saves (None: cancelled).

    A keystroke only notes that the text changed: the editor's whole text (which it keeps up edit by
    edit) is taken once the event loop turns (after the key is drawn; once for keys that come
    together), and at once whenever the session is asked for or a save begins, so nothing ever sees
    an older text; a save takes it as the document itself holds it. Other edits (a panel's, a
    formatting action's, a paste) are taken in at once, as they come.
    """

    postOpened = Signal(int)
    postEdited = Signal(object)
    textTaken = Signal(object, object)  # the post's text, changed, and where: (start, end) in it, or None
    stored = Signal(object)
    statusChanged = Signal(object)
    revisionSaved = Signal(object)
    problem = Signal(str)

    def __init__(self, library: Library, editor, details, preview: LivePreview, autosaver: Autosaver,
                 related: RelatedService | None = None, parent: QObject | None = None, *,
                 user_name: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.user_name = user_name or (lambda: review.user_name(self.library))
        self.related = related
        self.editor = editor
        self.details = details
        self.preview = preview
        self.autosaver = autosaver
        self._session: EditSession | None = None
        self._text_changed = False
        self._catch_up = QTimer(self, singleShot=True, interval=0)
        self._catch_up.timeout.connect(self.take_edits)
        autosaver.before_save = self._take_exact_text
        self._site = self._load_site()
        self._related: tuple[Post, ...] = ()
        self._jobs = Background(self)
        self._covers: tuple[tuple[int, str], ...] = ()

    @property
    def session(self) -> EditSession | None:
        """The open post's session, holding the editor's newest text."""
        self.take_edits()
        return self._session

    @property
    def edits_pending(self) -> bool:
        """Whether the editor has text the session, autosave and preview have not taken yet (it is
        taken once the event loop turns after a key)."""
        return self._text_changed

    @property
    def post_id(self) -> int | None:
        return self.session.post_id if self.session else None

    def open_post(self, post_id: int) -> bool:
        """Show a stored post; False (and the current post stays) when the current text cannot be saved."""
        if post_id == self.post_id:
            return True
        if not self.autosaver.save_now():
            self.problem.emit(self.tr("The open post could not be saved, so it stays open."))
            return False
        try:
            post = self.library.get_post(post_id)
        except KtavError as error:
            self.problem.emit(error.message_he)
            return False
        self._show(post)
        return True

    def new_post(self) -> bool:
        """Start an empty post; it is stored with its first keystroke."""
        if not self.autosaver.save_now():
            self.problem.emit(self.tr("The open post could not be saved, so it stays open."))
            return False
        self._show(Post(title="", author=review.user_name(self.library)))
        return True

    def reload(self, post: Post | None = None) -> list[Callable[[], None]]:
        """Show the stored post again after the library changed it (a sync, a restore, an imported
        bundle), where the writer is: the caret and the page stay, only what changed is replaced.
        The caller saves the open text first; the undo history starts over.

        Only the text and the post's fields are shown now. What follows them (the page, the cover and
        tags, the related cards, then `postOpened` for the panels) is returned as steps, for the
        caller to run on later turns of the event loop; a step does nothing once another post (or
        this one anew) is shown."""
        if self.post_id is None:
            return []
        post = post if post is not None else self.library.get_post(self.post_id)
        session = self._start_session(post)
        self.details.set_post(post)
        self.editor.take_in_changed(post.body)

        def while_shown(step: Callable[[], object]) -> Callable[[], None]:
            return lambda: None if self._session is not session else step()

        return [while_shown(lambda: self.preview.update(self.session.post.body, self._context(), immediately=True)),
                while_shown(lambda: self._show_cover_and_tags(post)),
                while_shown(lambda: self._ask_for_related(post)),
                while_shown(lambda: self.postOpened.emit(post.id or 0))]

    def _show(self, post: Post) -> None:
        self._start_session(post)
        self._related = ()
        self._ask_for_related(post)
        self.details.set_post(post)
        self._show_cover_and_tags(post)
        self.editor.set_text(post.body, reset_undo=True)
        self.preview.start_over(post.body, self._context())
        self.postOpened.emit(post.id or 0)

    def _start_session(self, post: Post) -> EditSession:
        self._catch_up.stop()
        self._text_changed = False  # the text of the post left was saved (or refused) before this
        self._session = EditSession(self.library, post, author=review.user_name(self.library))
        self.autosaver.set_session(self._session)
        return self._session

    def _show_cover_and_tags(self, post: Post) -> None:
        self.details.set_cover(self._stored_cover(post))
        self.details.set_known_tags(self.library.all_tags())

    def on_saved(self, post_id: int) -> None:
        """Autosave committed the open post."""
        if self.session is not None and self.session.post_id == post_id:
            self.stored.emit(self.session.post)

    def close_post(self) -> None:
        """Leave the open post (it went to the trash): its last words are saved with it first."""
        self.autosaver.save_now()
        self.autosaver.set_session(None)
        self._session = None

    def on_text_edited(self) -> None:
        """The writer changed the text: a key's edit is taken in once the event loop turns, any other
        at once (see the class docstring)."""
        if self._session is None:
            return
        self._text_changed = True
        if getattr(self.editor, "typing", False):
            self._catch_up.start()
        else:
            self.take_edits()

    def take_edits(self) -> None:
        """Bring the session, autosave and the preview up to the editor's text, if it changed."""
        if not self._text_changed:
            return
        self._text_changed = False
        self._catch_up.stop()
        session = self._session
        if session is None:
            return
        text = self.editor.text()
        change = self.editor.take_change()
        if session.update(body=text):
            self.autosaver.edited()
            self.postEdited.emit(session.post)
            self.textTaken.emit(text, change)
        self.preview.update(text, self._context())

    def _take_exact_text(self) -> None:
        """Before a save: the edits, then the text as the document holds it (the kept text the keys
        read is never trusted with what is stored)."""
        self.take_edits()
        session = self._session
        if session is not None and session.update(body=self.editor.exact_text()):
            self.autosaver.edited()
            self.postEdited.emit(session.post)
            self.textTaken.emit(session.post.body, None)
            self.preview.update(session.post.body, self._context())

    def on_details_edited(self, fields: dict) -> None:
        if self.session is not None and self.session.update(**fields):
            self.autosaver.edited()
            self.postEdited.emit(self.session.post)
            self.preview.update(self.editor.text(), self._context())

    def site_changed(self) -> None:
        """Preview with the site settings as now stored (after the site settings form saved them)."""
        self._site = self._load_site()
        if self.session is not None:
            self.preview.update(self.editor.text(), self._context())

    def related_changed(self) -> None:
        if self.session is not None:
            self._ask_for_related(self.session.post)

    def _ask_for_related(self, post: Post) -> None:
        """The related cards of the page, chosen off the UI thread (at 10,000 posts the first choice
        builds the related index): the preview shows them once they are known."""
        if post.id is None or self.related is None:
            return
        post_id = post.id
        self._jobs.run(lambda: self._related_posts(post), lambda found: self._related_known(post_id, found),
                       receiver=self)

    def _related_known(self, post_id: int, found) -> None:
        if isinstance(found, Exception) or self.session is None or self.session.post_id != post_id:
            return
        if found != self._related:
            self._related = found
            self.preview.update(self.editor.text(), self._context())

    def _stored_cover(self, post: Post) -> str | None:
        try:
            return self.library.cover_image(post.id) if post.id is not None else None
        except KtavError:
            return None

    def choose_cover(self, sha256: str) -> bool:
        """Store the writer's choice of cover for the open post ("" for its first picture)."""
        session = self.session
        try:
            if session is None or not self.autosaver.save_now() or session.post_id is None:
                raise KtavError("not saved", self.tr("Write and save the post before choosing its cover."))
            self.library.set_cover_image(session.post_id, sha256 or None)
        except KtavError as error:
            self.details.set_cover(self._stored_cover(session.post) if session else None)
            self.problem.emit(error.message_he)
            return False
        self.details.set_cover(sha256 or None)
        return True

    def change_status(self, status: Status, note: str = "") -> bool:
        """Move the post through the review workflow (its edits are saved first)."""
        session = self.session
        if session is None or status == session.post.status:
            return False
        try:
            if not self.autosaver.save_now() or session.post_id is None:
                raise KtavError("not saved", self.tr("Write and save the post before changing its status."))
            # A forbidden move is refused by the core before anyone is asked for a name.
            author = self.user_name() if review.can_move(session.post.status, status) else ""
            if author is None:
                self.details.set_status(session.post.status)
                return False
            stored = review.change_status(self.library, session.post_id, status, author, note)
        except KtavError as error:
            self.details.set_status(session.post.status)
            self.problem.emit(error.message_he)
            return False
        self.adopt_status(stored)
        return True

    def adopt_status(self, stored: Post) -> None:
        """Take a status move made in the library (here or in review mode) without marking edits."""
        session = self.session
        if session is None or session.post_id != stored.id:
            return
        dated = stored.date != session.post.date  # publishing dates an undated post
        session.adopt(status=stored.status, date=stored.date, slug=stored.slug, updated_at=stored.updated_at)
        if dated:
            self.details.set_post(session.post)
        self.details.set_status(stored.status)
        self.stored.emit(session.post)
        self.statusChanged.emit(session.post)

    def save_revision(self, note: str = "") -> bool:
        """The writer's explicit save: the text is saved and kept as a revision in the history
        (unless the newest revision already holds it), and the comments are re-anchored to it."""
        session = self.session
        if session is None or not self.autosaver.save_now():
            return False
        if session.post_id is None:
            self.problem.emit(self.tr("Write something first: an empty new post is not saved."))
            return False
        try:
            if not self._newest_revision_holds(session.post_id):
                author = self.user_name() or ""  # a save is not held back by an unanswered name
                self.library.add_revision(session.post_id, RevisionReason.SAVE, author=author, note=note)
            review.refresh_anchors(self.library, session.post_id, session.post.body)
        except KtavError as error:
            self.problem.emit(error.message_he)
            return False
        self.revisionSaved.emit(session.post)
        return True

    def _newest_revision_holds(self, post_id: int) -> bool:
        revisions = self.library.revisions(post_id)
        stored = self.library.get_post(post_id).content_fields()
        stored["related"] = self.library.related_choices(post_id)
        return bool(revisions) and revisions[-1].snapshot == stored

    def _context(self) -> PreviewContext:
        """What the page needs besides the text: the post's fields (its body goes once, as the text)."""
        return PreviewContext(self.session.post.copy(body=""), self._related, self._site, self._covers)

    def _related_posts(self, post: Post) -> tuple[Post, ...]:
        """The related block as export will print it: the writer's choices, then suggestions (and their
        covers, kept for the cards' pictures)."""
        self._covers = ()
        if post.id is None or self.related is None:
            return ()
        try:
            chosen = self.related.chosen_related(post.id, count=EXPORTED_RELATED)
        except KtavError:
            return ()
        shown = [p for p in chosen if p.id != post.id][:EXPORTED_RELATED]
        try:
            self._covers = related_covers(self.library, shown)
        except KtavError:
            pass
        # a card shows a post's title, lead, date, address and cover: its body is not sent with every keystroke
        return tuple(p.copy(body="") for p in shown)

    def _load_site(self):
        try:
            return load_site_settings(self.library)
        except KtavError:
            return None
