"""The desk's assembly: every part built once and every signal between parts connected here.

`build(window, ...)` makes the parts and hangs them on the window, which lays them out and owns
its menus; `connect(window)` is the one list of who hears whom. Parts never reach into each other:
a part says what happened (its own signals, or `DeskEvents`) and the assembly decides who reacts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QUrl

from editor.core.errors import KtavError
from editor.core.library.images import THUMBNAIL_ASK, image_source
from editor.core.preview.page import render_preview
from editor.core.related import RelatedService
from editor.ui import settings_store as keys
from editor.ui.desk.catch_up import CatchUp
from editor.ui.desk.incoming import IncomingFiles
from editor.ui.desk.save_banner import SaveBanner
from editor.ui.events import DeskEvents, LibraryChange
from editor.ui.library.details_panel import DetailsPanel
from editor.ui.library.post_list import PostList
from editor.ui.library.related_panel import RelatedPanel
from editor.ui.preview.live import LivePreview, create_preview_view
from editor.ui.publish.publish_desk import PublishDesk
from editor.ui.review.review_desk import ReviewDesk
from editor.ui.review.review_mode import ensure_user_name
from editor.ui.team.team_desk import TeamDesk
from editor.ui.writing.autosave import Autosaver
from editor.ui.writing.image_dialog import ImageText
from editor.ui.writing.image_dialog import describe_image as ask_image_text
from editor.ui.writing.images_panel import ImagesPanel
from editor.ui.writing.post_controller import PostController
from editor.ui.writing.source_editor import SourceEditor
from editor.ui.writing.spelling_desk import SpellingDesk
from editor.ui.writing.typing_pause import TypingPause


def build(window, library, settings, *, open_external: Callable[[QUrl], object] | None,
          render: Callable | None, describe_image: Callable[[str], ImageText | None] | None,
          spelling_places=None, related_elsewhere: bool = False) -> None:
    """The desk's parts, as attributes of `window` (with `related_elsewhere`, the related index is kept
    in a process of its own: `related.child`)."""
    window.events = DeskEvents(window)
    window.catch_up = CatchUp(window, wanted=lambda: not library.closed)
    window.post_list = PostList(library, window.confirm, settings.get(keys.LIST_ORDER))
    window.editor = SourceEditor()
    window.spelling = SpellingDesk(window.editor.spelling, library, settings, places=spelling_places, parent=window)
    window.preview_view = create_preview_view(image_source(library), open_external)
    window.preview = LivePreview(window.preview_view, render or render_preview, parent=window)
    window.details = DetailsPanel()
    window.images_panel = ImagesPanel(image_source(library, ask=THUMBNAIL_ASK))
    # the related index loads between bursts of keys, and not while a sync runs or its views catch up
    window.typing_pause = TypingPause(busy=lambda: window.team.syncing or window.catch_up.pending)
    window.related = related_service(library, window.typing_pause.wait, elsewhere=related_elsewhere)
    window.related_panel = RelatedPanel(window.related)
    window.banner = SaveBanner()
    window.autosaver = Autosaver(parent=window)
    window.controller = PostController(library, window.editor, window.details, window.preview, window.autosaver,
                                       window.related, window,
                                       user_name=lambda: ensure_user_name(window, library))
    window.review = ReviewDesk(library, window.controller, window.editor, window.preview, window.preview_view,
                               window.events, dialog_parent=window, open_external=open_external)
    window.publish = PublishDesk(library, settings, window.controller, window.events,
                                 dialog_parent=window, open_external=open_external,
                                 spell_checker=lambda: window.spelling.checker)
    window.incoming = IncomingFiles(library, window.editor, window.events, dialog_parent=window,
                                    describe_image=describe_image or (lambda name: ask_image_text(window, name)),
                                    import_files=window.publish.import_files)
    window.team = TeamDesk(library, window.events, window.autosaver, dialog_parent=window)


def related_service(library, pace: Callable[[], None], *, elsewhere: bool) -> RelatedService:
    """The related engine of the window: in a process of its own when asked (and one can start), else
    in this one, built between bursts of keys and with the cycle collector held."""
    if elsewhere:
        from editor.core.related.child import RelatedProcess

        try:
            return RelatedProcess(library, pace=pace)
        except OSError as error:
            print(f"ktav: the related posts stay in the window's process ({error})", file=sys.stderr)
    return RelatedService(library, pace=pace, hold_collector=True)


def connect(window) -> None:
    """Who hears whom, in one place."""
    events, editor, controller, autosaver = window.events, window.editor, window.controller, window.autosaver
    post_list, related_panel, review, preview = window.post_list, window.related_panel, window.review, window.preview

    # the desk's messages
    events.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    events.problem.connect(window.show_problem)
    events.openRequested.connect(window.open_post)
    events.libraryChanged.connect(lambda change: library_changed(window, change))
    events.postStored.connect(lambda post: post_stored(window, post))

    # writing
    editor.textEdited.connect(controller.on_text_edited)
    editor.textEdited.connect(window.typing_pause.key)
    editor.cursorLineChanged.connect(preview.follow_line)
    editor.focusLost.connect(autosaver.save_now)
    editor.imageRequested.connect(window.incoming.choose_picture)
    editor.filesDropped.connect(window.incoming.drop_files)
    editor.imagePasted.connect(lambda data, at: window.incoming.insert_picture(data, "", at))
    editor.paste_converter = window.incoming.markdown_of_pasted_html
    window.details.edited.connect(controller.on_details_edited)
    window.details.statusRequested.connect(controller.change_status)
    window.details.warningActivated.connect(editor.go_to_line)
    window.details.coverChosen.connect(controller.choose_cover)
    controller.postOpened.connect(lambda _id: window.images_panel.show_text(editor.text()))
    controller.textTaken.connect(window.images_panel.show_text)
    window.images_panel.editRequested.connect(editor.apply_edit)
    window.images_panel.imagesChanged.connect(window.details.set_cover_options)
    autosaver.stateChanged.connect(window.show_save_state)
    autosaver.saved.connect(controller.on_saved)
    autosaver.failed.connect(window.show_save_failure)
    window.banner.retryRequested.connect(autosaver.save_now)
    controller.stored.connect(events.postStored)
    controller.postOpened.connect(window.on_post_opened)
    controller.problem.connect(events.problem)
    preview.resultReady.connect(window.show_preview_result)
    preview.renderFailed.connect(window.show_render_failure)

    # the library: the list, related posts
    post_list.postSelected.connect(window.open_post)
    post_list.newPostRequested.connect(window.new_post)
    post_list.trashed.connect(events.posts_removed)
    post_list.trashed.connect(window.offer_undo_trash)
    post_list.restored.connect(events.posts_changed)
    controller.postEdited.connect(related_panel.text_changed)
    related_panel.choicesChanged.connect(controller.related_changed)

    # review
    review.connect_own_parts()
    controller.postOpened.connect(review.on_post_opened)
    controller.postEdited.connect(review.on_text_edited)
    controller.statusChanged.connect(review.on_status_changed)
    controller.revisionSaved.connect(review.on_revision_saved)
    events.postStored.connect(review.on_post_stored)
    preview.rendered.connect(review.mark_comments)
    review.reviewModeToggled.connect(lambda on: window.formatting_toolbar.setEnabled(not on))

    # publishing
    window.publish.lineRequested.connect(editor.go_to_line)
    window.publish.siteChanged.connect(controller.site_changed)

    # spelling: the dictionaries load in the background (the blog's words follow a library change)
    window.spelling.message.connect(events.message)
    window.spelling.problem.connect(events.problem)
    window.spelling.start()

    # the team library: a commit after each kept revision; a conflict shown in the post's history
    controller.revisionSaved.connect(lambda _post: window.team.commit_soon())
    window.team.conflictRequested.connect(lambda post_id: show_conflict(window, post_id))


RELATED_POSTS_PER_STEP = 32  # posts read again for the related index in one turn of the event loop


def library_changed(window, change: LibraryChange) -> None:
    """An action changed the library: every view catches up (the one place this is done), one step a
    turn of the event loop (`window.catch_up`): the related index hears of the changed posts, the open
    post is shown anew (only when the change touched it), the list's rows follow, then the suggestions."""
    controller, catch_up = window.controller, window.catch_up
    open_id = controller.post_id
    if open_id is not None and open_id in change.removed:  # at once: the writer moved it to the trash
        controller.close_post()
        window.open_first_post()
    catch_up.add(lambda: index_related(window, change))  # queued for the index: the open post's cards see it
    if change.touches(open_id) and open_id not in change.removed:  # its suggestions are asked for anew
        catch_up.add(lambda: reload_open_post(window, open_id))
    if change.everything or change.removed:
        catch_up.add(window.post_list.refresh)
    else:  # a few rows read on this thread, not the whole list on a worker beside the steps
        catch_up.add(lambda: window.post_list.posts_changed(change.changed))
    catch_up.add(lambda: window.post_list.select(controller.post_id))
    if not change.touches(open_id):
        catch_up.add(window.related_panel.refresh_now)  # the changed posts may be suggested now, or not
        catch_up.add(controller.related_changed)  # and the page's cards chosen among them
    if change.blog_words:
        catch_up.add(window.spelling.library_changed)


