"""Reading source files in a worker process, each within a time budget.

A parser that meets a hostile file (markup nested 100,000 deep, a regex at its worst) can
run for minutes inside C code that no thread can interrupt; a process can be stopped. One
worker serves a whole batch, and a new one replaces it after a stop or a crash. Workers are
forked from multiprocessing's fork server, a clean process that has imported the readers
once: starting one costs milliseconds, and none inherits the archive's threads or files.
"""

from __future__ import annotations

import logging
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Generic, TypeVar, cast

from assistant.errors import InputError, ReaderFailedError, ReadTimeoutError
from ingest.source import SourceFile

__all__ = ["IsolatedReader"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def _serve(connection: Connection, task: Callable[[SourceFile], object]) -> None:
    """The worker's loop: run the task on each source sent, answer with a result or an error."""
    while True:
        try:
            source = connection.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, object] = ("ok", task(source))
        except InputError as error:
            answer = ("refused", error)
        except Exception as error:  # any reader bug or hostile input: the batch goes on
            detail = f"{type(error).__name__}: {error}"
            answer = ("failed", (" ".join(detail.split())[:160], traceback.format_exc()))
        connection.send(answer)


class IsolatedReader(Generic[T]):
    """Runs `task` on source files in a worker process, stopping it after `seconds`.

    Use one per batch (or per upload), from one thread at a time, as a context manager.
    """

    def __init__(self, task: Callable[[SourceFile], T], seconds: float) -> None:
        self._task = task
        self._seconds = seconds
        self._context = multiprocessing.get_context("forkserver")
        # takes effect when the fork server starts (the first worker of this process)
        self._context.set_forkserver_preload([task.__module__])
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    def __enter__(self) -> IsolatedReader[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> Connection:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, self._task), name="referat-reader", daemon=True
        )
        process.start()
        theirs.close()
        self._process, self._connection = process, mine
        return mine

    def read(self, source: SourceFile) -> T:
        """The task's result for one source; InputError when it fails or runs out of time."""
        if self._process is not None and not self._process.is_alive():
            self.close(wait=False)  # ended between files (stopped from outside): start anew
        connection = self._connection or self._start()
        try:
            connection.send(source)
            finished = connection.poll(self._seconds)
        except OSError as error:  # the worker is gone (killed from outside)
            self.close(wait=False)
            raise ReaderFailedError(source.name, "the reading process ended") from error
        if not finished:
            self.close(wait=False)
            raise ReadTimeoutError(source.name, self._seconds)
        try:
            kind, value = connection.recv()
        except (EOFError, OSError) as error:  # it crashed, or the system stopped it (memory)
            self.close(wait=False)
            raise ReaderFailedError(source.name, "the reading process crashed") from error
        if kind == "refused":
            assert isinstance(value, InputError)
            raise value
        if kind == "failed":
            detail, trace = value
            log.warning("reading %s failed in the worker:\n%s", source.name, trace)
            raise ReaderFailedError(source.name, detail)
        return cast(T, value)

    def close(self, wait: bool = True) -> None:
        """Stop the worker (a new one starts with the next read); `wait` lets an idle one end."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()  # an idle worker sees the end of its input and returns
        if process is not None:
            process.join(timeout=1 if wait else 0)
            if process.is_alive():
                process.kill()
                process.join()
