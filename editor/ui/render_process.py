"""A Python process of its own for preview rendering, so rendering never competes with typing.

Rendering a long post takes a hundred milliseconds of pure Python; in a thread of the window's
process it holds the interpreter lock against the keystrokes. Here the render worker's thread
only sends the text down a pipe and waits. The child is `python -m editor.ui.render_process`
(no Qt is loaded in it); messages are length-prefixed pickles.
"""

from __future__ import annotations

import importlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO

from editor.ui.preview_page import render_preview

RENDER_FUNCTION = "editor.ui.preview_page:render_preview"
_LENGTH = struct.Struct("!Q")
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


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
    """The child's loop: (text, context) in, the render's result (or its exception) out."""
    module, name = function.split(":")
    render = getattr(importlib.import_module(module), name)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the pipe
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


class RenderProcess:
    """Callable like the render function: `process(text, context)` returns the render's result.

    Called from one worker thread at a time. If the child has died, this render is done in the
    calling thread and a new child is started for the next one.
    """

    renders_elsewhere = True  # the preview need not hold back renders while the writer types

    def __init__(self, function: str = RENDER_FUNCTION, fallback=render_preview) -> None:
        self._function = function
        self._fallback = fallback
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._start()

    def _start(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
        self._child = subprocess.Popen(
            [sys.executable, "-m", "editor.ui.render_process", self._function],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def __call__(self, text: str, context: Any) -> Any:
        with self._lock:
            try:
                _write(self._child.stdin, (text, context))
                result = _read(self._child.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                self._stop()
                self._start()
                return self._fallback(text, context)
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        for stream in (child.stdin, child.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            child.wait(timeout=2)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=2)


if __name__ == "__main__":
    serve(*sys.argv[1:2])
