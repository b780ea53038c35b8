"""Python processes of their own for the window's heavy work (the preview's renders, the related index),
so that it never competes with typing.

Rendering a long post takes a hundred milliseconds of pure Python; in a thread of the window's
process it holds the interpreter lock against the keystrokes. Here the render worker's thread
only sends the text down a pipe and waits. The child is `python -m editor.core.child_process`,
or a frozen Ktav started again with CHILD_ARGUMENT (no Qt is loaded in it); messages are
length-prefixed pickles, the first one the child's READY. A render whose child is lost is done in the
calling thread, and said on stderr; a child that cannot start at all is not started again.
"""

from __future__ import annotations

import importlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, cast

RENDER_FUNCTION = "editor.core.preview.page:render_preview"
CHILD_ARGUMENT = "--ktav-render-child"  # a frozen Ktav's first argument when it is the render process
READY = "ktav-render-child-ready"
_LENGTH = struct.Struct("!Q")
START_TIMEOUT = 30.0  # seconds a child may take to say READY before it is taken for one that cannot start
# The niceness of the child that renders while the writer is still typing: those renders only keep
# the preview following, and give way to the window's keystrokes on a busy machine. The render once
# the writer pauses goes to a child at the normal priority (an unprivileged process can make a child
# nicer, never less nice again, so each child keeps its own priority).
TYPING_NICENESS = 10
NORMAL, TYPING = "normal", "typing"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the `editor` package


