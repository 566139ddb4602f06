"""Progress of long CLI jobs: a bar on a terminal, a plain log line every few seconds elsewhere.

A bar redraws one line with carriage returns: in a CI log, a file or a background job's output
that is either nothing (tqdm turns itself off there) or noise. Off a terminal the same progress
is a line per interval with done/total, rate and time left, which any log keeps readable.
A heartbeat thread keeps the lines coming while no unit finishes: ingest embeds files in
groups, and the first group of a big folder can take minutes.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

__all__ = ["EVERY_SECONDS", "Progress", "duration"]

# often enough that a stalled job shows within a minute, rarely enough for a 16-minute ingest
# (about a hundred lines)
EVERY_SECONDS = 10.0


def duration(seconds: float) -> str:
    """A span for people: '8 s', '3 min 05 s', '1 h 02 min'."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{seconds:.1f} s" if seconds < 10 else f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Counts work done for one job; `start(total)` then `advance()` per unit, then `close()`."""

    def __init__(
        self,
        job: str,
        unit: str,
        *,
        stream: TextIO | None = None,
        terminal: bool | None = None,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        heartbeat: bool = True,
    ) -> None:
        self.job = job
        self.unit = unit
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.every = EVERY_SECONDS if every is None else every
        self.clock = clock
        self.total = 0
        self.done = 0
        self.started = clock()
        self.last_line = self.started
        self.bar: tqdm[None] | None = None
        self.closed = False
        self.heartbeat = heartbeat
        self.lock = threading.Lock()  # the heartbeat thread prints too
        self.stopped = threading.Event()
        self.beating: threading.Thread | None = None

    def start(self, total: int) -> None:
        """The job has `total` units to do (files, questions)."""
        self.total = total
        self.done = 0
        self.started = self.last_line = self.clock()
        if self.terminal:
            self.bar = tqdm(
                total=total, unit=self.unit, file=self.stream, dynamic_ncols=True, desc=self.job
            )
        elif total:
            self._line(f"{total} {self.unit}s to do")
        if self.heartbeat and total and self.beating is None:
            self.beating = threading.Thread(target=self._beat, name="progress", daemon=True)
            self.beating.start()

    def advance(self, label: str = "", count: int = 1) -> None:
        """`count` more units are done; `label` names the last one (a file name)."""
        with self.lock:
            self.done += count
            if self.bar is not None:
                if label:
                    self.bar.set_postfix_str(label[:40], refresh=False)
                self.bar.update(count)
                return
            self._due(f" · {label}" if label else "")

    def close(self) -> None:
        """The job has ended (or stopped): the bar is closed, or one last line says so."""
        self.stopped.set()
        if self.beating is not None:
            self.beating.join()
        if self.closed:
            return
        self.closed = True
        if self.bar is not None:
            self.bar.close()
        elif self.total:
            spent = self.clock() - self.started
            rate = f", {self.done / spent:.1f} {self.unit}s/s" if spent > 0 else ""
            self._line(f"{self.done}/{self.total} {self.unit}s in {duration(spent)}{rate}")

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _beat(self) -> None:
        """Between units: the bar's clock goes on, and a log line comes when one is due."""
        while not self.stopped.wait(min(1.0, self.every) or 0.01):
            with self.lock:
                if self.bar is not None:
                    self.bar.refresh()
                else:
                    self._due("")

    def _due(self, tail: str) -> None:
        """A status line, if the last line is an interval old and the job is not done."""
        now = self.clock()
        if now - self.last_line >= self.every and self.done < self.total:
            self.last_line = now
            self._line(self._status(now) + tail)

    def _status(self, now: float) -> str:
        spent = now - self.started
        rate = self.done / spent if spent > 0 else 0.0
        parts = [f"{self.done}/{self.total} {self.unit}s ({100 * self.done / self.total:.0f} %)"]
        if rate > 0:
            parts.append(f"{rate:.1f} {self.unit}s/s")
            parts.append(f"about {duration((self.total - self.done) / rate)} left")
        else:
            parts.append(f"{duration(spent)} so far")
        return ", ".join(parts)

    def _line(self, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        print(f"{stamp} {self.job}: {text}", file=self.stream, flush=True)
