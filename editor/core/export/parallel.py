"""A big export on worker processes: the Markdown and the spell check while this one chooses related
posts, then the files.

Workers are forked where the system can fork (they start at once, with the modules loaded) and
spawned elsewhere (Windows, macOS, a frozen Ktav there); either way they are given what they need as
their task's arguments, and send back only results: the output is the same byte for byte.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from editor.core.errors import ExportError
from editor.core.export import disk_sync
from editor.core.export.atomic import FileDigest, StagedFiles, file_digest
from editor.core.forked import MIN_PATIENCE_S, die_with_parent, in_two

MIN_POSTS_PER_WORKER = 16
FOLDERS_PATIENCE_S = 5.0  # how long the files' first worker is waited for to make the folders
CHUNK_UNITS = 8  # posts per claim of the first pass: small, so the processes end together
WRITE_CHUNK = 8  # posts per claim of the files' pass (forked workers)
SEND_CHUNKS = 8  # a worker's first-pass chunks sent back together (one message per 64 posts)
WORKER_CHECK_S = 0.2  # how often a worker's result, still awaited, is checked for the worker having died
ENDING_PATIENCE_S = 5.0  # how long a thread or process that must end (the export is stopping) is waited for

if TYPE_CHECKING:
    from editor.core.spelling.portable import PortableSpelling


class PostFiles(Protocol):
    """Makes a post's files (`post_files(post)` -> {path: bytes}) without the library, and can be pickled."""

    def __call__(self, post: Any) -> dict[str, bytes]: ...

    def share(self, posts: list) -> PostFiles:
        """What making these posts' files needs and no more (sent to one worker)."""
        ...


def start_method(requested: str | None = None) -> str:
    """`fork` where this system has it, else `spawn`; or the method asked for (a test asks for spawn)."""
    import multiprocessing  # here: an export of a few posts starts no process

    available = multiprocessing.get_all_start_methods()
    if requested is not None:
        if requested not in available:
            raise ExportError(f"start method {requested!r} is not available here ({', '.join(available)})",
                              f"שיטת ההפעלה {requested} אינה זמינה במערכת הזו ({', '.join(available)})")
        return requested
    return "fork" if "fork" in available else "spawn"