def child_command(function: str = RENDER_FUNCTION) -> list[str]:
    """How to start the child: a frozen program has no `-m`, so it is started again with CHILD_ARGUMENT."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT, function]
    return [sys.executable, "-m", "editor.core.child_process", function]


def named_function(function: str) -> Callable[[Any, Any], Any]:
    """The function a child serves, by its "module:name" (imported only when asked for)."""
    module, name = function.split(":")
    return getattr(importlib.import_module(module), name)


def _write(stream: BinaryIO, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read(stream: BinaryIO) -> Any:
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError("the other side closed the pipe")
    size = _LENGTH.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(data)


def serve(function: str = RENDER_FUNCTION) -> None:
    """The child's loop: (text, context) in, the render's result (or its exception) out, until the
    window closes the pipe (or has gone when the child answers)."""
    render = named_function(function)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the pipe
    try:
        _write(sink, READY)
        while True:
            try:
                text, context = _read(source)
            except EOFError:
                return
            try:
                result = render(text, context)
            except Exception as error:  # sent back: the worker reports it like a failure in a thread
                result = error
            try:
                _write(sink, result)
            except (pickle.PicklingError, TypeError, AttributeError) as error:
                _write(sink, RuntimeError(f"render result cannot be sent back: {error!r}"))
    except BrokenPipeError:  # the window went while this one worked: nobody waits for the answer
        os.dup2(os.open(os.devnull, os.O_WRONLY), sink.fileno())  # what is left in the buffer goes nowhere at exit


class _Child:
    """One render process and its pipes."""

    def __init__(self, command: list[str], start_timeout: float = START_TIMEOUT, lane: str = NORMAL,
                 niceness: int = 0) -> None:
        self.lane = lane
        env = dict(os.environ)
        if not getattr(sys, "frozen", False):
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        niceness = TYPING_NICENESS if lane == TYPING else niceness
        if niceness and hasattr(os, "setpriority"):
            try:
                pid = self.process.pid
                os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, pid) + niceness))
            except OSError:
                pass  # gone already, or not allowed: it works at the normal priority
        self._to_child = cast(BinaryIO, self.process.stdin)
        self._from_child = cast(BinaryIO, self.process.stdout)
        self.served = False  # it said READY: it started, whatever happens to it later
        self.silent = False  # stopped for saying nothing in time
        # A child that never says READY (another program, a hung start) is stopped: the render waiting
        # for it then fails over instead of waiting for ever.
        self._start_timer = threading.Timer(start_timeout, self._stop_if_silent)
        self._start_timer.daemon = True
        self._start_timer.start()

    def _stop_if_silent(self) -> None:
        if not self.served and self.process.poll() is None:
            self.silent = True
            self.process.kill()

    def could_not_start(self, code: int | None) -> bool:
        """Gone before its first render because it could not start: it exited by itself (a program
        that is no render child) or said nothing in time; not when it was killed from outside."""
        return not self.served and (self.silent or (code is not None and code >= 0))

    def render(self, text: str, context: Any) -> Any:
        if not self.served:
            if _read(self._from_child) != READY:
                raise EOFError("the render process did not start as one")
            self.served = True
            self._start_timer.cancel()
        _write(self._to_child, (text, context))
        return _read(self._from_child)

    def stop(self) -> int | None:
        """Close its pipes and wait for it; its exit code."""
        self._start_timer.cancel()
        for stream in (self._to_child, self._from_child):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=2)
        return self.process.returncode


class RenderProcess:
    """Callable like the render function: `process(text, context)` returns the render's result.

    With `children` of 2 or more, one child is kept for `while_typing(text, context)`: renders asked
    for while the writer is still typing, at a lower priority (TYPING_NICENESS); the others render
    `process(text, context)`, one per calling thread (the newest text after a pause need not wait for
    a render still running while typing). If a child has died, that render is done in the calling
    thread and a new child takes its place; if a child could not even start, every render is done in
    the calling thread from then on. Both are said on stderr (and kept in `problem`), naming the
    process by `name`. `niceness` lowers the priority of the children that are not the typing one.
    """

    renders_elsewhere = True  # the preview need not hold back renders while the writer types

    def __init__(self, function: str = RENDER_FUNCTION, fallback: Callable[[Any, Any], Any] | None = None,
                 children: int = 2, command: list[str] | None = None, start_timeout: float = START_TIMEOUT,
                 name: str = "the preview's render process", niceness: int = 0) -> None:
        self._command = command or child_command(function)
        self._start_timeout = start_timeout
        self._name = name
        self._niceness = niceness
        self._fallback = fallback or (lambda text, context: named_function(function)(text, context))
        lanes = [TYPING] * (children >= 2) + [NORMAL] * (children - (children >= 2))
        # None in a lane: no child can start, render here.
        self._idle: dict[str, queue.Queue[_Child | None]] = {lane: queue.Queue() for lane in (NORMAL, TYPING)}
        self._all: list[_Child] = []
        self._closed = False
        self._lock = threading.Lock()
        self.problem: str | None = None
        for lane in lanes:
            self._add_child(lane)
        self.while_typing: Callable[[str, Any], Any] | None = (
            (lambda text, context: self._render(TYPING, text, context)) if TYPING in lanes else None)

    @property
    def children(self) -> int:
        return len(self._all)

    @property
    def pids(self) -> list[int]:
        return [child.process.pid for child in self._all]

    def _add_child(self, lane: str) -> None:
        child = _Child(self._command, self._start_timeout, lane, self._niceness)
        with self._lock:
            self._all.append(child)
        self._idle[lane].put(child)

    def __call__(self, text: Any, context: Any) -> Any:
        return self._render(NORMAL, text, context)

    def _render(self, lane: str, text: Any, context: Any) -> Any:
        idle = self._idle[lane]
        child = idle.get()
        if child is None or self._closed:
            idle.put(child)
            return self._fallback(text, context)
        try:
            result = child.render(text, context)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):  # ValueError: its pipes closed by close()
            self._lost(child)
            return self._fallback(text, context)
        idle.put(child)
        if isinstance(result, Exception):
            raise result
        return result

    def _lost(self, child: _Child) -> None:
        with self._lock:
            if child in self._all:  # close() may have taken it already
                self._all.remove(child)
        code = child.stop()
        if self._closed:
            self._idle[child.lane].put(None)  # a call waiting for a child gets its fallback's answer
            return
        if not child.could_not_start(code):
            self._say(f"{self._name} ended (exit code {code}); this work ran in the window's process, "
                      "and a new process takes its place")
            self._add_child(child.lane)
        else:
            self._say(f"{self._name} cannot start ({' '.join(self._command)}: exit code {code}); "
                      "its work is done in the window's process")
            for idle in self._idle.values():  # the others run the same command: render here in every lane
                while True:
                    try:
                        other = idle.get_nowait()
                    except queue.Empty:
                        break
                    if other is not None:
                        with self._lock:
                            self._all.remove(other)
                        other.stop()
                idle.put(None)

    def _say(self, problem: str) -> None:
        self.problem = problem
        print(f"ktav: {problem}", file=sys.stderr)

    def close(self, *, kill: bool = False) -> None:
        """Stop the children (call once no render is running; or with `kill`, which ends them first:
        a call waiting for one then gets its fallback's answer)."""
        self._closed = True
        with self._lock:
            children, self._all = self._all, []
        for child in children:
            if kill:
                child.process.kill()
            child.stop()


if __name__ == "__main__":
    serve(*sys.argv[1:2])