def reload_open_post(window, post_id: int) -> None:
    """The open post as the library now holds it: the text at once, the rest in the next turns."""
    controller = window.controller
    if controller.post_id != post_id:  # the writer opened another meanwhile: it was read as it is
        return
    window.autosaver.save_now()  # keys typed since the change are in before the text is replaced
    window.catch_up.add_next(*controller.reload())


def index_related(window, change: LibraryChange) -> None:
    """The related index follows the posts the change touched, as stored, a few posts a turn."""
    for post_id in change.removed:
        window.related.post_removed(post_id)
    ids = change.changed if not change.everything else tuple(s.id for s in window.library.list_posts())
    window.catch_up.add_next(*(lambda chunk=ids[start:start + RELATED_POSTS_PER_STEP]: index_related_posts(window, chunk)
                               for start in range(0, len(ids), RELATED_POSTS_PER_STEP)))


def index_related_posts(window, post_ids) -> None:
    for post_id in post_ids:
        try:
            window.related_panel.post_saved(window.library.get_post(post_id))
        except KtavError:  # gone since
            window.related.post_removed(post_id)


def post_stored(window, post) -> None:
    """The open post's text is in the library: its row, its related index and its slug follow."""
    if not window.banner.read_only:
        window.banner.hide()
    window.related_panel.post_saved(post)
    window.controller.related_changed()  # the page's cards, as export will choose them from the new text
    window.post_list.post_changed(post.id)  # that row only: the list is never read again for a save
    window.post_list.select(post.id)
    if not window.details.slug.hasFocus():
        window.details.slug.setText(post.slug)  # the library may have made it


def show_conflict(window, post_id: int) -> None:
    """Open the post and its history on its newest conflict version, with the word diff."""
    window.open_post(post_id)
    if window.controller.post_id != post_id:
        return
    window.review.show_history()
    window.review.history.set_post(post_id)
    window.review.history.select_newest_conflict()