def _usable(workers: int, posts: list) -> int:
    return min(workers, len(posts) // MIN_POSTS_PER_WORKER)


def use_workers(workers: int, posts: list) -> bool:
    return _usable(workers, posts) >= 2


class Unit(NamedTuple):
    """One post's share of the first pass: its body to render (None: its render is kept), the folder
    to make for its files once rendered (None: none), and its texts the spell check has to answer."""

    body: str | None
    folder: str | None
    texts: list[str]


class Prepared(NamedTuple):
    """The first pass done: each unit's render (None where none was asked; a RenderTooComplex where the
    render refused), the folders made, each text's misspellings as [word, line, count] lists, and what
    the workers' dictionaries answered word by word (to be kept with this process's answers)."""

    rendered: list
    made: list[Path]
    spelled: dict[str, list[list]]
    answers: dict[str, bool]


def prepare_all(units: list[Unit], workers: int, *, to_analyze: Sequence[Any] = (),
                meanwhile: Callable[[dict[int, Any]], None] = lambda analyses: None,
                out_dir: Path | None = None, spelling: PortableSpelling | None = None,
                misspellings: Callable[[str], list] | None = None, method: str | None = None,
                render_aside: bool = False) -> Prepared:
    """Render the units' bodies and spell-check their texts with `workers` processes in all.

    With workers, all of them first analyze `to_analyze` for the related index (posts it has no
    analysis of); then `workers - 1` others go on to the units while this one runs `meanwhile(analyses)`
    (choosing the related posts), then this one joins them. They share each step by claiming small
    chunks of it in turn, so each does what it has time for whatever its speed. With one worker or
    little to do, `meanwhile({})` runs first (the index analyzes what it lacks) and this process does it all;
    or, `render_aside` (the command line, where processes fork), the bodies are rendered in a forked copy
    while this one runs `meanwhile({})` (`forked.in_two`): after a body edited, the Markdown is imported
    and run there (~0.03 s), beside the related posts being chosen here, and never here.
    Workers get the posts, bodies and texts (and `spelling`, the checker as plain data) and never touch
    the library; this process answers with `misspellings`, the same checker's. Folders are made under
    `out_dir` (given) once their posts rendered; the caller adopts or removes them.
    """
    chunks = _chunks(units)
    workers = min(workers, (len(units) + len(to_analyze)) // MIN_POSTS_PER_WORKER)
    if workers < 2:
        def work_all() -> dict[int, tuple]:
            return {n: _work(chunk, misspellings, out_dir) for n, chunk in enumerate(chunks)}

        # Aside only what needs nothing of this process back but the renders (no folder, no spell check).
        bodies = sum(unit.body is not None for unit in units)
        if render_aside and out_dir is None and bodies and not any(unit.texts for unit in units):
            from editor.core.render.limits import RENDER_TIME_BUDGET

            # Each render stops at its time budget: the copy is waited for as long as they may take.
            _, done = in_two(_run, lambda: meanwhile({}), work_all,
                             min_patience=MIN_PATIENCE_S + bodies * RENDER_TIME_BUDGET)
            return _collect(units, done)
        meanwhile({})
        return _collect(units, work_all())
    import multiprocessing

    context = multiprocessing.get_context(start_method(method))
    sent_back = _SentBack(context, workers - 1)
    # The chunks claimed of each step, and where the workers send each chunk's results as they make it.
    claims = (context.Value("q", 0), context.Value("q", 0), (sent_back.writer, sent_back.lock))
    analysis_chunks = _chunks(list(to_analyze))
    work = (chunks, spelling, out_dir)
    with sent_back, _inheriting((analysis_chunks, work), method), _pool(workers - 1, method, claims) as pool:
        analyzing = [pool.apply_async(_analyze_in_worker, _sent(analysis_chunks, method)) for _ in range(workers - 1)]
        working = [pool.apply_async(_work_in_worker, _sent(work, method, 1)) for _ in range(workers - 1)]
        analyses = _claim_analyses(claims[0], analysis_chunks)
        for result in analyzing:
            analyses.update(pool.outcome(result))
        meanwhile(analyses)
        # This process makes no folder: the workers do while it chooses related posts, and `write_all`'s
        # first worker makes the rest (two processes making folders in one folder at once contend for it:
        # a third more of the kernel's time each).
        done = _claim_and_work(claims[1], chunks, misspellings, None)
        answers: dict[str, bool] = {}
        for result in working:
            answers.update(pool.outcome(result))
        done.update(sent_back.received())  # every chunk a worker made was sent before its task returned
    return _collect(units, done, answers)


class _SentBack:
    """The first pass's results, sent by the workers chunk by chunk as they make them and received here
    on a thread meanwhile: when the last worker ends only its last chunk is still to come. Sent whole at
    the end, 4,000 renders took 0.2-0.3 s to pickle, pass and unpickle at 5,000 posts, every other core idle.

    A pipe of its own, written under a lock by the workers only, each ending with None: this process never
    takes the lock (a worker killed while holding it would hold it for ever); should the pass fail, it
    closes its end of the pipe once the workers are ended, and the thread reads to the end of it."""

    def __init__(self, context, senders: int) -> None:
        import threading

        self._reader, self.writer = context.Pipe(duplex=False)
        self.lock = context.Lock()
        self._senders = senders
        self._got: dict[int, tuple] = {}
        self._ended = 0  # workers whose None came
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._receive, name="ktav-sent-back", daemon=True)

    def __enter__(self) -> _SentBack:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.writer.close()  # the workers are ended (the pool is left before): nothing more can come
        self._thread.join(timeout=ENDING_PATIENCE_S)
        self._reader.close()

    def _receive(self) -> None:
        while self._ended < self._senders:
            try:
                item = self._reader.recv()
            except (EOFError, OSError):
                return  # every writer closed: a worker stopped before its None (see `received`)
            except BaseException as error:  # a message that cannot be read
                self._failure = self._failure or error
                continue
            if item is None:
                self._ended += 1
            else:
                self._got.update(item)

    def received(self) -> dict[int, tuple]:
        """Every chunk sent (call once the workers' tasks have returned: each sent its None before)."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._got


def _send_back(results: tuple, item: list | None) -> None:
    """In a worker: `item` (chunks' results, or None at its end) to `_SentBack`, pickled outside the lock."""
    from multiprocessing.reduction import ForkingPickler

    writer, lock = results
    data = ForkingPickler.dumps(item)
    with lock:
        writer.send_bytes(data)


class WorkerLost(ExportError):
    """One of an export's worker processes ended in the middle of its work (killed: by the system short of
    memory, or by a user); what it had taken on will never come back."""

    def __init__(self) -> None:
        super().__init__(
            "an export worker process stopped unexpectedly (killed, or the system ran out of memory); "
            "no file was replaced: export again, or with --jobs 1",
            "תהליך עזר של הייצוא נעצר באמצע (נסגר, או שאזל הזיכרון במערכת); אף קובץ לא הוחלף: "
            "ייצאו שוב, או עם ‎--jobs 1")


def _abandon(pool) -> None:
    """End a pool one of whose workers was killed. `Pool.terminate` would wait for ever on a lock of its
    queues that a killed worker can hold (an idle one holds the task queue's while it waits for a task;
    the one started in a dead one's place does at once): the pool is stopped from starting others, its
    workers are killed, its threads (daemons, blocked on those queues) are left, and its own termination
    is cancelled (`with pool` and the interpreter's exit would run it)."""
    from multiprocessing import pool as pools

    pool._terminate.cancel()
    pool._state = pools.TERMINATE
    pool._worker_handler._state = pools.TERMINATE  # it starts no other worker once woken
    pool._change_notifier.put(None)
    pool._worker_handler.join(timeout=ENDING_PATIENCE_S)
    for worker in list(pool._pool):
        if worker.exitcode is None:
            worker.kill()
    for worker in list(pool._pool):
        worker.join(timeout=ENDING_PATIENCE_S)


def _run(task: Callable[[], Any]) -> Any:
    return task()


def analyze_while(waiting: Callable[[], bool], posts: list) -> tuple[dict[int, Any], list]:
    """Analyze posts for the related index here, a chunk at a time, while `waiting()` (the workers are
    forked once the Hebrew dictionary is loaded, so that they find it loaded): their analyses, and
    the posts left for `prepare_all`."""
    from editor.core.related.analyzer import analyze

    analyses: dict[int, Any] = {}
    done = 0
    while done < len(posts) and waiting():
        analyses.update((post.id, analyze(post)) for post in posts[done:done + CHUNK_UNITS])
        done += CHUNK_UNITS
    return analyses, posts[done:]


# In a forked worker: what its tasks read, set in this process just before the fork and never pickled
# (pickling the posts, their renders and pages to the workers and back cost more than making them at
# 5,000 posts); None in a spawned one, whose tasks carry it as their arguments.
_inherited: tuple | None = None


@contextlib.contextmanager
def _inheriting(value: tuple, method: str | None) -> Iterator[None]:
    """`value` for the workers forked in the block to find as `_inherited` (with fork only)."""
    global _inherited
    if start_method(method) != "fork":
        yield
        return
    _inherited = value
    try:
        yield
    finally:
        _inherited = None


def _sent(value: Any, method: str | None, part: int = 0) -> tuple:
    """A task's arguments: `value` itself to a spawned worker, else the part of `_inherited` it is."""
    return (None, part) if start_method(method) == "fork" else (value, part)


def _received(value: Any, part: int) -> Any:
    return _inherited[part] if value is None and _inherited is not None else value


def _chunks(items: list) -> list[list]:
    return [items[start:start + CHUNK_UNITS] for start in range(0, len(items), CHUNK_UNITS)]


def _claim(claims) -> int:
    with claims.get_lock():
        number = claims.value
        claims.value = number + 1
    return number


def _analyze_in_worker(chunks: list[list] | None, part: int) -> dict[int, Any]:
    return _claim_analyses(_claims[0], _received(chunks, part))


def _claim_analyses(claims, chunks: list[list]) -> dict[int, Any]:
    from editor.core.related.analyzer import analyze

    analyses: dict[int, Any] = {}
    while (number := _claim(claims)) < len(chunks):
        analyses.update((post.id, analyze(post)) for post in chunks[number])
    return analyses


def _collect(units: list[Unit], done: dict[int, tuple], answers: dict[str, bool] | None = None) -> Prepared:
    rendered: list = []
    made: list[Path] = []
    spelled: dict[str, list[list]] = {}
    for number in range(len(done)):
        chunk_rendered, chunk_made, chunk_spelled = done[number]
        rendered += chunk_rendered
        made += chunk_made
        spelled.update(chunk_spelled)
    assert len(rendered) == len(units)
    for number, (unit, result) in enumerate(zip(units, rendered)):  # a worker's renders come without it
        if unit.body and getattr(result, "source", None) == "":
            from dataclasses import replace

            rendered[number] = replace(result, source=unit.body)
    return Prepared(rendered, made, spelled, answers or {})


_claims: Any = None  # in a worker: the counts of chunks claimed of each step, shared by all (set at its start)


def _work_in_worker(task: tuple[list[list[Unit]], PortableSpelling | None, Path | None] | None, part: int
                    ) -> dict[str, bool]:
    """The units of the chunks this worker claims, each chunk's results sent back as soon as made
    (`_SentBack`); returns what its dictionary answered word by word."""
    chunks, spelling, out_dir = _received(task, part)
    checker = None
    if spelling is not None and any(unit.texts for chunk in chunks for unit in chunk):
        checker = spelling.checker()
    results = _claims[2]
    unsent: list[tuple[int, tuple]] = []

    def send(number: int, made: tuple) -> None:
        rendered, folders, spelled = made
        unsent.append((number, ([_without_source(result) for result in rendered], folders, spelled)))
        if len(unsent) >= SEND_CHUNKS:
            _send_back(results, unsent[:])
            unsent.clear()

    _claim_and_work(_claims[1], chunks, checker.misspellings if checker is not None else None, out_dir, send)
    if unsent:
        _send_back(results, unsent)
    _send_back(results, None)
    return spelling.new_answers(checker) if spelling is not None and checker is not None else {}


def _without_source(result: Any) -> Any:
    """A render to send back without its source: the unit's body, which the parent has (`_collect`)."""
    from dataclasses import replace

    return replace(result, source="") if getattr(result, "source", "") else result


def _claim_and_work(claims, chunks: list[list[Unit]], misspellings: Callable[[str], list] | None,
                    out_dir: Path | None, send: Callable[[int, tuple], None] | None = None) -> dict[int, tuple]:
    """The chunks this process claims, worked: by number, or each given to `send` as it is done."""
    done = {}
    while (number := _claim(claims)) < len(chunks):
        made = _work(chunks[number], misspellings, out_dir)
        if send is not None:
            send(number, made)
        else:
            done[number] = made
    return done


def _work(chunk: list[Unit], misspellings: Callable[[str], list] | None,
          out_dir: Path | None) -> tuple[list, list[Path], dict[str, list[list]]]:
    rendered: list = [None] * len(chunk)
    if any(unit.body is not None for unit in chunk):  # the pipeline (Markdown, Pygments) imported only to render
        from editor.core.render.pipeline import render_or_error

        rendered = [None if unit.body is None else render_or_error(unit.body) for unit in chunk]
    spelled: dict[str, list[list]] = {}
    if misspellings is not None:
        for text in (text for unit in chunk for text in unit.texts):
            spelled[text] = [[m.word, m.line, m.count] for m in misspellings(text)]
    made: list[Path] = []
    if out_dir is not None:
        with StagedFiles(out_dir) as staged:
            for unit, result in zip(chunk, rendered):
                if unit.folder is not None and result is not None and not isinstance(result, Exception):
                    staged.make_folder(out_dir / unit.folder)
            _, made = staged.detach()
    return rendered, made, spelled


def pool_maker(method: str | None = None) -> Callable[[int], object]:
    """What makes worker processes for an export's other batch work (its pictures): like the ones
    here, they die with this process; forked where the system can, else spawned (`method` overrides)."""
    return functools.partial(_pool, method=method)


def _pool(processes: int, method: str | None, claims: Any = None):
    """Worker processes that die with this process (a parent killed outright leaves no worker running);
    `claims`: the shared counts of `prepare_all`'s chunks."""
    import multiprocessing

    context = multiprocessing.get_context(start_method(method))
    return _checked_pool()(processes, initializer=_start_worker, initargs=(os.getpid(), claims), context=context)


@functools.lru_cache(maxsize=1)
def _checked_pool() -> type:
    """multiprocessing's Pool that raises WorkerLost when a worker dies under its results (a dead worker's
    never come): `outcome(result)` for `apply_async`'s, and its `imap_unordered` (made here: multiprocessing
    is imported only by an export that starts processes)."""
    import multiprocessing
    import multiprocessing.pool

    class CheckedPool(multiprocessing.pool.Pool):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._started = list(self._pool)  # type: ignore[attr-defined]  # it starts others in a dead one's place

        def outcome(self, result) -> Any:
            """`result.get()` of an `apply_async`, or WorkerLost once a worker has died before it came."""
            while not result.ready():
                result.wait(WORKER_CHECK_S)
                if not result.ready():
                    self._check_workers()
            return result.get()

        def imap_unordered(self, func, iterable, chunksize=1):
            results = super().imap_unordered(func, iterable, chunksize)
            while True:
                try:
                    yield results.next(timeout=WORKER_CHECK_S)
                except StopIteration:
                    return
                except multiprocessing.TimeoutError:
                    self._check_workers()

        def _check_workers(self) -> None:
            if any(worker.exitcode is not None for worker in self._started):
                _abandon(self)
                raise WorkerLost() from None

    return CheckedPool


def _start_worker(parent: int, claims: Any) -> None:
    global _claims
    die_with_parent(parent)
    _claims = claims


def write_all(out_dir: Path, posts: list, workers: int, post_files: PostFiles, *,
              first: dict[str, bytes], last: Callable[[], dict[str, bytes]],
              made: Sequence[Path] = (), method: str | None = None,
              before: Callable[[], None] = lambda: None,
              digests: dict[str, FileDigest] | None = None,
              while_syncing: Callable[[], None] = lambda: None,
              folders_first: Sequence[Path] = ()) -> tuple[list[Path], list[Path]]:
    """Make and stage the files of `posts` on `workers` processes (this one too), then rename them all
    into place here: `first`, each post's in the order of `posts`, then `last()` (made here while the
    others work). This one runs `before()` first (the check: an exception there stages nothing more
    and writes nothing), then `last()`, then makes its part. As `atomic.write_files`: all or, failing,
    nothing staged (nor the folders `made` for this export beforehand). `digests` gets each file's
    (sha256, size) by its path, taken of the bytes staged where they were made: the caller keeps them
    without reading the files back. `while_syncing()` runs here while the files are made durable
    (`StagedFiles.commit`'s `meanwhile`). `folders_first` are made by one forked worker before it stages
    anything, while this one runs `before()`: no other process makes folders meanwhile.

    Forked workers claim chunks of the posts in turn (this one joins them after `before`, so they end
    together); spawned ones are each sent their share of `post_files` (which must not touch the library).
    """
    import multiprocessing

    workers = _usable(workers, posts)
    forked = start_method(method) == "fork"
    chunks = [posts[start:start + WRITE_CHUNK] for start in range(0, len(posts), WRITE_CHUNK)]
    shares = [posts[start::workers] for start in range(workers)]
    claims = multiprocessing.get_context("fork").Value("q", 0) if forked else None
    # Set by the worker once it made `folders_first`: this one stages nothing before (it would make them too).
    folders_made = multiprocessing.get_context("fork").Event() if forked and folders_first and workers > 1 else None
    results: dict[int, tuple] = {}
    failure: BaseException | None = None
    with _inheriting((Path(out_dir), chunks, post_files), method), \
            _pool(workers - 1, method, (claims, folders_made)) as pool:
        pending = [pool.apply_async(_stage_claimed_in_worker, (list(folders_first) if number == 1 else [],)) if forked
                   else pool.apply_async(_stage_share, ((Path(out_dir), share, post_files.share(share)),))
                   for number, share in enumerate(shares[1:], start=1)]
        try:
            before()
            closing = last()  # while the workers go on claiming: they end together
            if folders_made is not None:  # a worker that died meanwhile is not waited for long
                folders_made.wait(timeout=FOLDERS_PATIENCE_S + len(folders_first) * 0.01)
            results[0] = (_stage_claimed(claims, Path(out_dir), chunks, post_files) if claims is not None
                          else _stage_share((Path(out_dir), shares[0], post_files)))
        except BaseException as error:
            failure, closing = error, {}
            if claims is not None:
                with claims.get_lock():  # the workers stop after the chunk they are making
                    claims.value = len(chunks)
        for number, result in enumerate(pending, start=1):
            try:
                results[number] = pool.outcome(result)
            except BaseException as error:
                failure = failure or error
                if isinstance(error, WorkerLost):
                    break  # the others' staged files are left to the staging folder's cleaning
    with StagedFiles(out_dir) as staged:
        staged.adopt([], list(made))
        for _, share_made, _ in results.values():
            staged.adopt([], share_made)
        if failure is not None:
            for by_post, _, _ in results.values():
                staged.adopt([entry for entries in by_post.values() for entry in entries], [])
            raise failure  # leaving the block discards what was staged
        for path, data in first.items():
            staged.add(path, data)
        by_post = {post_id: entries for by, _, _ in results.values() for post_id, entries in by.items()}
        for post in posts:
            staged.adopt(by_post[post.id], [])
        for path, data in closing.items():
            staged.add(path, data)
        written = staged.commit(while_syncing)
    if digests is not None:
        for files in (first, closing):
            digests.update((path, file_digest(data)) for path, data in files.items())
        for _, _, share_digests in results.values():
            digests.update(share_digests)
    return written


def _stage_claimed_in_worker(folders: list[Path]) -> tuple[dict[int, list], list[Path], dict[str, FileDigest]]:
    """`_stage_claimed` of the posts `write_all` forked this worker with, `folders` made first."""
    assert _inherited is not None
    out_dir, chunks, post_files = _inherited
    made = _claims[1] if folders else None  # set by the worker given the folders only
    return _stage_claimed(_claims[0], out_dir, chunks, post_files, folders=folders,
                          folders_made=made.set if made is not None else lambda: None)


def _stage_claimed(claims, out_dir: Path, chunks: list[list], post_files: Callable[[Any], dict[str, bytes]], *,
                   folders: Sequence[Path] = (), folders_made: Callable[[], None] = lambda: None
                   ) -> tuple[dict[int, list], list[Path], dict[str, FileDigest]]:
    """The files of the chunks this process claims, made and staged. Where the disk is synced whole,
    staging writes to the page cache on this thread: each chunk is staged as it is made, so that the
    claims share out the staging too (creating a thousand files is most of this pass on a disk that
    just deleted as many); elsewhere staging threads fsync, and every file is made first (see `_staged`)."""
    def claimed() -> Iterator[tuple[int, dict[str, bytes]]]:
        while (number := _claim(claims)) < len(chunks):
            yield from [(post.id, post_files(post)) for post in chunks[number]]

    with StagedFiles(out_dir) as early:  # before any chunk is claimed
        for folder in folders:
            early.make_folder(folder)
        _, made_first = early.detach()
    folders_made()
    try:
        by_post, made, digests = _staged(out_dir, claimed() if disk_sync.whole_disk_sync_works(out_dir)
                                         else list(claimed()))
    except BaseException:
        StagedFiles.remove_folders(made_first)
        raise
    return by_post, made_first + made, digests


def _stage_share(task: tuple[Path, list, Callable[[Any], dict[str, bytes]]]
                 ) -> tuple[dict[int, list], list[Path], dict[str, FileDigest]]:
    """A share's files, staged: their temporaries by post id, the folders made and the files' digests."""
    out_dir, share, post_files = task
    return _staged(out_dir, [(post.id, post_files(post)) for post in share])


def _staged(out_dir: Path, made_files: Iterable[tuple[int, dict[str, bytes]]]
            ) -> tuple[dict[int, list], list[Path], dict[str, FileDigest]]:
    """Posts' files staged: their temporaries by post id, the folders made, and each file's digest by
    its path. Given a list, every file is made first, then staged: staging threads waking from fsync
    while this thread renders would take the interpreter lock from it again and again."""
    by_post = {}
    digests: dict[str, FileDigest] = {}
    with StagedFiles(out_dir) as staged:
        for post_id, files in made_files:
            for path, data in files.items():
                staged.add(path, data)
                digests[path] = file_digest(data)
            by_post[post_id] = list(files)
        entries, made = staged.detach()
    found = iter(entries)
    return {post_id: [next(found) for _ in names] for post_id, names in by_post.items()}, made, digests
